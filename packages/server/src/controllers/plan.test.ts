import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLUSTER_CERTS } from '../cluster-pki/component-certs.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import type { NodePlan } from '../provisioning/plan-types.ts';
import { versionTable } from '../provisioning/versions.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { clusterStatusController } from './cluster-status.ts';
import type { StatusCondition } from './conditions.ts';
import { createController } from './define-controller.ts';
import type { Controller } from './define-controller.ts';
import { PLAN_READY, planController } from './plan.ts';

const logger = pino({ level: 'silent' });
const key = randomBytes(32);
let t: TempStore;
let running: Controller[] = [];
/** Reconciles finished, by any controller started here: a bound to wait on instead of time. */
let reconciles = 0;
beforeEach(async () => {
  t = await createTempStore();
});
afterEach(async () => {
  await Promise.all(running.map((c) => c.close()));
  running = [];
  await t.cleanup();
});

const start = async (...defs: Parameters<typeof createController>[0][]): Promise<Controller[]> => {
  const cs = defs.map((d) =>
    createController(d, {
      store: t.store,
      logger,
      baseBackoffMs: 10,
      onResult: () => {
        reconciles += 1;
      },
    }),
  );
  running.push(...cs);
  await Promise.all(cs.map((c) => c.start(new AbortController().signal)));
  return cs;
};
const plan = () => planController({ store: t.store, secretBox: createSecretBox(key), table: versionTable(), now: () => new Date() });
/** Waits until a reconcile finished after `n`, then until the queues are idle. */
const reconciledAfter = async (n: number, cs: Controller[]) => {
  await expect.poll(() => reconciles, { timeout: 10_000 }).toBeGreaterThan(n);
  await idle(cs);
};
/** Every queue idle (a pass finding nothing more to do), within 10 s: a controller that keeps rewriting never settles. */
const idle = async (cs: Controller[]) => {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('controllers did not settle within 10 s')), 10_000);
  });
  try {
    for (let i = 0; i < 5; i++) await Promise.race([Promise.all(cs.map((c) => c.idle())), bound]);
  } finally {
    clearTimeout(timer);
  }
};

const mkCluster = (spec: Record<string, unknown> = {}) => t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'edge' }, spec });
const mkNode = (name: string, address: string | undefined, roles: string[]) =>
  t.store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name, namespace: 'edge' }, spec: { roles, ...(address === undefined ? {} : { address }) }, status: { state: 'Connected' } });
const ALL = ['controlplane', 'etcd', 'worker'];
const planVersions = async () => new Map((await t.store.list(RESOURCES.plans, { namespace: 'edge' })).items.map((p) => [p.metadata.name, p.metadata.resourceVersion]));
const planOf = async (node: string) => (await t.store.get(RESOURCES.plans, 'edge', node)).spec as NodePlan;
const clusterStatus = async () => ((await t.store.get(RESOURCES.clusters, '', 'edge')).status ?? {}) as { conditions?: StatusCondition[]; state?: string; nodes?: { total: number } };
const planReady = async () => (await clusterStatus()).conditions?.find((c) => c.type === PLAN_READY);

