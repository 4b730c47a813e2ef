// The targets' API lives in targets/ (index.ts); this path stays for the importers written before it moved.
export * from './targets/index';
