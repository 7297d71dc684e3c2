/**
 * Behavioural tests of reads and writes, run against every backend (see store-*.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreErrorCode } from './errors.ts';
import type { BackendFactory, BackendUnderTest } from './test-helpers.ts';
import { obj } from './test-helpers.ts';
import type { Store } from './types.ts';

const R = 'management.drover.dev/things';

/** Defines the CRUD/list/transaction tests for one backend. */
export function describeCrudBehaviour(backend: BackendFactory): void {
  let b: BackendUnderTest;
  let store: Store;
  beforeEach(async () => {
    b = backend();
    store = await b.open();
  });
  afterEach(() => b.cleanup());

  describe('create / get', () => {
    it('assigns resourceVersion, uid and creationTimestamp, and keeps given ones', async () => {
      const before = Number(await store.currentResourceVersion());
      const a = await store.create(R, obj('a', { namespace: 'ns1', spec: { x: 1 } }));
      expect(a.metadata.resourceVersion).toBe(String(before + 1));
      expect(a.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const given = await store.create(R, { ...obj('b'), metadata: { name: 'b', uid: 'u-1', creationTimestamp: '2020-01-01T00:00:00Z' } });
      expect(given.metadata.uid).toBe('u-1');
      expect(given.metadata.creationTimestamp).toBe('2020-01-01T00:00:00Z');
      expect(await store.get(R, 'ns1', 'a')).toEqual(a);
      expect(await store.currentResourceVersion()).toBe(given.metadata.resourceVersion);
    });

    it('does not share objects with the caller', async () => {
      const input = obj('a', { spec: { x: 1 } });
      const created = await store.create(R, input);
      expect(input.metadata.resourceVersion).toBeUndefined();
      (created.spec as { x: number }).x = 99;
      const got = await store.get(R, '', 'a');
      expect(got.spec).toEqual({ x: 1 });
    });

    it('reports ALREADY_EXISTS, NOT_FOUND and INVALID', async () => {
      await store.create(R, obj('a'));
      await expect(store.create(R, obj('a'))).rejects.toMatchObject({ code: StoreErrorCode.ALREADY_EXISTS });
      await expect(store.get(R, '', 'b')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
      await expect(store.get(R, 'ns', 'a')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
      await expect(store.get('other/resource', '', 'a')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
      await expect(store.create(R, { ...obj('x'), metadata: { name: '' } })).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
      await expect(store.create('', obj('x'))).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
      // The same name in another namespace or resource is another key.
      await store.create(R, obj('a', { namespace: 'ns' }));
      await store.create('other/resource', obj('a'));
    });

    it('tryGet answers undefined for an absent or deleted object and rejects other failures', async () => {
      const a = await store.create(R, obj('a', { namespace: 'ns' }));
      expect(await store.tryGet(R, 'ns', 'a')).toEqual(a);
      expect(await store.tryGet(R, '', 'a')).toBeUndefined();
      await store.delete(R, 'ns', 'a');
      expect(await store.tryGet(R, 'ns', 'a')).toBeUndefined();
      await expect(store.tryGet('', 'ns', 'a')).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
      expect(await store.transaction((tx) => tx.tryGet(R, 'ns', 'a'))).toBeUndefined();
    });

    it('advances one store-wide counter by one per write, across resources', async () => {
      const rvs: number[] = [];
      rvs.push(Number((await store.create(R, obj('a'))).metadata.resourceVersion));
      rvs.push(Number((await store.create('other/r', obj('a'))).metadata.resourceVersion));
      rvs.push(Number((await store.update(R, obj('a', { spec: { v: 2 } }))).metadata.resourceVersion));
      rvs.push(Number((await store.delete('other/r', '', 'a')).object.metadata.resourceVersion));
      expect(rvs).toEqual([rvs[0], rvs[0]! + 1, rvs[0]! + 2, rvs[0]! + 3]);
    });
  });

  describe('update', () => {
    it('enforces expectedResourceVersion and carries uid over', async () => {
      const a = await store.create(R, obj('a', { spec: { v: 1 } }));
      await expect(store.update(R, obj('a', { spec: { v: 2 } }), { expectedResourceVersion: '1' })).rejects.toMatchObject({
        code: StoreErrorCode.CONFLICT,
      });
      const u = await store.update(R, obj('a', { spec: { v: 2 } }), { expectedResourceVersion: a.metadata.resourceVersion });
      expect(Number(u.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
      expect(u.metadata.uid).toBe(a.metadata.uid);
      expect(u.metadata.creationTimestamp).toBe(a.metadata.creationTimestamp);
      await expect(store.update(R, obj('a'), { expectedResourceVersion: a.metadata.resourceVersion })).rejects.toMatchObject({
        code: StoreErrorCode.CONFLICT,
      });
      expect((await store.get(R, '', 'a')).spec).toEqual({ v: 2 });
      await expect(store.update(R, obj('missing'))).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
    });

    it('of concurrent updates expecting the same resourceVersion, exactly one wins', async () => {
      const a = await store.create(R, obj('a'));
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.update(R, obj('a', { spec: { i } }), { expectedResourceVersion: a.metadata.resourceVersion })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: StoreErrorCode.CONFLICT });
      expect((await store.get(R, '', 'a')).metadata.resourceVersion).toBe(won[0]!.value.metadata.resourceVersion);
    });
  });

  describe('delete', () => {
    it('removes an object without finalizers and returns its last state with a new resourceVersion', async () => {
      const a = await store.create(R, obj('a', { spec: { v: 1 } }));
      await expect(store.delete(R, '', 'a', { expectedResourceVersion: '999' })).rejects.toMatchObject({ code: StoreErrorCode.CONFLICT });
      const d = await store.delete(R, '', 'a', { expectedResourceVersion: a.metadata.resourceVersion });
      expect(d.removed).toBe(true);
      expect(d.object.spec).toEqual({ v: 1 });
      expect(Number(d.object.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
      await expect(store.get(R, '', 'a')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
      await expect(store.delete(R, '', 'a')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
      const again = await store.create(R, obj('a'));
      expect(again.metadata.uid).not.toBe(a.metadata.uid);
    });

    it('with finalizers only marks deletionTimestamp, removal happens when an update empties them', async () => {
      const a = await store.create(R, obj('a', { finalizers: ['drover.dev/cleanup'] }));
      const d1 = await store.delete(R, '', 'a');
      expect(d1.removed).toBe(false);
      expect(d1.object.metadata.deletionTimestamp).toMatch(/Z$/);
      expect(Number(d1.object.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
      const d2 = await store.delete(R, '', 'a');
      expect(d2).toEqual({ object: d1.object, removed: false });
      expect(await store.currentResourceVersion()).toBe(d1.object.metadata.resourceVersion);
      // An update that keeps a finalizer keeps the object.
      const kept = await store.update(R, { ...d1.object, metadata: { ...d1.object.metadata, finalizers: ['x'] } });
      expect((await store.get(R, '', 'a')).metadata.finalizers).toEqual(['x']);
      const gone = await store.update(R, { ...kept, metadata: { ...kept.metadata, finalizers: [] } });
      expect(gone.metadata.deletionTimestamp).toBe(d1.object.metadata.deletionTimestamp);
      await expect(store.get(R, '', 'a')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
    });
  });

  describe('list', () => {
    beforeEach(async () => {
      await store.create(R, obj('c1', { labels: { env: 'prod', tier: 'web' } }));
      await store.create(R, obj('a', { namespace: 'ns2', labels: { env: 'dev' } }));
      await store.create(R, obj('b', { namespace: 'ns1', labels: { env: 'prod' } }));
      await store.create(R, obj('a', { namespace: 'ns1' }));
      await store.create('other/r', obj('z', { namespace: 'ns1' }));
    });
    const names = async (opts: Parameters<Store['list']>[1]) =>
      (await store.list(R, opts)).items.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);

    it('sorts by (namespace, name) and filters by namespace, labels and fields', async () => {
      expect(await names({})).toEqual(['/c1', 'ns1/a', 'ns1/b', 'ns2/a']);
      expect(await names({ namespace: 'ns1' })).toEqual(['ns1/a', 'ns1/b']);
      expect(await names({ namespace: '' })).toEqual(['/c1']);
      expect(await names({ labelSelector: 'env=prod' })).toEqual(['/c1', 'ns1/b']);
      expect(await names({ labelSelector: 'env==prod,tier' })).toEqual(['/c1']);
      expect(await names({ labelSelector: 'env!=prod' })).toEqual(['ns1/a', 'ns2/a']);
      expect(await names({ labelSelector: 'env in (dev, prod), !tier' })).toEqual(['ns1/b', 'ns2/a']);
      expect(await names({ labelSelector: 'env notin (prod)' })).toEqual(['ns1/a', 'ns2/a']);
      expect(await names({ fieldSelector: 'metadata.name=a' })).toEqual(['ns1/a', 'ns2/a']);
      expect(await names({ fieldSelector: 'metadata.namespace!=ns1,metadata.name!=c1' })).toEqual(['ns2/a']);
      expect(await names({ namespace: 'ns1', fieldSelector: 'metadata.name==b', labelSelector: 'env' })).toEqual(['ns1/b']);
      const all = await store.list(R);
      expect(all.resourceVersion).toBe(await store.currentResourceVersion());
      expect(all.continue).toBeUndefined();
    });

    it('lists over more than one batch of rows, and an empty list at the current resourceVersion', async () => {
      const made = await store.transaction(async (tx) => {
        const out = [];
        for (let i = 0; i < 520; i++) out.push(await tx.create(R, obj(`m${String(i).padStart(3, '0')}`, { namespace: 'many' })));
        return out;
      });
      await store.update(R, { ...made[3]!, spec: { v: 2 } });
      await store.delete(R, 'many', 'm004');
      const all = await store.list(R, { namespace: 'many' });
      expect(all.items).toHaveLength(519);
      expect(all.items[3]!.spec).toEqual({ v: 2 });
      expect(all.items.map((o) => o.metadata.name)).toEqual(made.map((o) => o.metadata.name).filter((n) => n !== 'm004'));
      const first = await store.list(R, { namespace: 'many', limit: 510 });
      const rest = await store.list(R, { namespace: 'many', limit: 510, continue: first.continue! });
      expect([...first.items, ...rest.items]).toEqual(all.items);
      expect(rest.continue).toBeUndefined();
      const none = await store.list(R, { namespace: 'nothing-here' });
      expect(none).toEqual({ items: [], resourceVersion: await store.currentResourceVersion() });
    });

    it('rejects malformed selectors and tokens with INVALID', async () => {
      for (const opts of [{ labelSelector: 'env in prod' }, { labelSelector: 'a=,' }, { fieldSelector: 'spec.x=1' }, { continue: 'nope' }, { limit: -1 }]) {
        await expect(store.list(R, opts)).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
      }
    });

    it('paginates over one snapshot while writers go on', async () => {
      for (let i = 0; i < 12; i++) await store.create(R, obj(`p${String(i).padStart(2, '0')}`, { namespace: 'pg' }));
      const expected = await names({ namespace: 'pg' });
      const page1 = await store.list(R, { namespace: 'pg', limit: 5 });
      expect(page1.items).toHaveLength(5);
      // Writes between pages: not visible to the continued list.
      await store.delete(R, 'pg', 'p07');
      await store.create(R, obj('p05a', { namespace: 'pg' }));
      await store.update(R, obj('p10', { namespace: 'pg', spec: { changed: true } }));
      const page2 = await store.list(R, { namespace: 'pg', limit: 5, continue: page1.continue! });
      const page3 = await store.list(R, { namespace: 'pg', limit: 5, continue: page2.continue! });
      expect(page3.continue).toBeUndefined();
      expect(page2.resourceVersion).toBe(page1.resourceVersion);
      const got = [...page1.items, ...page2.items, ...page3.items];
      expect(got.map((o) => `pg/${o.metadata.name}`)).toEqual(expected);
      expect(got.find((o) => o.metadata.name === 'p10')!.spec).toEqual({});
      // A fresh list sees the writes.
      expect((await names({ namespace: 'pg' })).length).toBe(12);
    });

    it('applies selectors across pages and returns EXPIRED for a compacted snapshot', async () => {
      const p1 = await store.list(R, { labelSelector: 'env', limit: 1 });
      const p2 = await store.list(R, { labelSelector: 'env', limit: 1, continue: p1.continue! });
      const p3 = await store.list(R, { labelSelector: 'env', limit: 1, continue: p2.continue! });
      expect([...p1.items, ...p2.items, ...p3.items].map((o) => o.metadata.name)).toEqual(['c1', 'b', 'a']);
      await store.update(R, obj('c1'));
      await store.compact(0);
      await expect(store.list(R, { limit: 1, continue: p1.continue! })).rejects.toMatchObject({ code: StoreErrorCode.EXPIRED });
    });
  });

  describe('transaction', () => {
    it('commits several writes atomically, each with its own resourceVersion', async () => {
      await store.create(R, obj('x', { namespace: 'c1' }));
      await store.create(R, obj('y', { namespace: 'c1' }));
      const before = Number(await store.currentResourceVersion());
      const n = await store.transaction(async (tx) => {
        const items = (await tx.list(R, { namespace: 'c1' })).items;
        for (const o of items) await tx.delete(R, 'c1', o.metadata.name);
        await tx.create(R, obj('tombstone-record'));
        return items.length;
      });
      expect(n).toBe(2);
      expect(Number(await store.currentResourceVersion())).toBe(before + 3);
      expect((await store.list(R, { namespace: 'c1' })).items).toEqual([]);
    });

    it('rolls back everything when the callback throws, and rethrows its error', async () => {
      await store.create(R, obj('keep'));
      const before = await store.currentResourceVersion();
      const boom = new Error('boom');
      await expect(
        store.transaction(async (tx) => {
          await tx.delete(R, '', 'keep');
          await tx.create(R, obj('new'));
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.currentResourceVersion()).toBe(before);
      await store.get(R, '', 'keep');
      await expect(store.get(R, '', 'new')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
    });

    it('serialises operations the callback does not await one by one', async () => {
      const before = await store.currentResourceVersion();
      await expect(store.transaction((tx) => Promise.all([tx.create(R, obj('same')), tx.create(R, obj('same'))]))).rejects.toMatchObject({
        code: StoreErrorCode.ALREADY_EXISTS,
      });
      expect(await store.currentResourceVersion()).toBe(before);
      await expect(store.get(R, '', 'same')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
    });

    it('a caught failure inside consumes no resourceVersion; misuse is INVALID', async () => {
      await store.create(R, obj('a'));
      const before = Number(await store.currentResourceVersion());
      let leaked: Parameters<Parameters<Store['transaction']>[0]>[0] | undefined;
      await store.transaction(async (tx) => {
        leaked = tx;
        await expect(tx.create(R, obj('a'))).rejects.toMatchObject({ code: StoreErrorCode.ALREADY_EXISTS });
        await expect(store.get(R, '', 'a')).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
        await expect(store.transaction(() => Promise.resolve())).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
        await tx.create(R, obj('b'));
      });
      expect(Number(await store.currentResourceVersion())).toBe(before + 1);
      await expect(leaked!.get(R, '', 'a')).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
    });

    it('writes in a transaction take consecutive resourceVersions; the store’s is the last after COMMIT, a list inside sees the writes before it, a rollback leaves it as it was', async () => {
      const before = Number(await store.currentResourceVersion());
      const { made, listed } = await store.transaction(async (tx) => {
        const made = [await tx.create(R, obj('a')), await tx.create(R, obj('b'))];
        const listed = await tx.list(R);
        made.push(await tx.update(R, { ...made[0]!, spec: { v: 2 } }));
        await tx.delete(R, '', 'b');
        return { made, listed };
      });
      expect(made.map((o) => Number(o.metadata.resourceVersion))).toEqual([before + 1, before + 2, before + 3]);
      expect(listed.resourceVersion).toBe(String(before + 2));
      expect(listed.items.map((o) => o.metadata.name)).toEqual(['a', 'b']);
      expect(Number(await store.currentResourceVersion())).toBe(before + 4);
      await expect(
        store.transaction(async (tx) => {
          await tx.create(R, obj('c'));
          // A read of the database inserts the written rows first; the rollback takes them back.
          expect((await tx.list(R)).items.map((o) => o.metadata.name)).toEqual(['a', 'c']);
          expect(await tx.tryGet(R, '', 'b')).toBeUndefined();
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(Number(await store.currentResourceVersion())).toBe(before + 4);
      expect(await store.tryGet(R, '', 'c')).toBeUndefined();
      expect((await store.create(R, obj('d'))).metadata.resourceVersion).toBe(String(before + 5));
    });
  });

  describe('reading many keys', () => {
    const OTHER = 'management.drover.dev/others';
    const key = (name: string, namespace = 'ns', resource = R) => ({ resource, namespace, name });

    it('tryGetMany answers each key as tryGet does, by position, over more keys than one query takes', async () => {
      const a = await store.create(R, obj('a', { namespace: 'ns', spec: { v: 1 } }));
      const a2 = await store.update(R, { ...a, spec: { v: 2 } });
      await store.create(R, obj('gone', { namespace: 'ns' }));
      await store.delete(R, 'ns', 'gone');
      const other = await store.create(OTHER, obj('a', { namespace: 'ns' }));
      const many = await store.transaction(async (tx) => {
        const out = [];
        for (let i = 0; i < 130; i++) out.push(await tx.create(R, obj(`n${i}`, { namespace: 'bulk' })));
        return out;
      });
      const keys = [key('a'), key('missing'), key('gone'), key('a', 'ns', OTHER), key('a', 'elsewhere'), key('a'), ...many.map((o) => key(o.metadata.name, 'bulk'))];
      const got = await store.tryGetMany(keys);
      expect(got.slice(0, 6)).toEqual([a2, undefined, undefined, other, undefined, a2]);
      expect(got.slice(6)).toEqual(many);
      for (const [i, k] of keys.entries()) expect(got[i]).toEqual(await store.tryGet(k.resource, k.namespace, k.name));
      expect(await store.tryGetMany([])).toEqual([]);
      await expect(store.tryGetMany([key('a', 'ns', '')])).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
    });

    it('reads asked at once (merged on PostgreSQL) each answer their own keys, and see every write finished before they were asked', async () => {
      const made = await Promise.all(Array.from({ length: 12 }, (_, i) => store.create(R, obj(`c${i}`, { namespace: 'ns', spec: { v: 0 } }))));
      const early = made.map((o, i) => (i % 2 === 0 ? store.tryGet(R, 'ns', o.metadata.name) : store.tryGetMany([key(o.metadata.name), key('missing'), key('c0')])));
      const c0 = await store.update(R, { ...made[0]!, spec: { v: 1 } });
      const late = [store.get(R, 'ns', 'c0'), store.tryGetMany([key('c1'), key('c0')])];
      const got = await Promise.all(early);
      got.forEach((g, i) => {
        // c0 was asked for before its update finished: either version.
        if (i === 0) expect([made[0], c0]).toContainEqual(g);
        else if (i % 2 === 0) expect(g).toEqual(made[i]);
        else expect((g as unknown[]).slice(0, 2)).toEqual([made[i], undefined]);
      });
      expect(await Promise.all(late)).toEqual([c0, [made[1], c0]]);
    });

    it.each([false, true])('a prefetch (for writing: %s) serves the transaction’s later gets; its own writes win', async (forWrite) => {
      const a = await store.create(R, obj('a', { namespace: 'ns', spec: { v: 1 } }));
      await store.transaction(async (tx) => {
        await tx.prefetch([key('a'), key('b')], { forWrite });
        expect(await tx.tryGet(R, 'ns', 'a')).toEqual(a);
        expect(await tx.get(R, 'ns', 'a')).toEqual(a);
        expect(await tx.tryGet(R, 'ns', 'b')).toBeUndefined();
        await expect(tx.get(R, 'ns', 'b')).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
        // Its own writes win over what was prefetched.
        const a2 = await tx.update(R, { ...a, spec: { v: 2 } }, { expectedResourceVersion: a.metadata.resourceVersion });
        expect(await tx.tryGet(R, 'ns', 'a')).toEqual(a2);
        const b2 = await tx.create(R, obj('b', { namespace: 'ns' }));
        expect(await tx.tryGet(R, 'ns', 'b')).toEqual(b2);
        await tx.delete(R, 'ns', 'b');
        expect(await tx.tryGet(R, 'ns', 'b')).toBeUndefined();
        await expect(tx.update(R, b2)).rejects.toMatchObject({ code: StoreErrorCode.NOT_FOUND });
        const b3 = await tx.create(R, obj('b', { namespace: 'ns', spec: { again: true } }));
        expect(await tx.get(R, 'ns', 'b')).toEqual(b3);
        await expect(tx.update(R, { ...a2, spec: { v: 3 } }, { expectedResourceVersion: a.metadata.resourceVersion })).rejects.toMatchObject({ code: StoreErrorCode.CONFLICT });
        await tx.update(R, { ...a2, spec: { v: 3 } }, { expectedResourceVersion: a2.metadata.resourceVersion });
      });
      expect((await store.get(R, 'ns', 'a')).spec).toEqual({ v: 3 });
      expect((await store.get(R, 'ns', 'b')).spec).toEqual({ again: true });
    });
  });

  it('keeps data across close and reopen; operations after close are CLOSED', async () => {
    const a = await store.create(R, obj('a', { namespace: 'n', spec: { deep: { list: [1, 2, 3] } } }));
    await store.close();
    await expect(store.get(R, 'n', 'a')).rejects.toMatchObject({ code: StoreErrorCode.CLOSED });
    const again = await b.reopen();
    expect(await again.get(R, 'n', 'a')).toEqual(a);
    const next = await again.create(R, obj('b'));
    expect(Number(next.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
  });
}
