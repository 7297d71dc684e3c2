import { describe, expect, it } from 'vitest';
import type { LogRow } from './log-queries.ts';
import { createReadBatcher } from './read-batcher.ts';
import type { ObjectKey } from './types.ts';

const key = (name: string): ObjectKey => ({ resource: 'nodes', namespace: 'c', name });
const row = (name: string, rv: number): LogRow => ({ rv, resource: 'nodes', namespace: 'c', name, type: 'ADDED', prevRv: null, data: '{}' });

/** A fake database: each call is recorded and answers when `answer()` is called. */
function fakeDb(present: Record<string, number>) {
  const calls: { keys: string[]; answer(): void; fail(err: Error): void }[] = [];
  const read = (keys: readonly ObjectKey[]) =>
    new Promise<(LogRow | undefined)[]>((resolve, reject) => {
      calls.push({
        keys: keys.map((k) => k.name),
        answer: () => resolve(keys.map((k) => (present[k.name] === undefined ? undefined : row(k.name, present[k.name]!)))),
        fail: reject,
      });
    });
  return { read, calls };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('read batcher', () => {
  it('sends reads at once while fewer than maxInFlight are out, then merges the waiting ones into one read', async () => {
    const db = fakeDb({ a: 2, b: 3, c: 4 });
    const read = createReadBatcher(db.read, { maxInFlight: 2 });
    const first = read([key('a')]);
    const second = read([key('b')]);
    const waiting = [read([key('c'), key('a')]), read([key('x')]), read([key('b'), key('c')])];
    await tick();
    expect(db.calls.map((c) => c.keys)).toEqual([['a'], ['b']]);

    db.calls[0]!.answer();
    expect((await first).map((r) => r?.rv)).toEqual([2]);
    await tick();
    // One query for the three waiting reads, each key once.
    expect(db.calls.map((c) => c.keys)).toEqual([['a'], ['b'], ['c', 'a', 'x', 'b']]);
    db.calls[2]!.answer();
    const got = await Promise.all(waiting);
    expect(got.map((rows) => rows.map((r) => r && `${r.name}@${r.rv}`))).toEqual([['c@4', 'a@2'], [undefined], ['b@3', 'c@4']]);
    db.calls[1]!.answer();
    expect((await second).map((r) => r?.name)).toEqual(['b']);
  });

  it('a read asked while a query is out waits for the next one: it sees what was written before it was asked', async () => {
    const present: Record<string, number> = { a: 2 };
    const db = fakeDb(present);
    const read = createReadBatcher(db.read, { maxInFlight: 1 });
    const before = read([key('a')]);
    present.a = 5; // a write commits while the first query is out
    const after = read([key('a')]);
    await tick();
    expect(db.calls).toHaveLength(1);
    db.calls[0]!.answer(); // answers as of now, but stands for the older snapshot below
    await before;
    await tick();
    expect(db.calls).toHaveLength(2);
    db.calls[1]!.answer();
    expect((await after)[0]?.rv).toBe(5);
  });

  it('caps a merged query at maxKeys; a larger read goes alone', async () => {
    const db = fakeDb({});
    const read = createReadBatcher(db.read, { maxInFlight: 1, maxKeys: 3 });
    const reads = [read([key('hold')]), read([key('a'), key('b')]), read([key('c')]), read([key('d')]), read(['e', 'f', 'g', 'h'].map(key))];
    for (let i = 0; i < 4; i++) {
      await tick();
      db.calls[i]!.answer();
    }
    await Promise.all(reads);
    expect(db.calls.map((c) => c.keys)).toEqual([['hold'], ['a', 'b', 'c'], ['d'], ['e', 'f', 'g', 'h']]);
  });

  it('a failed query fails each read in it; the next reads go on', async () => {
    const db = fakeDb({ b: 2 });
    const read = createReadBatcher(db.read, { maxInFlight: 1 });
    const first = read([key('hold')]);
    const failing = [read([key('a')]), read([key('b')])];
    const later = read([key('b')]);
    await tick();
    db.calls[0]!.answer();
    await first;
    await tick();
    db.calls[1]!.fail(new Error('connection lost'));
    for (const p of failing) await expect(p).rejects.toThrow('connection lost');
    // `later` was merged with the failing two (it was waiting too); a read after them goes on.
    await expect(later).rejects.toThrow('connection lost');
    const next = read([key('b')]);
    await tick();
    db.calls[2]!.answer();
    expect((await next)[0]?.rv).toBe(2);
  });
});
