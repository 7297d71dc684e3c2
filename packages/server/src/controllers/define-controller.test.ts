import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStoreError, StoreErrorCode } from '@drover/store';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createController, defineController } from './define-controller.ts';
import { deleteIfUnchanged, getObject, updateIfChanged, withStatus } from './object-ops.ts';

const logger = pino({ level: 'silent' });
let t: TempStore;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => t.cleanup());

const PARENTS = 'test.drover.dev/parents';
const CHILDREN = 'test.drover.dev/children';
const obj = (name: string, namespace?: string, spec: object = {}) => ({ apiVersion: 'test.drover.dev/v1', kind: 'T', metadata: { name, ...(namespace === undefined ? {} : { namespace }) }, spec });

describe('defineController', () => {
  it('rejects bad names and concurrency', () => {
    const reconcile = () => Promise.resolve();
    expect(() => defineController({ name: 'Bad Name', for: PARENTS, reconcile })).toThrow(/kebab-case/);
    expect(() => defineController({ name: 'x', for: PARENTS, concurrency: 0, reconcile })).toThrow(/positive integer/);
    expect(defineController({ name: 'x', for: PARENTS, reconcile }).concurrency).toBe(1);
  });

  it('reconciles its own objects and the keys its watches map to, until closed', async () => {
    const seen: string[] = [];
    const def = defineController({
      name: 'parent-count',
      for: PARENTS,
      // A child in namespace p names its parent p; a child with spec.parents names several.
      watches: [{ resource: CHILDREN, map: (child) => (child.spec as { parents?: string[] }).parents ?? child.metadata.namespace }],
      concurrency: 2,
      async reconcile(req) {
        seen.push(req.key);
        const parent = await getObject(t.store, PARENTS, req);
        if (parent === undefined) return;
        const { items } = await t.store.list(CHILDREN, { namespace: req.name });
        await updateIfChanged(t.store, PARENTS, parent, withStatus(parent, { children: items.length }));
      },
    });
    const c = createController(def, { store: t.store, logger });
    await c.start(new AbortController().signal);
    const children = async (name: string) => ((await t.store.get(PARENTS, '', name)).status as { children?: number } | undefined)?.children;
    await t.store.create(PARENTS, obj('p1'));
    await t.store.create(PARENTS, obj('p2'));
    await expect.poll(() => children('p1'), { timeout: 5000 }).toBe(0);
    await t.store.create(CHILDREN, obj('a', 'p1'));
    await t.store.create(CHILDREN, obj('b', 'p1'));
    await expect.poll(() => children('p1'), { timeout: 5000 }).toBe(2);
    seen.length = 0;
    await t.store.create(CHILDREN, obj('multi', 'other', { parents: ['p1', 'p2', ''] }));
    await expect.poll(() => [...new Set(seen)].sort(), { timeout: 5000 }).toEqual(['p1', 'p2']);
    await c.close();
    await t.store.create(PARENTS, obj('p3'));
    await new Promise((r) => setTimeout(r, 100));
    expect(await children('p3')).toBeUndefined();
  });

  it('starts reconciling once every watch has handed out its initial state: each key once', async () => {
    // More children than one page of a watch's initial state (500), spread over the parents.
    await t.store.transaction(async (tx) => {
      for (let p = 0; p < 30; p++) {
        await tx.create(PARENTS, obj(`p${p}`));
        for (let i = 0; i < 40; i++) await tx.create(CHILDREN, obj(`c${i}`, `p${p}`));
      }
    });
    const seen: string[] = [];
    const counts = new Map<string, number>();
    const c = createController(
      defineController({
        name: 'parent-count',
        for: PARENTS,
        watches: [{ resource: CHILDREN, map: (child) => child.metadata.namespace }],
        concurrency: 4,
        async reconcile(req) {
          seen.push(req.key);
          // What a reconcile sees is the whole initial state, not the part delivered so far.
          counts.set(req.key, (await t.store.list(CHILDREN, { namespace: req.name })).items.length);
        },
      }),
      { store: t.store, logger },
    );
    await c.start(new AbortController().signal);
    await expect.poll(() => new Set(seen).size, { timeout: 5000 }).toBe(30);
    await c.idle();
    expect(seen.sort()).toEqual(Array.from({ length: 30 }, (_, p) => `p${p}`).sort());
    expect(new Set(counts.values())).toEqual(new Set([40]));
    // Afterwards every change is reconciled as it comes.
    seen.length = 0;
    await t.store.create(CHILDREN, obj('late', 'p7'));
    await expect.poll(() => seen, { timeout: 5000 }).toEqual(['p7']);
    await c.close();
  });
});

describe('object ops', () => {
  it('writes only a changed object, guarded by the resourceVersion read', async () => {
    const created = await t.store.create(PARENTS, { ...obj('p'), status: { state: 'new', nodes: { total: 1 } } });
    expect(await updateIfChanged(t.store, PARENTS, created, withStatus(created, { nodes: { total: 1 } }))).toBe(false);
    expect((await t.store.get(PARENTS, '', 'p')).metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(await updateIfChanged(t.store, PARENTS, created, withStatus(created, { state: 'A' }))).toBe(true);
    // A second writer that read the old version loses.
    const err = await updateIfChanged(t.store, PARENTS, created, withStatus(created, { state: 'B' })).catch((e: unknown) => e);
    expect(isStoreError(err, StoreErrorCode.CONFLICT)).toBe(true);
    expect(await getObject(t.store, PARENTS, { namespace: '', name: 'missing' })).toBeUndefined();
    const current = (await getObject(t.store, PARENTS, { namespace: '', name: 'p' }))!;
    const stale = await deleteIfUnchanged(t.store, PARENTS, created).catch((e: unknown) => e);
    expect(isStoreError(stale, StoreErrorCode.CONFLICT)).toBe(true);
    await deleteIfUnchanged(t.store, PARENTS, current);
    await deleteIfUnchanged(t.store, PARENTS, current); // already gone: fine
    expect(await getObject(t.store, PARENTS, { namespace: '', name: 'p' })).toBeUndefined();
  });
});
