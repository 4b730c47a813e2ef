// English sentences of the app's own messages (beside the core's, src/lib/dataset/messages): API errors and notes
// of the Train tab, the Train tab's pre-flight issues, problems found in storage, and the raw editor's quick fixes.
// Keyed by code or `code.variant`; the params each function declares are the contract for every language.
import type { At, Message, Render } from '../../dataset/messages/types';

/** " The server said: “…”" after an API error, when it said something. */
const said = (p: { said?: string }, fallback = ''): string => (p.said ? ` The server said: “${p.said}”` : fallback);

export const appEn = {
  // API errors (openai/errors.ts)
  'api.aborted': () => 'The request was stopped.',
  'api.network': (p: { host?: string }) =>
    `Could not reach ${p.host ?? 'the API'}: the connection dropped or the address is wrong. Check your internet connection and the API base URL, then try again.`,
  'api.cors': (p: { host?: string }) =>
    `${p.host ?? 'the API'} answered, but without the CORS headers a browser needs, so the answer was hidden from this page. This happens when the API base URL is not an OpenAI-compatible API that allows browser calls, and OpenAI itself sometimes leaves these headers off error answers (a wrong key or a wrong path): check the key and the API base URL.`,
  'api.invalid_response': (p: { host?: string; field?: string }) =>
    `${p.host ?? 'the API'} sent an answer this app could not read${p.field ? ` (its “${p.field}” is missing or not what the API documents)` : ''}. Check that the API base URL points at an OpenAI-compatible API (for OpenAI: https://api.openai.com/v1).`,
  'api.bad_request': (p: { said?: string }) => `The request was refused (400).${said(p, ' Check the settings and try again.')}`,
  'api.unauthorized': (p: { said?: string }) =>
    `The API key was refused (401). Paste the whole key again, check it has not been revoked, and that it belongs to this endpoint (and organization/project, if you set them).${said(p)}`,
  'api.forbidden': (p: { said?: string }) =>
    `Not allowed (403): this key, organization or project may not use fine-tuning (new organizations can no longer create jobs), or the project lacks the permission. Check the key's permissions and the organization/project fields.${said(p)}`,
  'api.not_found': (p: { said?: string }) =>
    `Not found (404): check the API base URL (for OpenAI it ends in /v1), and that the model or job exists for this key's organization.${said(p)}`,
  'api.too_large': (p: { said?: string }) =>
    `The file is too large for this request (413). Files over 512 MB are sent in parts automatically; if this endpoint has a lower limit, split or shrink the dataset.${said(p)}`,
  'api.quota': (p: { said?: string }) =>
    `Your quota is used up (429 insufficient_quota). Add credit or raise the limit in your billing settings, then try again.${said(p)}`,
  'api.rate_limited': (p: { said?: string }) =>
    `Too many requests (429): the rate limit was hit. The app retries by itself after a pause; if it keeps happening, wait a minute and try again.${said(p)}`,
  'api.server_error': (p: { status: number; said?: string }) =>
    `The server had a problem (${p.status}). This is usually temporary: the app retries by itself; if it keeps failing, try again later.${said(p)}`,
  'api.failed': (p: { status: number; said?: string }) => `The request failed (${p.status}).${said(p)}`,
  'api.retrying': (p: { label: string | Message; error: Message; attempt: number; seconds: number }, _at: At, r: Render) =>
    `${typeof p.label === 'string' ? p.label : r(p.label)}: ${r(p.error)} Retrying (${p.attempt}) in ${p.seconds} s…`,
  // what was being done when a retry was needed (the label of api.retrying; a plain request is named "GET /v1/…")
  'api.step.upload': () => 'Uploading the file',
  'api.step.create_job': () => 'Creating the job',
  'api.url_invalid': () => 'Enter a full URL, e.g. https://api.openai.com/v1.',
  'api.url_insecure': () => 'Use https:// (plain http is only allowed for localhost), so the key is not sent in the clear.',
  'api.error': (p: { text: string }) => p.text,
  'train.remember_refused': () => 'This browser refused to store the key; it stays in memory for this tab only.',

  // pre-flight issues of the Train tab (openai/preflight.ts)
  'invalid_n_examples.train': (p: { count: number; min: number }) =>
    `The training file has ${p.count} example(s); OpenAI needs at least ${p.min}. Add more examples (about 50 well-made ones is a good start).`,
  deadline_passed: (p: { date: string }) =>
    `OpenAI stopped accepting new fine-tuning jobs on ${p.date}. Export the dataset and train elsewhere (Azure OpenAI, Together, Fireworks, or an open-model trainer).`,
  'unknown_model.train': (p: { model: string }) =>
    `“${p.model}” is not in the model catalog: costs and limits below may be missing. The API will say if it cannot fine-tune it.`,
  model_retired: (p: { model: string; date: string }) => `${p.model} shut down on ${p.date}: choose another base model.`,
  method_not_supported: (p: { model: string; format: string; method: string }) =>
    `${p.model} cannot be trained on a ${p.format.replace('_', '/')} file. Choose a model that supports ${p.method}.`,
  validation_overlap: (p: { count: number; total: number }) =>
    `${p.count} of ${p.total} validation examples also appear in the training file, so validation loss will look better than it is. Remove them from one of the files.`,

  // problems found while loading storage (storage/records.ts)
  stored_dataset_unreadable: (p: { reason: string }) =>
    `The saved name and settings of this dataset could not be read (${p.reason}); its examples were loaded. Rename it and check the model and format.`,
  stored_pack_unreadable: (p: { reason: string }) =>
    `A block of saved examples could not be read (${p.reason}); the examples it held are missing. Re-import the file if you still have it.`,
  stored_pack_newer: (p: { reason: string }) =>
    `A block of saved examples could not be read (${p.reason}); the examples it held are missing. Re-import the file if you still have it.`,
  stored_example_unreadable: (p: { reason: string }) =>
    `A saved example could not be read (${p.reason}). Its stored text is shown as a raw record: fix it or delete it.`,
  'stored_example_unreadable.no_id': () => 'A saved example without a readable id could not be loaded; it is missing from the dataset.',
  stored_example_newer: (p: { reason: string }) =>
    `A saved example could not be read (${p.reason}). Its stored text is shown as a raw record: fix it or delete it.`,
  stored_order_unreadable: (p: { reason: string }) =>
    `The saved order of this dataset's examples could not be read (${p.reason}); examples are shown in storage order. Reorder them if needed.`,
  stored_example_missing: (p: { count: number }) =>
    `${p.count} example(s) listed in this dataset were not found in storage and are skipped (the browser may have cleared part of the site's data).`,
  stored_example_unlisted: (p: { count: number }) =>
    `${p.count} saved example(s) were not in the dataset's order (probably a save cut off when the tab closed); they were added at the end. Check them and delete any you do not want.`,

  // raw editor quick fixes
  'raw.apply_fix': (p: { fix: Message }, _at: At, r: Render) => `Apply fix: ${r(p.fix)}`,
  'raw.apply_all': (p: { count: number }) => `Apply all ${p.count} fixes`,
};
