import { describe, expect, it } from 'vitest';
import { CREDENTIALS_STORAGE_KEY, baseUrlProblem, forget, loadRemembered, remember } from './credentials';

function memStorage() {
  const m = new Map<string, string>();
  return { m, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) };
}
const e = { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-abcdefgh12345678', authStyle: 'bearer' as const };

describe('remembering the key', () => {
  it('a remembered key comes back after a reload, under a single storage key', () => {
    const s = memStorage();
    expect(remember(s, e)).toBe(true);
    expect([...s.m.keys()]).toEqual([CREDENTIALS_STORAGE_KEY]);
    expect(loadRemembered(s)?.apiKey).toBe(e.apiKey);
  });
  it('"Forget key" leaves nothing behind', () => {
    const s = memStorage();
    remember(s, e);
    forget(s);
    expect(s.m.size).toBe(0);
    expect(loadRemembered(s)).toBeNull();
  });
  it('garbage in storage is ignored, not trusted', () => {
    const s = memStorage();
    s.setItem(CREDENTIALS_STORAGE_KEY, '{"v":1,"apiKey":5}');
    expect(loadRemembered(s)).toBeNull();
  });
  it('a storage that throws (private mode, quota) does not break anything', () => {
    const broken = {
      getItem: () => {
        throw new Error('x');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => {
        throw new Error('x');
      },
    };
    expect(remember(broken, e)).toBe(false);
    expect(loadRemembered(broken)).toBeNull();
    expect(() => forget(broken)).not.toThrow();
  });
  it('plain http is refused except for localhost', () => {
    expect(baseUrlProblem('http://api.example.com/v1')).toMatch(/https/);
    expect(baseUrlProblem('http://127.0.0.1:4505/v1')).toBeNull();
    expect(baseUrlProblem('not a url')).toMatch(/full URL/);
  });
});
