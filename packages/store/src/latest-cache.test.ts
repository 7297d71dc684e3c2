import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLatestCache, latestKey } from './latest-cache.ts';
import type { LogRow } from './log-queries.ts';
import { obj, sqliteBackend } from './test-helpers.ts';
import type { BackendUnderTest } from './test-helpers.ts';
import type { Store, Watch } from './types.ts';

const row = (name: string, rv: number, data = '{}'): LogRow => ({ rv, resource: 'r', namespace: '', name, type: 'MODIFIED', prevRv: null, data });

describe('latest-row cache', () => {
  it('evicts the least recently used rows past its byte budget, and refuses a fill that a merge overtook', () => {
    const c = createLatestCache(3 * (1000 + 200));
    for (const n of ['a', 'b', 'c']) c.fill(latestKey('r', '', n), row(n, 1, 'x'.repeat(1000)), c.generation);
    expect(c.get(latestKey('r', '', 'a'))?.rv).toBe(1); // a is now the most recently used
    c.fill(latestKey('r', '', 'd'), row('d', 1, 'x'.repeat(1000)), c.generation);
    expect(c.get(latestKey('r', '', 'b'))).toBeUndefined();
    expect(c.get(latestKey('r', '', 'a'))).toBeDefined();

    // A read that started before a merge must not put its older row back.
    const before = c.generation;
    c.merge(new Map([[latestKey('r', '', 'e'), row('e', 5)]]));
    c.fill(latestKey('r', '', 'f'), row('f', 4), before);
    expect(c.get(latestKey('r', '', 'f'))).toBeUndefined();
    expect(c.get(latestKey('r', '', 'e'))?.rv).toBe(5);
    c.clear();
    expect(c.size).toBe(0);
  });

  it('never keeps rows of an uncached resource, by a fill or a merge', () => {
    const c = createLatestCache(1 << 20, new Set(['events']));
    const event = (name: string, rv: number): LogRow => ({ ...row(name, rv), resource: 'events' });
    c.fill(latestKey('events', 'ns', 'e1'), event('e1', 1), c.generation);
    c.merge(new Map([[latestKey('events', 'ns', 'e2'), event('e2', 2)], [latestKey('r', '', 'a'), row('a', 3)]]));
    expect(c.get(latestKey('events', 'ns', 'e1'))).toBeUndefined();
    expect(c.get(latestKey('events', 'ns', 'e2'))).toBeUndefined();
    expect(c.get(latestKey('r', '', 'a'))?.rv).toBe(3);
    expect(c.size).toBe(1);
  });
});

describe('SQLite store with the latest-row cache', () => {
  const R = 'management.drover.dev/things';
  let b: BackendUnderTest;
  let store: Store;
  beforeEach(async () => {
    b = sqliteBackend();
    store = await b.open();
  });
  afterEach(async () => b.cleanup());

  it('a transaction that fails leaves nothing in the cache; its reads see its own writes', async () => {
    const a = await store.create(R, obj('a', { spec: { v: 1 } }));
    await store.get(R, '', 'a'); // cached
    await expect(
      store.transaction(async (tx) => {
        const u = await tx.update(R, { ...a, spec: { v: 2 } });
        expect((await tx.get(R, '', 'a')).spec).toEqual({ v: 2 });
        await tx.create(R, obj('b'));
        expect(await tx.tryGet(R, '', 'b')).toBeDefined();
        await tx.update(R, { ...u, spec: { v: 3 } }, { expectedResourceVersion: a.metadata.resourceVersion }).catch(() => undefined); // stale: refused, the transaction goes on
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await store.get(R, '', 'a')).spec).toEqual({ v: 1 });
    expect(await store.tryGet(R, '', 'b')).toBeUndefined();
    // The precondition is checked against what was committed.
    const u = await store.update(R, { ...a, spec: { v: 4 } }, { expectedResourceVersion: a.metadata.resourceVersion });
    expect((await store.get(R, '', 'a')).metadata.resourceVersion).toBe(u.metadata.resourceVersion);
  });

  it('concurrent writes and reads: every get ends equal to what a list reads from the database', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `n${i}`);
    await Promise.all(names.map((n) => store.create(R, obj(n, { spec: { v: 0 } }))));
    const ops: Promise<unknown>[] = [];
    // Watches started among the writes: their initial lists warm the cache only when they are current.
    const watches: Watch[] = [];
    const drain = async (w: Watch) => {
      for await (const _ of w) void _;
    };
    for (let round = 1; round <= 5; round++) {
      const w = await store.watch(R);
      watches.push(w);
      ops.push(drain(w));
      for (const n of names) {
        ops.push(store.get(R, '', n).then((cur) => store.update(R, { ...cur, spec: { v: round } }, { expectedResourceVersion: cur.metadata.resourceVersion }).catch(() => undefined)));
        ops.push(store.tryGet(R, '', n));
        if (round === 3 && n === 'n5') ops.push(store.delete(R, '', n));
        if (round === 2) ops.push(store.transaction(async (tx) => void (await tx.update(R, { ...(await tx.get(R, '', n)), metadata: { ...(await tx.get(R, '', n)).metadata, labels: { tx: 'yes' } } }))).catch(() => undefined));
      }
    }
    for (const w of watches) w.close();
    await Promise.all(ops);
    const { items } = await store.list(R);
    for (const n of names) {
      const listed = items.find((i) => i.metadata.name === n);
      expect(await store.tryGet(R, '', n)).toEqual(listed);
    }
  });

  it('an uncached resource reads and checks preconditions against the database', async () => {
    await store.close();
    const own = await b.reopen({ uncachedResources: [R] });
    const a = await own.create(R, obj('a', { spec: { v: 1 } }));
    const u = await own.update(R, { ...(await own.get(R, '', 'a')), spec: { v: 2 } }, { expectedResourceVersion: a.metadata.resourceVersion });
    await expect(own.update(R, { ...a, spec: { v: 3 } }, { expectedResourceVersion: a.metadata.resourceVersion })).rejects.toMatchObject({ code: 'DROVER_ERR_STORE_CONFLICT' });
    expect(await own.get(R, '', 'a')).toEqual(u);
  });

  it('a rewrite of history is what a get returns next', async () => {
    await store.create(R, obj('a', { spec: { secret: 'x' } }));
    await store.get(R, '', 'a');
    await store.rewriteHistory(R, (o) => ({ ...o, spec: {} }));
    expect((await store.get(R, '', 'a')).spec).toEqual({});
  });
});
