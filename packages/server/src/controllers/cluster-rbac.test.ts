/**
 * The cluster-rbac controller on a real store with a fake cluster apiserver (the proxy's test on
 * the stand-in kube-apiserver, and the end-to-end suite, check the bindings in a real cluster).
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { DROVER_CLUSTER_ROLE_BINDINGS } from '../proxy/groups.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { clusterRbacController, RESYNC_MS } from './cluster-rbac.ts';
import type { ClusterApiCall } from './cluster-rbac.ts';
import { createController } from './define-controller.ts';
import type { Controller } from './define-controller.ts';

const logger = pino({ level: 'silent' });

describe('cluster-rbac controller', () => {
  let t: TempStore;
  let controller: Controller | undefined;
  const clock = Date.parse('2030-01-01T00:00:00Z');
  const calls: { cluster: string; method: string; path: string; body: unknown; contentType: string | undefined }[] = [];
  let answer: () => Promise<{ statusCode: number; body: string }>;
  const clusterApi: ClusterApiCall = async (cluster, req) => {
    calls.push({ cluster, method: req.method, path: req.path, body: JSON.parse(req.body), contentType: req.headers['content-type'] });
    return answer();
  };

  beforeEach(async () => {
    t = await createTempStore();
    calls.length = 0;
    answer = () => Promise.resolve({ statusCode: 200, body: '{}' });
    await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {}, status: { caChecksum: 'a'.repeat(64) } });
  });
  afterEach(async () => {
    await controller?.close();
    controller = undefined;
    await t.cleanup();
  });

  /** Starts the controller and waits for its first reconcile (the watch's initial events arrive after start). */
  const start = async () => {
    let reconciles = 0;
    controller = createController(clusterRbacController({ store: t.store, logger, clusterApi, now: () => new Date(clock) }), { store: t.store, logger, baseBackoffMs: 10, onResult: () => void reconciles++ });
    await controller.start(new AbortController().signal);
    await expect.poll(() => reconciles, { timeout: 5000 }).toBeGreaterThan(0);
  };
  const addNode = (name: string, roles: string[], state: string) =>
    t.store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name, namespace: 'c1' }, spec: { roles }, status: { state } });

  it('applies the four group bindings with server-side apply once a control-plane node is connected', async () => {
    await addNode('w1', ['worker'], 'Connected');
    await start();
    await controller!.idle();
    expect(calls).toEqual([]); // no control plane: nothing to talk to
    await addNode('cp1', ['controlplane', 'etcd'], 'Connected');
    await expect.poll(() => calls.length, { timeout: 5000 }).toBe(4);
    expect(calls.map((c) => c.path)).toEqual(DROVER_CLUSTER_ROLE_BINDINGS.map((b) => `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${encodeURIComponent(b.name)}?fieldManager=drover&force=true`));
    expect(calls.every((c) => c.method === 'PATCH' && c.contentType === 'application/apply-patch+yaml' && c.cluster === 'c1')).toBe(true);
    const byName = Object.fromEntries(calls.map((c) => [(c.body as { metadata: { name: string } }).metadata.name, c.body]));
    expect(byName['drover:cluster-viewers']).toMatchObject({ kind: 'ClusterRoleBinding', roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'Group', name: 'drover:cluster-viewers' }] });
    expect(byName['drover:cluster-members']).toMatchObject({ roleRef: { name: 'edit' } });
    expect(byName['drover:cluster-owners']).toMatchObject({ roleRef: { name: 'cluster-admin' } });
    expect(byName['drover:admins']).toMatchObject({ roleRef: { name: 'cluster-admin' } });
  });

  it("retries while the cluster's apiserver cannot be reached, with one Event (Normal: waiting), and stops once applied", async () => {
    let failures = 2;
    answer = () => (failures-- > 0 ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve({ statusCode: 200, body: '{}' }));
    await addNode('cp1', ['controlplane'], 'Connected');
    await start();
    // RETRY_MS is 5 s: the third attempt succeeds and applies all four.
    await expect.poll(() => calls.length, { timeout: 15_000, interval: 100 }).toBe(2 + 4);
    const events = (await t.store.list(RESOURCES.events, { namespace: 'c1' })).items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reason: 'ClusterRbacPending', type: 'Normal', count: 1 });
    expect(String(events[0]!.message)).toMatch(/waiting for the cluster's apiserver.*ECONNREFUSED/);
  }, 20_000);

  it('a refusal by the apiserver is retried too, with a Warning; status writes of a connected node do not re-apply', async () => {
    let refusals = 1;
    answer = () => Promise.resolve(refusals-- > 0 ? { statusCode: 403, body: '{"message":"forbidden"}' } : { statusCode: 200, body: '{}' });
    await addNode('cp1', ['controlplane'], 'Connected');
    await start();
    await expect.poll(() => calls.length, { timeout: 15_000, interval: 100 }).toBe(1 + 4);
    const events = (await t.store.list(RESOURCES.events, { namespace: 'c1' })).items;
    expect(events.map((e) => [e.type, e.reason])).toEqual([['Warning', 'ClusterRbacPending']]);
    expect(String(events[0]!.message)).toMatch(/refused ClusterRoleBinding drover:admins: HTTP 403/);
    const node = await t.store.get(RESOURCES.nodes, 'c1', 'cp1');
    await t.store.update(RESOURCES.nodes, { ...node, status: { state: 'Connected', rttMs: 3 } });
    await controller!.idle();
    expect(calls).toHaveLength(5);
  }, 20_000);

  it('a control-plane node that reconnects re-applies (its apiserver may have lost them); the resync re-applies later', async () => {
    await addNode('cp1', ['controlplane'], 'Connected');
    await start();
    await expect.poll(() => calls.length, { timeout: 5000 }).toBe(4);
    const set = async (state: string) => {
      const node = await t.store.get(RESOURCES.nodes, 'c1', 'cp1');
      await t.store.update(RESOURCES.nodes, { ...node, status: { state } });
    };
    await set('Disconnected');
    await controller!.idle();
    expect(calls).toHaveLength(4);
    await set('Connected');
    await expect.poll(() => calls.length, { timeout: 5000 }).toBe(8);
    expect(RESYNC_MS).toBeGreaterThanOrEqual(60_000);
  });
});
