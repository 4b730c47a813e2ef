// A regular expression that could backtrack without end ("(a+)+" and kin, see nestedQuantifier) is first tried in a
// worker on the texts it will search, with a time budget: a worker can be ended, the main thread cannot. The verdict
// is remembered per pattern (search-pattern.ts), so the list filters with it only once it is known to be fast enough.
import type { Example } from '../dataset/types';
import { inSlices } from '../util/yield';
import { searchText, searchTexts, type SearchScope } from './filter';
import { setVerdict } from './search-pattern';

/** How long the worker may take over all texts before the pattern is called too slow (ms). */
export const TRIAL_BUDGET_MS = 1500;

/** Creates the trial worker (Vite bundles this exact `new Worker(new URL(…))` form); replaceable in unit tests. */
let makeWorker = (): Worker => new Worker(new URL('./regex-trial.worker.ts', import.meta.url), { type: 'module' });
export function setTrialWorker(make: () => Worker): void {
  makeWorker = make;
}

/** Tries `re` on `texts` in a worker; 'slow' when it runs past `budgetMs` (the worker is then ended). Records the verdict. */
export function tryPattern(re: RegExp, texts: readonly string[], budgetMs = TRIAL_BUDGET_MS): Promise<'ok' | 'slow'> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = makeWorker();
    } catch {
      setVerdict(re, 'slow'); // no worker here: do not risk the main thread
      resolve('slow');
      return;
    }
    const done = (verdict: 'ok' | 'slow') => {
      clearTimeout(timer);
      worker.terminate();
      setVerdict(re, verdict);
      resolve(verdict);
    };
    const timer = setTimeout(() => done('slow'), budgetMs);
    worker.onmessage = () => done('ok');
    worker.onerror = () => done('slow');
    worker.postMessage({ source: re.source, flags: re.flags, joined: texts.join('\u0000') });
  });
}

/**
 * The search texts of `examples` in `scope` (searchTexts), read in slices first so that reading 100,000 examples'
 * text for the first time is not one long task (done when the search box gets the focus, and before a trial).
 */
export function searchTextsInSlices(examples: readonly Example[], scope: SearchScope): Promise<string[]> {
  return new Promise((resolve) =>
    inSlices(
      examples,
      () => true,
      (ex) => void searchText(ex, scope),
      () => resolve(searchTexts(examples, scope)),
    ),
  );
}
