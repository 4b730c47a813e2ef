// Pure edits of a message's `content` (a string, or an array of text / image_url parts, FORMATS.md §3) for
// ContentParts and ImagePart. No DOM; every function returns new values and never mutates its input.
import { isObject } from '../../../lib/dataset/edit';

type Obj = Record<string, unknown>;

/** The `detail` values OpenAI accepts on an image part; "auto" is the default when absent. */
export const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;
/** One of IMAGE_DETAILS. */
export type ImageDetail = (typeof IMAGE_DETAILS)[number];

/** An http(s) link, or a base64 data URL of a PNG, JPEG or WEBP image (the types OpenAI accepts). */
const IMAGE_URL_RE = /^(https?:\/\/\S+|data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=\s]+)$/i;

/** True when `url` is something OpenAI can read as an image (http(s) or data:image/png|jpeg|webp;base64,…). */
export function isValidImageUrl(url: string): boolean {
  return IMAGE_URL_RE.test(url.trim());
}

/** True for an `image_url` part. */
export function isImagePart(part: unknown): part is Obj {
  return isObject(part) && part.type === 'image_url';
}

/** True for a `text` part. */
export function isTextPart(part: unknown): part is Obj {
  return isObject(part) && part.type === 'text';
}

/** The image URL of a part; accepts the object form and the older bare-string form of `image_url`. */
export function imageUrlOf(part: unknown): string {
  if (!isObject(part)) return '';
  const iu = part.image_url;
  if (typeof iu === 'string') return iu;
  return isObject(iu) && typeof iu.url === 'string' ? iu.url : '';
}

/** The part's `detail`, or "auto" when absent or unknown. */
export function imageDetailOf(part: unknown): ImageDetail {
  const iu = isObject(part) ? part.image_url : undefined;
  const d = isObject(iu) ? iu.detail : undefined;
  return (IMAGE_DETAILS as readonly unknown[]).includes(d) ? (d as ImageDetail) : 'auto';
}

/** The part with `image_url.<key>` set (a bare-string `image_url` becomes the object form); other keys are kept. */
export function withImageField(part: unknown, key: 'url' | 'detail', value: string): Obj {
  const base: Obj = isObject(part) ? part : { type: 'image_url' };
  const iu = base.image_url;
  const obj: Obj = isObject(iu) ? { ...iu } : { url: typeof iu === 'string' ? iu : '' };
  obj[key] = value;
  return { ...base, image_url: obj };
}

/** A new, empty image part. */
export function emptyImagePart(): Obj {
  return { type: 'image_url', image_url: { url: '', detail: 'auto' } };
}

/** Content with an empty image appended: a string becomes [text part, image part]; an array gets one more part. */
export function addImage(content: unknown): unknown[] {
  if (Array.isArray(content)) return [...content, emptyImagePart()];
  const text = typeof content === 'string' ? content : '';
  return [{ type: 'text', text }, emptyImagePart()];
}

/** Content with part `index` replaced by `part`. */
export function replacePart(content: unknown[], index: number, part: unknown): unknown[] {
  return content.map((p, i) => (i === index ? part : p));
}

/** Content with the text of part `index` set to `text`. */
export function setPartText(content: unknown[], index: number, text: string): unknown[] {
  return replacePart(content, index, { ...(isObject(content[index]) ? content[index] : { type: 'text' }), text });
}

/**
 * Content without part `index`. When no image is left and what remains is a single text part (with no other
 * keys), it collapses back to a plain string; no parts at all become "".
 */
export function removePart(content: unknown[], index: number): unknown {
  const rest = content.filter((_, i) => i !== index);
  if (rest.length === 0) return '';
  const [only] = rest;
  if (rest.length === 1 && isTextPart(only) && typeof only.text === 'string' && Object.keys(only).length === 2) return only.text;
  return rest;
}
