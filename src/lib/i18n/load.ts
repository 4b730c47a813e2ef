// Chinese, on demand: the UI texts, the core's sentences and the app's own, in one lazily loaded chunk. English is
// built in; an English page never downloads the Chinese tables (they would add ≈ 20 KB gzipped to the first screen).
import { useCatalogChinese } from './catalog';
import { useCoreChinese } from '../dataset/messages/index';
import { useAppChinese } from './messages/index';

let loading: Promise<void> | undefined;

/** Loads and installs every Chinese table once; later calls wait for the same load. */
export function loadChinese(): Promise<void> {
  loading ??= Promise.all([import('./catalog-zh'), import('../dataset/messages/zh'), import('./messages/zh')]).then(
    ([{ CATALOG_ZH }, { CORE_ZH }, { appZh }]) => {
      useCatalogChinese(CATALOG_ZH);
      useCoreChinese(CORE_ZH);
      useAppChinese({ ...CORE_ZH, ...appZh });
    },
    (e: unknown) => {
      loading = undefined; // offline before the chunk was cached: try again on the next switch
      throw e;
    },
  );
  return loading;
}
