/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are arbitrary JSON walked by assertions */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, TABLE, call, createCluster } from './test-support/requests.ts';
import { HIDDEN_FROM_LABEL, createTestApi } from './test-support/test-api.ts';
import type { TestApi } from './test-support/test-api.ts';
import { openWatch } from './test-support/watch-client.ts';

let t: TestApi;
let base: string;
beforeAll(async () => {
  t = await createTestApi({ limits: { bookmarkIntervalMs: 100 }, store: { historySize: 20 } });
  base = await t.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await t.close();
});

const watch = (query: string, user = 'admin', accept = 'application/json') => openWatch(`${base}${G}/clusters?watch=true&${query}`, { ...t.as(user), accept });
const mergePatch = (name: string, body: unknown) => call(t, 'PATCH', `${G}/clusters/${name}`, { body, contentType: 'application/merge-patch+json' });

describe('watch', () => {
  it('flushes headers before any event; without resourceVersion sends ADDED for the current state, then live events', async () => {
    await createCluster(t, 'w-a', {}, { labels: { w: 'a' } });
    const empty = await watch('labelSelector=w%3Dnothing');
    expect(empty.status).toBe(200);
    expect(empty.contentType).toBe('application/json');
    empty.close();

    const w = await watch('labelSelector=w%3Da');
    const first = await w.next();
    expect(first).toMatchObject({ type: 'ADDED', object: { kind: 'Cluster', metadata: { name: 'w-a' } } });
    await mergePatch('w-a', { spec: { kubernetesVersion: 'v2' } });
    expect(await w.next()).toMatchObject({ type: 'MODIFIED', object: { spec: { kubernetesVersion: 'v2' } } });
    await call(t, 'DELETE', `${G}/clusters/w-a`);
    expect(await w.next()).toMatchObject({ type: 'DELETED', object: { metadata: { name: 'w-a' } } });
    w.close();
  });

  it('from resourceVersion N delivers strictly after N, filtered by field selector', async () => {
    const c = await createCluster(t, 'w-b');
    await mergePatch('w-b', { metadata: { labels: { step: '1' } } });
    await createCluster(t, 'w-other');
    const w = await watch(`resourceVersion=${c.metadata.resourceVersion}&fieldSelector=metadata.name%3Dw-b`);
    const ev = await w.next();
    expect(ev).toMatchObject({ type: 'MODIFIED', object: { metadata: { labels: { step: '1' } } } });
    await mergePatch('w-b', { metadata: { labels: { step: '2' } } });
    expect(await w.next()).toMatchObject({ type: 'MODIFIED', object: { metadata: { labels: { step: '2' } } } });
    w.close();
  });

  it('a resourceVersion older than the history is an ERROR event with a 410 Expired Status', async () => {
    const c = await createCluster(t, 'w-old');
    for (let i = 0; i < 25; i++) await mergePatch('w-old', { metadata: { labels: { i: String(i) } } });
    await t.store.compact();
    const w = await watch(`resourceVersion=${c.metadata.resourceVersion}`);
    const ev = await w.next();
    expect(ev).toMatchObject({ type: 'ERROR', object: { kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 } });
    expect(await w.next()).toBeUndefined();
  });

  it('sends BOOKMARKs when asked and honours timeoutSeconds', async () => {
    const c = await createCluster(t, 'w-bm');
    const w = await watch(`resourceVersion=${c.metadata.resourceVersion}&allowWatchBookmarks=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dw-bm`);
    await mergePatch('w-bm', { metadata: { labels: { a: 'b' } } });
    expect((await w.next())?.type).toBe('MODIFIED');
    // an event the selector filters out moves the position: the store then bookmarks it when idle
    const other = await createCluster(t, 'w-bm-other');
    const bm = await w.next();
    expect(bm).toMatchObject({ type: 'BOOKMARK', object: { kind: 'Cluster', apiVersion: 'management.drover.dev/v1' } });
    expect(bm?.object.metadata.resourceVersion).toBe(other.metadata.resourceVersion);
    const started = Date.now();
    let ev;
    while ((ev = await w.next(3000)) !== undefined) expect(ev.type).toBe('BOOKMARK');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('as Table: column definitions on the first event only, rows carry PartialObjectMetadata', async () => {
    await createCluster(t, 'w-t', { kubernetesVersion: 'v1.30.0' }, { labels: { w: 't' } });
    const w = await watch('labelSelector=w%3Dt', 'admin', `${TABLE},application/json`);
    const first = await w.next();
    expect(first?.object).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(first?.object.columnDefinitions.length).toBeGreaterThan(0);
    expect(first?.object.rows[0].cells[0]).toBe('w-t');
    expect(first?.object.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'w-t' } });
    await mergePatch('w-t', { spec: { kubernetesVersion: 'v1.31.0' } });
    const second = await w.next();
    expect(second?.type).toBe('MODIFIED');
    expect(second?.object.columnDefinitions).toEqual([]);
    expect(second?.object.rows[0].cells[3]).toBe('v1.31.0');
    w.close();
  });

  it('leaves out objects the caller cannot see, and needs the watch verb', async () => {
    await createCluster(t, 'w-hidden', {}, { labels: { [HIDDEN_FROM_LABEL]: 'mallory', w: 'h' } });
    await createCluster(t, 'w-shown', {}, { labels: { w: 'h' } });
    const w = await watch('labelSelector=w%3Dh', 'mallory');
    expect((await w.next())?.object.metadata.name).toBe('w-shown');
    await mergePatch('w-hidden', { spec: { kubernetesVersion: 'x' } });
    await mergePatch('w-shown', { spec: { kubernetesVersion: 'y' } });
    expect((await w.next())?.object.metadata.name).toBe('w-shown');
    w.close();
    t.authz.denied.add('blocked');
    const refused = await fetch(`${base}${G}/clusters?watch=true`, { headers: t.as('blocked') });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('cannot watch resource "clusters"');
  });

  it('a bad resourceVersion is a 400 before streaming', async () => {
    const res = await fetch(`${base}${G}/clusters?watch=true&resourceVersion=abc`, { headers: t.as('admin') });
    expect(res.status).toBe(400);
  });
});
