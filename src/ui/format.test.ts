import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatTime } from './format';

const T = Date.UTC(2026, 11, 7, 14, 5, 9) / 1000;

describe('formatTime', () => {
  afterEach(() => void vi.unstubAllGlobals());
  it('a Chinese UI in an English browser writes times the Chinese way; an English UI there keeps the browser’s', () => {
    vi.stubGlobal('navigator', { language: 'en-US' });
    const zh = formatTime(T, 'zh');
    expect(zh).toMatch(/^2026\/12\/\d{1,2} /);
    expect(zh).not.toMatch(/AM|PM/);
    expect(formatTime(T, 'en')).toMatch(/^12\/\d{1,2}\/2026, /);
    expect(formatTime(T, 'zh', 'time')).not.toMatch(/AM|PM|2026/);
  });
  it('an English UI in a Chinese browser writes them the English way; no time gives nothing', () => {
    vi.stubGlobal('navigator', { language: 'zh-CN' });
    expect(formatTime(T, 'en')).toMatch(/^12\/\d{1,2}\/2026, .*(AM|PM)$/);
    expect(formatTime(null, 'en')).toBe('');
    expect(formatTime(0, 'zh')).toBe('');
  });
});
