// Saves text as a file through the browser's download mechanism (no server involved).

/** Starts a download of `text` as `fileName` with MIME type `type` (defaults to JSON Lines). */
export function downloadText(fileName: string, text: string | Blob, type = 'application/jsonl'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-system-safe base name from a dataset name. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'dataset';
}
