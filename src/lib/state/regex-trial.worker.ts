// Tries a regular expression on texts off the main thread: the page's guard (regex-guard.ts) ends this worker when
// it runs past its time budget, which nothing can do to a regular expression running on the main thread.
self.onmessage = (e: MessageEvent<{ source: string; flags: string; texts: string[] }>) => {
  const { source, flags, texts } = e.data;
  const re = new RegExp(source, flags.replace('g', ''));
  let matched = 0;
  for (const text of texts) if (re.test(text)) matched++;
  self.postMessage({ matched });
};
