/**
 * Behavioural tests of watch, run against every backend (see store-*.test.ts).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StoreErrorCode } from './errors.ts';
import { INITIAL_EVENTS_END_ANNOTATION } from './types.ts';
import type { BackendFactory, BackendUnderTest } from './test-helpers.ts';
import { brief, obj, reader } from './test-helpers.ts';
import type { Store } from './types.ts';

const R = 'management.drover.dev/things';

/** Defines the watch tests for one backend. */
export function describeWatchBehaviour(backend: BackendFactory): void {
  let b: BackendUnderTest;
  let store: Store;
  beforeEach(async () => {
    b = backend();
    store = await b.open();
  });
  afterEach(() => b.cleanup());

  it('without resourceVersion: ADDED for each current object, then live events in order', async () => {
    await store.create(R, obj('a'));
    await store.create(R, obj('b', { namespace: 'n' }));
    await store.create('other/r', obj('x'));
    const w = reader(await store.watch(R));
    const snap = await w.take(2);
    expect(snap.map(brief)).toEqual([expect.stringMatching(/^ADDED \/a@/), expect.stringMatching(/^ADDED n\/b@/)]);
    const c = await store.create(R, obj('c'));
    const u = await store.update(R, obj('a', { spec: { v: 2 } }));
    await store.create('other/r', obj('y'));
    const d = await store.delete(R, 'n', 'b');
    const live = await w.take(3);
    expect(live.map(brief)).toEqual([
      `ADDED /c@${c.metadata.resourceVersion}`,
      `MODIFIED /a@${u.metadata.resourceVersion}`,
      `DELETED n/b@${d.object.metadata.resourceVersion}`,
    ]);
    expect(await w.next(100)).toBe('timeout');
  });

  it('from N: exactly the events after N, and EXPIRED once N is compacted', async () => {
    const a = await store.create(R, obj('a'));
    const u = await store.update(R, obj('a', { spec: { v: 2 } }));
    const d = await store.delete(R, '', 'a');
    const w = reader(await store.watch(R, { resourceVersion: a.metadata.resourceVersion }));
    expect((await w.take(2)).map(brief)).toEqual([`MODIFIED /a@${u.metadata.resourceVersion}`, `DELETED /a@${d.object.metadata.resourceVersion}`]);
    const c = await store.create(R, obj('c'));
    expect((await w.take(1)).map(brief)).toEqual([`ADDED /c@${c.metadata.resourceVersion}`]);
    await store.compact(1);
    await expect(store.watch(R, { resourceVersion: a.metadata.resourceVersion })).rejects.toMatchObject({ code: StoreErrorCode.EXPIRED });
    await expect(store.watch(R, { resourceVersion: 'abc' })).rejects.toMatchObject({ code: StoreErrorCode.INVALID });
    // compact(1) keeps one event: the compaction point is still a valid start and replays it.
    const from = await store.compactedResourceVersion();
    expect(Number(from)).toBe(Number(c.metadata.resourceVersion) - 1);
    const w2 = reader(await store.watch(R, { resourceVersion: from }));
    expect((await w2.take(1)).map(brief)).toEqual([`ADDED /c@${c.metadata.resourceVersion}`]);
    expect(await w2.next(100)).toBe('timeout');
  });

  it('initialEventsEnd: a marked BOOKMARK after the initial events, before any live one', async () => {
    // More objects than one catch-up page (500), so the mark must wait for the last page.
    await store.transaction(async (tx) => {
      for (let i = 0; i < 620; i++) await tx.create(R, obj(`o${String(i).padStart(3, '0')}`));
    });
    const at = await store.currentResourceVersion();
    const w = reader(await store.watch(R, { initialEventsEnd: true }));
    const evs = await w.take(621);
    expect(evs.slice(0, 620).every((e) => e.type === 'ADDED')).toBe(true);
    const mark = evs[620]!;
    expect(mark).toEqual({ type: 'BOOKMARK', object: { metadata: { resourceVersion: at, annotations: { [INITIAL_EVENTS_END_ANNOTATION]: 'true' } } } });
    const c = await store.create(R, obj('live'));
    expect((await w.take(1)).map(brief)).toEqual([`ADDED /live@${c.metadata.resourceVersion}`]);
    // From a resourceVersion: the history up to the watch's start, then the mark.
    const from = reader(await store.watch(R, { resourceVersion: at, initialEventsEnd: true }));
    expect((await from.take(2)).map(brief)).toEqual([`ADDED /live@${c.metadata.resourceVersion}`, `BOOKMARK@${c.metadata.resourceVersion}`]);
    // An empty resource: the mark alone. Without the option: no mark.
    const empty = reader(await store.watch('other/r', { initialEventsEnd: true }));
    expect((await empty.take(1)).map(brief)).toEqual([`BOOKMARK@${c.metadata.resourceVersion}`]);
    const plain = reader(await store.watch('other/r'));
    expect(await plain.next(100)).toBe('timeout');
  });

  it('a future resourceVersion waits for events after it', async () => {
    const now = Number(await store.currentResourceVersion());
    const w = reader(await store.watch(R, { resourceVersion: String(now + 1) }));
    await store.create(R, obj('skipped'));
    const c = await store.create(R, obj('seen'));
    expect((await w.take(1)).map(brief)).toEqual([`ADDED /seen@${c.metadata.resourceVersion}`]);
  });

  it('with a label selector, objects entering and leaving the selection are ADDED and DELETED', async () => {
    const w = reader(await store.watch(R, { labelSelector: 'env=prod', namespace: 'n' }));
    await store.create(R, obj('a', { namespace: 'n', labels: { env: 'dev' } }));
    await store.create(R, obj('a', { namespace: 'other', labels: { env: 'prod' } }));
    const u1 = await store.update(R, obj('a', { namespace: 'n', labels: { env: 'prod' } }));
    const u2 = await store.update(R, obj('a', { namespace: 'n', labels: { env: 'prod' }, spec: { v: 2 } }));
    const u3 = await store.update(R, obj('a', { namespace: 'n', labels: { env: 'dev' } }));
    await store.delete(R, 'n', 'a');
    const evs = await w.take(3);
    expect(evs.map(brief)).toEqual([
      `ADDED n/a@${u1.metadata.resourceVersion}`,
      `MODIFIED n/a@${u2.metadata.resourceVersion}`,
      `DELETED n/a@${u3.metadata.resourceVersion}`,
    ]);
    expect(await w.next(100)).toBe('timeout');
    // Replaying the same history from the start judges it the same way.
    const first = Number(u1.metadata.resourceVersion) - 3;
    const replay = reader(await store.watch(R, { labelSelector: 'env=prod', namespace: 'n', resourceVersion: String(first) }));
    expect((await replay.take(3)).map(brief)).toEqual(evs.map(brief));
  });

  it('finalizers: delete emits MODIFIED, the emptying update emits DELETED', async () => {
    await store.create(R, obj('f', { finalizers: ['x'] }));
    const w = reader(await store.watch(R, { resourceVersion: await store.currentResourceVersion() }));
    const d = await store.delete(R, '', 'f');
    const gone = await store.update(R, { ...d.object, metadata: { ...d.object.metadata, finalizers: [] } });
    const evs = await w.take(2);
    expect(evs.map(brief)).toEqual([`MODIFIED /f@${d.object.metadata.resourceVersion}`, `DELETED /f@${gone.metadata.resourceVersion}`]);
    expect(evs[0]!.type !== 'BOOKMARK' && evs[0]!.object.metadata.deletionTimestamp).toBeTruthy();
  });

  it('a transaction shows up after commit, in order; a rolled back one never', async () => {
    const w = reader(await store.watch(R, { resourceVersion: await store.currentResourceVersion() }));
    await store.transaction(async (tx) => {
      await tx.create(R, obj('t1'));
      await tx.create(R, obj('t2'));
    });
    await store
      .transaction(async (tx) => {
        await tx.create(R, obj('never'));
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const t3 = await store.create(R, obj('t3'));
    const evs = await w.take(3);
    expect(evs.map((e) => (e.type === 'BOOKMARK' ? '' : e.object.metadata.name))).toEqual(['t1', 't2', 't3']);
    expect(evs[2]!.object.metadata.resourceVersion).toBe(t3.metadata.resourceVersion);
  });

  it('a slow watcher is ended with EXPIRED without holding back writers or other watchers', async () => {
    await store.close();
    store = await b.reopen({ maxBufferedEventsPerWatch: 5 });
    const slow = reader(await store.watch(R, { resourceVersion: await store.currentResourceVersion() }));
    const fast = reader(await store.watch(R, { resourceVersion: await store.currentResourceVersion() }));
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await store.create(R, obj(`o${i}`));
      seen.push(...(await fast.take(1)).map((e) => (e.type === 'BOOKMARK' ? '' : e.object.metadata.name)));
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `o${i}`));
    await expect(slow.next()).rejects.toMatchObject({ code: StoreErrorCode.EXPIRED });
    expect(await slow.next()).toBe('end');
  });

  it('bookmarks carry a position to resume from without loss', async () => {
    const w = await store.watch(R, { bookmarkIntervalMs: 20, labelSelector: 'pick' });
    const r = reader(w);
    await store.create(R, obj('not-picked'));
    const ev = await r.next(2000);
    expect(ev).not.toBe('timeout');
    expect(typeof ev === 'object' && ev.type).toBe('BOOKMARK');
    const rv = typeof ev === 'object' ? ev.object.metadata.resourceVersion : '';
    expect(rv).toBe(await store.currentResourceVersion());
    expect(w.resourceVersion).toBe(rv);
    w.close();
    expect(await r.next()).toBe('end');
    const picked = await store.create(R, obj('picked', { labels: { pick: '' } }));
    const resumed = reader(await store.watch(R, { labelSelector: 'pick', resourceVersion: rv }));
    expect((await resumed.take(1)).map(brief)).toEqual([`ADDED /picked@${picked.metadata.resourceVersion}`]);
  });

  it('abort ends the watch; close() of the store ends it with CLOSED', async () => {
    const ac = new AbortController();
    const aborted = reader(await store.watch(R, { signal: ac.signal }));
    const open = reader(await store.watch(R));
    ac.abort();
    expect(await aborted.next()).toBe('end');
    await store.close();
    await expect(open.next()).rejects.toMatchObject({ code: StoreErrorCode.CLOSED });
    await expect(store.watch(R)).rejects.toMatchObject({ code: StoreErrorCode.CLOSED });
  });

  it('resumes across a restart from the persisted history', async () => {
    const a = await store.create(R, obj('a'));
    const u = await store.update(R, obj('a', { spec: { v: 2 } }));
    await store.close();
    store = await b.reopen();
    const w = reader(await store.watch(R, { resourceVersion: a.metadata.resourceVersion }));
    const c = await store.create(R, obj('c'));
    expect((await w.take(2)).map(brief)).toEqual([`MODIFIED /a@${u.metadata.resourceVersion}`, `ADDED /c@${c.metadata.resourceVersion}`]);
  });

  it('keeps a bounded history: automatic compaction, EXPIRED before it, complete after it', async () => {
    await store.close();
    store = await b.reopen({ historySize: 10 });
    const first = await store.currentResourceVersion();
    for (let i = 0; i < 40; i++) await store.create(R, obj(`o${i % 5}-${i}`));
    const current = Number(await store.currentResourceVersion());
    const compacted = Number(await store.compactedResourceVersion());
    expect(compacted).toBeGreaterThan(Number(first));
    expect(current - compacted).toBeGreaterThanOrEqual(10);
    await expect(store.watch(R, { resourceVersion: first })).rejects.toMatchObject({ code: StoreErrorCode.EXPIRED });
    const w = reader(await store.watch(R, { resourceVersion: String(current - 10) }));
    const evs = await w.take(10);
    expect(evs.map((e) => Number(e.object.metadata.resourceVersion))).toEqual(Array.from({ length: 10 }, (_, i) => current - 9 + i));
    expect((await store.list(R)).items).toHaveLength(40);
  });
}
