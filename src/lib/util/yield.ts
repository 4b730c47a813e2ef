// Giving the page a turn between slices of long work, without the cost of setTimeout(0): browsers clamp nested
// timers to 4 ms (measured in Chromium 156: 4.2 ms per yield in a chain), so with 12 ms slices a quarter of the main
// thread's time went idle. Pure (no DOM): it also runs in Node (CLI, bench, unit tests).

/** How long a slice of work on the page may run before it yields (a frame is 16 ms; input must stay responsive). */
export const SLICE_MS = 12;

/** One MessageChannel shared by every pending yield; its messages run as tasks of their own (no clamping). */
let channel: { post: () => void; waiting: (() => void)[] } | undefined;

function viaMessageChannel(): Promise<void> {
  if (!channel) {
    const mc = new MessageChannel();
    const waiting: (() => void)[] = [];
    mc.port1.onmessage = () => waiting.shift()?.();
    // In Node an open port keeps the process alive: let it exit when nothing else is pending.
    (mc.port1 as unknown as { unref?: () => void }).unref?.();
    channel = { post: () => mc.port2.postMessage(null), waiting };
  }
  const c = channel;
  return new Promise<void>((resolve) => {
    c.waiting.push(resolve);
    c.post();
  });
}

/**
 * Resolves in a new task, after the page had a turn (input, paint, other queued tasks): a MessageChannel message
 * (Node's setImmediate in Node); setTimeout(0) only as the last resort. Not `scheduler.yield()`: its continuations
 * run ahead of other queued tasks, so a long loop of them starved the workers' answers and DevTools-protocol calls
 * until the loop ended (measured: an import's progress bar, read by a test, stayed at 0 for the whole import).
 */
export function yieldToPage(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return new Promise((resolve) => void immediate(resolve));
  if (typeof MessageChannel === 'function') return viaMessageChannel();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Calls `each` for every item of `list` in slices of `sliceMs` (the clock is read every 1,024 items), giving the
 * page a turn between slices, then `done`. The first slice runs now; a slice that finds `live()` false stops quietly.
 */
export function inSlices<T>(list: readonly T[], live: () => boolean, each: (item: T, index: number) => void, done: () => void, sliceMs = SLICE_MS): void {
  let i = 0;
  const step = () => {
    if (!live()) return;
    const end = performance.now() + sliceMs;
    const first = i; // every slice makes progress, however small its budget
    for (; i < list.length; i++) {
      if ((i & 1023) === 0 && i > first && performance.now() > end) return void yieldToPage().then(step);
      each(list[i], i);
    }
    done();
  };
  step();
}
