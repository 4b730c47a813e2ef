import { describe, expect, it } from 'vitest';
import { addImage, imageDetailOf, imageUrlOf, isValidImageUrl, removePart, setPartText, withImageField } from './content-edit';

describe('image URLs', () => {
  it.each([
    ['https://upload.wikimedia.org/a.jpg', true],
    ['http://example.com/x.png', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['data:image/jpeg;base64,/9j/4AAQ', true],
    ['data:image/webp;base64,UklGR', true],
    ['data:image/gif;base64,R0lGOD', false], // OpenAI fine-tuning takes JPEG, PNG, WEBP only
    ['data:image/png,notbase64', false],
    ['ftp://example.com/a.png', false],
    ['example.com/a.png', false],
    ['', false],
    ['javascript:alert(1)', false],
  ])('judges %s as usable: %s', (url, ok) => {
    expect(isValidImageUrl(url)).toBe(ok);
  });
});

describe('content edits', () => {
  it('adding an image to plain text keeps the text as the first part', () => {
    expect(addImage('What is in this picture?')).toEqual([
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: '', detail: 'auto' } },
    ]);
  });

  it('adding then removing an image gives back the original string', () => {
    const parts = addImage('Describe it');
    expect(removePart(parts, 1)).toBe('Describe it');
  });

  it('removing one of two images keeps the parts array', () => {
    const parts = [...addImage('x'), { type: 'image_url', image_url: { url: 'https://a/b.png' } }];
    expect(removePart(parts, 1)).toEqual([{ type: 'text', text: 'x' }, parts[2]]);
  });

  it('does not collapse a text part that carries extra keys (they would be lost)', () => {
    const parts = [
      { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } },
      { type: 'image_url', image_url: { url: '' } },
    ];
    expect(removePart(parts, 1)).toEqual([parts[0]]);
  });

  it('never mutates the content it is given', () => {
    const parts = Object.freeze([Object.freeze({ type: 'text', text: 'a' }), Object.freeze({ type: 'image_url', image_url: Object.freeze({ url: 'u' }) })]);
    expect(setPartText(parts as unknown[], 0, 'b')[0]).toEqual({ type: 'text', text: 'b' });
    expect(() => removePart(parts as unknown[], 0)).not.toThrow();
    expect(withImageField(parts[1], 'detail', 'low')).toEqual({ type: 'image_url', image_url: { url: 'u', detail: 'low' } });
  });

  it('reads and upgrades the bare-string image_url form', () => {
    const old = { type: 'image_url', image_url: 'https://a/b.png' };
    expect(imageUrlOf(old)).toBe('https://a/b.png');
    expect(imageDetailOf(old)).toBe('auto');
    expect(withImageField(old, 'detail', 'high')).toEqual({ type: 'image_url', image_url: { url: 'https://a/b.png', detail: 'high' } });
  });
});
