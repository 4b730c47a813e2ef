// Web worker that counts tokens off the main thread. Loads each encoding's ranks once, on first use
// (see encodings.ts), and answers every request in arrival order (protocol.ts).
import { handleTokenMessage } from './worker-handler';

/** The worker's global scope, typed narrowly (this file is compiled with the DOM lib too). */
const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((event: MessageEvent) => void) | null };

// Requests are handled one after another: a chain keeps responses in order even while ranks load.
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent) => {
  queue = queue.then(async () => scope.postMessage(await handleTokenMessage(event.data)));
};
