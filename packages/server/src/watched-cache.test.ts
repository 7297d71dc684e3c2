import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempStore } from './testing.ts';
import type { TempStore } from './testing.ts';
import { createWatchedCache } from './watched-cache.ts';

const R = 'test.drover.dev/things';
let t: TempStore;

beforeAll(async () => {
  t = await createTempStore();
});
afterAll(async () => {
  await t.cleanup();
});

async function until(cond: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('condition not met in 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('createWatchedCache', () => {
  it('loads once per key while watching, loads again after a change to that key, and every time once closed', async () => {
    await t.store.create(R, { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'a' }, spec: { n: 1 } });
    await t.store.create(R, { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'b' }, spec: { n: 1 } });
    const loads: string[] = [];
    const cache = createWatchedCache<number>(t.store, R, (o) => o.metadata.name);
    const read = (name: string) => () => {
      loads.push(name);
      return t.store.tryGet(R, '', name).then((o) => (o === undefined ? undefined : (o.spec as { n: number }).n));
    };
    await cache.start();
    expect(await cache.get('a', read('a'))).toBe(1);
    expect(await cache.get('a', read('a'))).toBe(1);
    expect(await cache.get('b', read('b'))).toBe(1);
    expect(loads).toEqual(['a', 'b']);

    const a = await t.store.get(R, '', 'a');
    await t.store.update(R, { ...a, spec: { n: 2 } });
    await until(async () => (await cache.get('a', read('a'))) === 2);
    const loadsOfB = loads.filter((l) => l === 'b').length;
    expect(await cache.get('b', read('b'))).toBe(1);
    expect(loads.filter((l) => l === 'b').length).toBe(loadsOfB);

    // Absent objects are not cached.
    expect(await cache.get('c', read('c'))).toBeUndefined();
    expect(await cache.get('c', read('c'))).toBeUndefined();
    expect(loads.filter((l) => l === 'c')).toHaveLength(2);

    cache.close();
    const before = loads.length;
    await cache.get('a', read('a'));
    await cache.get('a', read('a'));
    expect(loads.length).toBe(before + 2);
  });

  it('keeps nothing loaded across an invalidation that happened during the load', async () => {
    await t.store.create(R, { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'd' }, spec: { n: 1 } });
    const cache = createWatchedCache<number>(t.store, R, (o) => o.metadata.name);
    await cache.start();
    let loads = 0;
    const load = (): Promise<number> => {
      loads += 1;
      cache.invalidate('d');
      return Promise.resolve(1);
    };
    await cache.get('d', load);
    await cache.get('d', load);
    expect(loads).toBe(2);
    cache.close();
  });
});
