/**
 * Behavioural tests of rewriteHistory and reclaimSpace, run against every backend (see
 * store-*.test.ts).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StoreErrorCode } from './errors.ts';
import type { BackendFactory, BackendUnderTest } from './test-helpers.ts';
import { obj, reader } from './test-helpers.ts';
import type { Store, StoredObject } from './types.ts';

const R = 'management.drover.dev/things';
const OTHER = 'management.drover.dev/others';

/** Drops `spec.secret` from an object; undefined when it has none. */
function dropSecret(o: StoredObject): StoredObject | undefined {
  const spec = o.spec as { secret?: string } | undefined;
  if (spec?.secret === undefined) return undefined;
  const copy = structuredClone(o);
  delete (copy.spec as { secret?: string }).secret;
  return copy;
}

/** Defines the rewriteHistory/reclaimSpace tests for one backend. */
export function describeRewriteBehaviour(backend: BackendFactory): void {
  let b: BackendUnderTest;
  let store: Store;
  beforeEach(async () => {
    b = backend();
    store = await b.open();
  });
  afterEach(() => b.cleanup());

  it('rewriteHistory changes every version of one resource in place: state, history and tombstones', async () => {
    const start = await store.currentResourceVersion();
    const a1 = await store.create(R, obj('a', { spec: { secret: 's1', keep: 1 } }));
    const a2 = await store.update(R, { ...a1, spec: { secret: 's2', keep: 2 } });
    const gone = await store.create(R, obj('gone', { spec: { secret: 's3' } }));
    await store.delete(R, '', 'gone');
    const clean = await store.create(R, obj('clean', { spec: { keep: 3 } }));
    const other = await store.create(OTHER, obj('a', { spec: { secret: 'other' } }));
    const rvBefore = await store.currentResourceVersion();

    expect(await store.rewriteHistory(R, dropSecret)).toBe(4);
    // Resource versions, the counter and the untouched rows stay as they were.
    expect(await store.currentResourceVersion()).toBe(rvBefore);
    expect(await store.get(R, '', 'a')).toEqual({ ...a2, spec: { keep: 2 } });
    expect(await store.get(R, '', 'clean')).toEqual(clean);
    expect(await store.get(OTHER, '', 'a')).toEqual(other);
    // The history replays the rewritten versions, tombstone included.
    const watch = await store.watch(R, { resourceVersion: start });
    const events = await reader(watch).take(5);
    watch.close();
    expect(events.map((e) => [e.type, (e.object as StoredObject).metadata.name, (e.object as StoredObject).spec])).toEqual([
      ['ADDED', 'a', { keep: 1 }],
      ['MODIFIED', 'a', { keep: 2 }],
      ['ADDED', 'gone', {}],
      ['DELETED', 'gone', {}],
      ['ADDED', 'clean', { keep: 3 }],
    ]);
    expect(events[2]!.object.metadata.resourceVersion).toBe(gone.metadata.resourceVersion);
    // Nothing left to change: a second run rewrites nothing.
    expect(await store.rewriteHistory(R, dropSecret)).toBe(0);
    await store.reclaimSpace();
    expect((await store.get(R, '', 'a')).spec).toEqual({ keep: 2 });
  });

  it('rewriteHistory is one transaction: a throwing rewrite changes nothing', async () => {
    await store.create(R, obj('a', { spec: { secret: 's1' } }));
    await store.create(R, obj('b', { spec: { secret: 's2' } }));
    let calls = 0;
    await expect(
      store.rewriteHistory(R, (o) => {
        calls += 1;
        if (calls === 2) throw new Error('boom');
        return dropSecret(o);
      }),
    ).rejects.toThrow('boom');
    expect((await store.get(R, '', 'a')).spec).toEqual({ secret: 's1' });
    await expect(store.rewriteHistory('', dropSecret)).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
  });
}
