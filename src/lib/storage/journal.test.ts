// The journal keeps an edit that never reached IndexedDB (tab closed first) and gives it back on open; once the
// value is stored its entry goes, and an entry older than the stored dataset is never replayed over it.
import { describe, expect, it } from 'vitest';
import type { Example } from '../dataset/types';
import { Journal, JOURNAL_PREFIX, MAX_JOURNALED_CHARS, type StorageLike } from './journal';

function memoryStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
const ex = (id: string, content = id): Example => ({ id, value: { messages: [{ role: 'user', content }] } });
const list = [ex('a'), ex('b'), ex('c')];
const lookupIn = (l: Example[]) => (id: string) => {
  const i = l.findIndex((e) => e.id === id);
  return i < 0 ? undefined : { example: l[i], after: l[i - 1]?.id };
};

describe('Journal', () => {
  it('an edit journaled but never stored comes back on the next open, in place', () => {
    const storage = memoryStorage();
    const edited = [list[0], ex('b', 'typed then closed'), list[2]];
    new Journal(storage, 'tab1').record('ds', '2026-01-02T00:00:00.000Z', ['b'], [], lookupIn(edited));
    const replay = new Journal(storage, 'tab2').replay('ds', '2026-01-01T00:00:00.000Z', list);
    expect(replay?.examples).toEqual(edited);
    expect(replay?.upserted).toEqual(['b']);
  });

  it('a new example comes back after the one it followed, and a deletion is replayed', () => {
    const storage = memoryStorage();
    const j = new Journal(storage, 't');
    const added = [list[0], ex('n', 'new'), list[1], list[2]];
    j.record('ds', '2026-01-02T00:00:00.000Z', ['n'], [], lookupIn(added));
    j.record('ds', '2026-01-02T00:00:01.000Z', [], ['c'], lookupIn(added));
    const replay = new Journal(storage, 'u').replay('ds', '2026-01-01T00:00:00.000Z', list);
    expect(replay?.examples.map((e) => e.id)).toEqual(['a', 'n', 'b']);
    expect(replay?.removed).toEqual(['c']);
  });

  it('a committed value clears its entry, unless the example changed again meanwhile', () => {
    const storage = memoryStorage();
    const j = new Journal(storage, 't');
    const v1 = [list[0], ex('b', 'one'), list[2]];
    j.record('ds', '2026-01-02T00:00:00.000Z', ['b'], [], lookupIn(v1));
    const v2 = [list[0], ex('b', 'two'), list[2]];
    j.record('ds', '2026-01-02T00:00:01.000Z', ['b'], [], lookupIn(v2));
    j.committed('ds', [v1[1]], []); // the write that just committed carried the older value
    expect(storage.map.size).toBe(1);
    j.committed('ds', [v2[1]], []);
    expect(storage.map.size).toBe(0);
  });

  it('never replays an entry older than the stored dataset (it was stored, maybe overwritten since)', () => {
    const storage = memoryStorage();
    new Journal(storage, 't').record('ds', '2026-01-02T00:00:00.000Z', ['b'], [], lookupIn([list[0], ex('b', 'old')]));
    expect(new Journal(storage, 'u').replay('ds', '2026-01-03T00:00:00.000Z', list)).toBeNull();
    expect(storage.map.size).toBe(0);
  });

  it('does not journal a huge example, and drops an older entry of it', () => {
    const storage = memoryStorage();
    const j = new Journal(storage, 't');
    j.record('ds', '2026-01-02T00:00:00.000Z', ['b'], [], lookupIn([list[0], ex('b', 'small'), list[2]]));
    j.record('ds', '2026-01-02T00:00:01.000Z', ['b'], [], lookupIn([list[0], ex('b', 'x'.repeat(MAX_JOURNALED_CHARS)), list[2]]));
    expect(storage.map.size).toBe(0);
  });

  it('prune() removes entries of deleted datasets and survives junk', () => {
    const storage = memoryStorage();
    storage.setItem(`${JOURNAL_PREFIX}gone:x`, '{"at":"z","token":"q","removed":true}');
    storage.setItem(`${JOURNAL_PREFIX}ds:y`, 'not json');
    storage.setItem('other-app', 'kept');
    const j = new Journal(storage, 't');
    j.prune(new Set(['ds']));
    expect(j.replay('ds', '', list)).toBeNull();
    expect([...storage.map.keys()]).toEqual(['other-app']);
  });
});
