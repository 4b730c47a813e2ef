// Near-duplicate search off the main thread: signs every text (MinHash) and groups them (LSH), so the page stays
// responsive on 100,000 examples and the work runs on a core of its own. Posts progress, then the groups.
import { groupNear, signatureOfText } from './near-dup';

self.onmessage = (e: MessageEvent<{ texts: string[]; threshold: number }>) => {
  const { texts, threshold } = e.data;
  const sigs: (Uint32Array | null)[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    sigs[i] = signatureOfText(texts[i]);
    if ((i & 8191) === 8191) self.postMessage({ progress: (i / texts.length) * 0.9 });
  }
  self.postMessage({ groups: groupNear(sigs, threshold) });
};
