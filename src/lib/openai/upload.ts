// Sends a training or validation file: the Files API for files up to 512 MB, the Uploads API in parts
// (≤ 64 MB each) above that. Sizes are injectable so tests exercise the part logic with tiny files.
import type { OpenAIClient } from './client';
import type { FileObject } from './schemas';

/** Largest file the Files API takes in one request: 512 MB. */
export const FILES_API_MAX_BYTES = 512 * 1024 * 1024;
/** Largest part the Uploads API takes: 64 MB. */
export const UPLOAD_PART_MAX_BYTES = 64 * 1024 * 1024;

/** Byte range [start, end) of one part. */
export interface PartRange {
  start: number;
  end: number;
}

/** Splits `size` bytes into consecutive parts of at most `partBytes` (the last one may be shorter). */
export function planParts(size: number, partBytes: number = UPLOAD_PART_MAX_BYTES): PartRange[] {
  if (!(partBytes > 0)) throw new RangeError('partBytes must be positive');
  const parts: PartRange[] = [];
  for (let start = 0; start < size; start += partBytes) parts.push({ start, end: Math.min(size, start + partBytes) });
  return parts;
}

/** Options of {@link uploadJsonl}. */
export interface UploadOptions {
  /** Progress in bytes sent so far over the whole file. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** Files larger than this go through the Uploads API. Defaults to 512 MB. */
  maxSimpleBytes?: number;
  /** Part size for the Uploads API. Defaults to 64 MB. */
  partBytes?: number;
}

/** Uploads JSONL text as a fine-tune file and returns the file object (its `id` goes into the job). */
export async function uploadJsonl(client: OpenAIClient, text: string, filename: string, opts: UploadOptions = {}): Promise<FileObject> {
  const blob = new Blob([text], { type: 'application/jsonl' });
  const total = blob.size;
  const maxSimple = opts.maxSimpleBytes ?? FILES_API_MAX_BYTES;
  if (total <= maxSimple) {
    return client.uploadFile(blob, filename, (loaded) => opts.onProgress?.(Math.min(loaded, total), total), opts.signal);
  }
  const upload = await client.createUpload(filename, total);
  const ids: string[] = [];
  for (const range of planParts(total, Math.min(opts.partBytes ?? UPLOAD_PART_MAX_BYTES, UPLOAD_PART_MAX_BYTES))) {
    const part = blob.slice(range.start, range.end);
    const size = range.end - range.start;
    ids.push(await client.addUploadPart(upload.id, part, (loaded) => opts.onProgress?.(range.start + Math.min(loaded, size), total), opts.signal));
    opts.onProgress?.(range.end, total);
  }
  return client.completeUpload(upload.id, ids);
}

/** A file name ending in `.jsonl` made from a dataset name (safe characters only). */
export function jsonlFileName(name: string, suffix = ''): string {
  const base =
    name
      .replace(/\.jsonl?$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'dataset';
  return `${base}${suffix}.jsonl`;
}
