// The validator lives in validate/ (see validate/index.ts); this module keeps the import path of its callers.
export * from './validate/index';
