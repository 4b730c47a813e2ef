// Rules for a message's `content`: text, or a list of text and image parts.
import { isObject } from '../edit';
import { IMAGE_DETAILS, IMAGE_URL } from './codes';
import { checkText, kind, type ChatState, type MessageList, type MessagePlace } from './collector';

/** Checks one message's content (text or a list of parts); returns true when it carries any text or image. */
export function checkContent(list: MessageList, state: ChatState, place: MessagePlace, content: unknown, mPath: string, mi: number | undefined): boolean {
  const { c } = list;
  const role = place.role;
  const path = `${mPath}.content`;
  if (typeof content === 'string') {
    checkText(c, content, place, path, mi);
    return content.trim() !== '';
  }
  if (!Array.isArray(content)) {
    c.add('content_invalid', { ...place, kind: kind(content) }, path, mi);
    return true; // reported; don't also call it empty
  }
  if (role === 'tool') c.add('tool_content_array', place, path, mi);
  let filled = false;
  content.forEach((part, j) => {
    const p = `${path}[${j}]`;
    const at = { ...place, part: j + 1 };
    if (!isObject(part)) {
      c.add('content_part_invalid.not_object', { ...at, kind: kind(part) }, p, mi);
      filled = true; // reported; don't also call the content empty
      return;
    }
    if (part.type === 'text') {
      for (const key of Object.keys(part)) {
        if (key !== 'type' && key !== 'text') c.add('content_part_invalid.text_extra_key', { ...at, key }, `${p}.${key}`, mi);
      }
      if (typeof part.text !== 'string') {
        c.add('content_part_invalid.text', at, `${p}.text`, mi);
        filled = true; // reported; don't also call the content empty
      } else {
        checkText(c, part.text, place, `${p}.text`, mi);
        if (part.text.trim() !== '') filled = true;
      }
      return;
    }
    if (part.type === 'image_url') {
      state.images += 1;
      filled = true;
      if (list.mode === 'preference') {
        c.add('image_not_allowed.preference', at, p, mi);
        return;
      }
      if (role !== 'user') {
        c.add('image_not_allowed', at, p, mi);
        return;
      }
      for (const key of Object.keys(part)) {
        if (key !== 'type' && key !== 'image_url') c.add('content_part_invalid.image_extra_key', { ...at, key }, `${p}.${key}`, mi);
      }
      const img = part.image_url;
      if (!isObject(img)) {
        c.add('image_url_invalid.missing', at, `${p}.image_url`, mi);
        return;
      }
      if (typeof img.url !== 'string' || !IMAGE_URL.test(img.url)) c.add('image_url_invalid', at, `${p}.image_url.url`, mi);
      if ('detail' in img && (typeof img.detail !== 'string' || !IMAGE_DETAILS.has(img.detail))) {
        c.add('image_detail_invalid', at, `${p}.image_url.detail`, mi);
      }
      for (const key of Object.keys(img)) {
        if (key !== 'url' && key !== 'detail') c.add('content_part_invalid.image_url_extra_key', { ...at, key }, `${p}.image_url.${key}`, mi);
      }
      return;
    }
    filled = true; // reported; don't also call the content empty
    const images = role === 'user' && list.mode === 'supervised';
    c.add('content_part_invalid.type', { ...at, type: JSON.stringify(part.type ?? null), images }, `${p}.type`, mi);
  });
  return filled;
}
