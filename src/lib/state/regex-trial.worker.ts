// Tries a regular expression on texts off the main thread: the page's guard (regex-guard.ts) ends this worker when
// it runs past its time budget, which nothing can do to a regular expression running on the main thread.
// The texts come as one string joined by NUL: one string is copied at memory speed, 100,000 are cloned one by one.
self.onmessage = (e: MessageEvent<{ source: string; flags: string; joined: string }>) => {
  const { source, flags, joined } = e.data;
  const texts = joined.split('\u0000');
  const re = new RegExp(source, flags.replace('g', ''));
  let matched = 0;
  for (const text of texts) if (re.test(text)) matched++;
  self.postMessage({ matched });
};