describe('plan controller', () => {
  it('writes one Plan per node of a 3-node cluster, rewrites nothing on re-reconcile or restart, and follows spec and node changes', async () => {
    await mkCluster();
    await Promise.all([mkNode('n1', '10.0.0.1', ALL), mkNode('n2', '10.0.0.2', ALL), mkNode('w3', '10.0.0.3', ['worker'])]);
    let cs = await start(plan());
    await expect.poll(async () => (await planVersions()).size, { timeout: 10_000 }).toBe(3);
    await expect.poll(async () => (await planReady())?.status, { timeout: 5000 }).toBe('True');
    await idle(cs);
    expect((await planReady())?.message).toBe('3 nodes planned');
    const first = await planVersions();
    const n1 = await planOf('n1');
    expect(n1.containers.map((c) => c.name)).toContain('kube-apiserver');
    expect(n1.files.find((f) => f.path === '/etc/kubernetes/ssl/kube-apiserver-key.pem')).toMatchObject({ mode: '0600', kind: 'private-key' });
    expect(JSON.stringify(await t.store.list(RESOURCES.plans, { namespace: 'edge' }))).not.toContain('PRIVATE KEY');
    const certs = new Map((await t.store.list(CLUSTER_CERTS, { namespace: 'edge' })).items.map((r) => [r.metadata.name, r.metadata.resourceVersion]));

    // A change to the Cluster that a plan does not read (a label, another controller's status
    // field) is passed by: no reconcile.
    const cl = await t.store.get(RESOURCES.clusters, '', 'edge');
    let n = reconciles;
    await t.store.update(RESOURCES.clusters, { ...cl, metadata: { ...cl.metadata, labels: { touched: 'yes' } }, status: { ...(cl.status ?? {}), rollup: 'elsewhere' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await idle(cs);
    expect(reconciles).toBe(n);
    // Re-reconcile (a Plan's label changed: the Plans watch requeues the cluster): nothing is rewritten.
    const p1 = await t.store.get(RESOURCES.plans, 'edge', 'n1');
    await t.store.update(RESOURCES.plans, { ...p1, metadata: { ...p1.metadata, labels: { touched: 'yes' } } });
    first.set('n1', (await t.store.get(RESOURCES.plans, 'edge', 'n1')).metadata.resourceVersion);
    n = reconciles;
    await reconciledAfter(n, cs);
    expect(await planVersions()).toEqual(first);

    // Restart: a new controller on the same store, with a new SecretBox on the same key.
    await Promise.all(cs.map((c) => c.close()));
    running = [];
    n = reconciles;
    cs = await start(plan());
    await reconciledAfter(n, cs);
    expect(await planVersions()).toEqual(first);
    expect(new Map((await t.store.list(CLUSTER_CERTS, { namespace: 'edge' })).items.map((r) => [r.metadata.name, r.metadata.resourceVersion]))).toEqual(certs);

    // A kube-apiserver extra arg changes the control-plane nodes' plans only.
    const cl2 = await t.store.get(RESOURCES.clusters, '', 'edge');
    await t.store.update(RESOURCES.clusters, { ...cl2, spec: { services: { kubeApi: { extraArgs: { 'audit-log-maxage': '7' } } } } });
    await expect.poll(async () => (await planOf('n1')).containers.find((c) => c.name === 'kube-apiserver')?.args, { timeout: 10_000 }).toContain('--audit-log-maxage=7');
    await idle(cs);
    const second = await planVersions();
    expect(second.get('n1')).not.toBe(first.get('n1'));
    expect(second.get('n2')).not.toBe(first.get('n2'));
    expect(second.get('w3')).toBe(first.get('w3'));
    const n1b = await planOf('n1');
    const changed = n1b.containers.filter((c) => n1.containers.find((o) => o.name === c.name)?.specHash !== c.specHash).map((c) => c.name);
    expect(changed).toEqual(['kube-apiserver']);

    // A removed node loses its Plan; the others stay as they are (w3 was no SAN of any certificate).
    await t.store.delete(RESOURCES.nodes, 'edge', 'w3');
    await expect.poll(async () => [...(await planVersions()).keys()].sort(), { timeout: 10_000 }).toEqual(['n1', 'n2']);
    await idle(cs);
    const third = await planVersions();
    expect(third.get('n1')).toBe(second.get('n1'));
    expect((await planReady())?.message).toBe('2 nodes planned');
  });

  it('says why it cannot plan with PlanReady=False, and cluster-status keeps the condition', async () => {
    await mkCluster();
    await mkNode('w1', '10.0.0.1', ['worker']);
    await mkNode('e2', undefined, ['etcd', 'controlplane']);
    const cs = await start(plan(), clusterStatusController(t.store, () => new Date()));
    await expect.poll(async () => (await planReady())?.reason, { timeout: 10_000 }).toBe('WaitingForNodes');
    await idle(cs);
    const ready = await planReady();
    expect(ready).toMatchObject({ status: 'False', message: 'waiting for a node with the etcd and controlplane roles and an address (e2: no address yet)' });
    expect(ready?.lastTransitionTime).toMatch(/^\d{4}-/);
    expect((await planVersions()).size).toBe(0);

    // cluster-status rolls up a node change after the condition was written: the condition stays.
    await mkNode('w3', '10.0.0.3', ['worker']);
    await expect.poll(async () => (await clusterStatus()).nodes?.total, { timeout: 10_000 }).toBe(3);
    await idle(cs);
    const status = await clusterStatus();
    expect(status).toMatchObject({ state: 'Provisioning', reason: `plan: ${ready?.message}` });
    expect(status.conditions?.find((c) => c.type === PLAN_READY)).toEqual(ready);

    // An invalid spec (written past the API's checks) names the field.
    const cl = await t.store.get(RESOURCES.clusters, '', 'edge');
    await t.store.update(RESOURCES.clusters, { ...cl, spec: { kubernetesVersion: 'v1.0.0' } });
    await expect.poll(async () => (await planReady())?.reason, { timeout: 10_000 }).toBe('InvalidSpec');
    expect((await planReady())?.message).toContain('spec.kubernetesVersion');
    expect((await planReady())?.lastTransitionTime).toBe(ready?.lastTransitionTime);
  });

  it('deletes the certificate records with the Cluster', async () => {
    await mkCluster();
    await Promise.all([mkNode('n1', '10.0.0.1', ALL)]);
    await start(plan());
    await expect.poll(async () => (await planVersions()).size, { timeout: 10_000 }).toBe(1);
    expect((await t.store.list(CLUSTER_CERTS, { namespace: 'edge' })).items.length).toBeGreaterThan(5);
    await t.store.delete(RESOURCES.clusters, '', 'edge');
    await expect.poll(async () => (await t.store.list(CLUSTER_CERTS, { namespace: 'edge' })).items.length, { timeout: 10_000 }).toBe(0);
  });
});
