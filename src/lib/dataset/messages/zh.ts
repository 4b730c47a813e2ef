// Every Chinese sentence of the core (the same keys and params as CORE_EN), installed with useCoreChinese: kept
// out of index.ts so the app's first screen does not carry it (the CLI and the app's Chinese mode load it).
import type { CORE_EN } from './index';
import type { Translation } from './types';
import { validateZh } from './zh-validate';
import { fileZh } from './zh-file';
import { repairZh } from './zh-repair';
import { targetZh } from './zh-target';

export const CORE_ZH: Translation<typeof CORE_EN> = { ...validateZh, ...fileZh, ...repairZh, ...targetZh };
