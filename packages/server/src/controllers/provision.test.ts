/**
 * The provision controller on a real store with a fake PlanApplier that writes Node.status the way
 * an agent reports (provision-test-support.ts) and a recording cluster apiserver for the addons.
 */
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredObject } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import type { ContainerReport } from '../provisioning/plan-applier.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import type { ClusterApiCall } from './cluster-apply.ts';
import type { StatusCondition } from './conditions.ts';
import { clusterStatusController } from './cluster-status.ts';
import { createController } from './define-controller.ts';
import type { Controller } from './define-controller.ts';
import { provisionController } from './provision.ts';
import { ALL, FakeApplier, planFor, seedCluster } from './provision-test-support.ts';
import { planObject } from '../kinds/plan.ts';
import type { ApplyCall } from './provision-test-support.ts';
import { versionTable } from '../provisioning/versions.ts';

const logger = pino({ level: 'silent' });
const CP = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

describe('provision controller', () => {
  let t: TempStore;
  let applier: FakeApplier;
  let controllers: Controller[] = [];
  let reconciles = 0;
  const addonCalls: { cluster: string; path: string; body: Record<string, unknown> }[] = [];
  const clusterApi: ClusterApiCall = (cluster, req) => {
    addonCalls.push({ cluster, path: req.path, body: JSON.parse(req.body) as Record<string, unknown> });
    return Promise.resolve({ statusCode: 200, body: '{}' });
  };

  beforeEach(async () => {
    t = await createTempStore();
    applier = new FakeApplier(t.store);
    addonCalls.length = 0;
    memberAdds.length = 0;
    reconciles = 0;
  });
  afterEach(async () => {
    for (const c of controllers) await c.close();
    controllers = [];
    await t.cleanup();
  });

  const memberAdds: { cluster: string; via: string; peerUrl: string }[] = [];
  const etcdMembers = { addMember: (cluster: string, via: string, peerUrl: string) => (memberAdds.push({ cluster, via, peerUrl }), Promise.resolve({ added: true })) };
  const start = async () => {
    const def = provisionController({ store: t.store, logger, applier, clusterApi, table: versionTable(), now: () => new Date(), pollMs: 200, etcdMembers });
    const c = createController(def, { store: t.store, logger, baseBackoffMs: 20, onResult: () => void (reconciles += 1) });
    controllers.push(c);
    await c.start(new AbortController().signal);
    return c;
  };
  const conditions = async (cluster = 'c1') => ((await t.store.get(RESOURCES.clusters, '', cluster)).status as { conditions?: StatusCondition[] }).conditions ?? [];
  const condition = async (type: string, cluster = 'c1') => (await conditions(cluster)).find((c) => c.type === type);
  const provisioned = (cluster = 'c1') => expect.poll(async () => (await condition('Provisioned', cluster))?.status, { timeout: 10_000, interval: 20 }).toBe('True');
  const reports = async (node: string, cluster = 'c1') => ((await t.store.get(RESOURCES.nodes, cluster, node)).status as { containers?: ContainerReport[] }).containers ?? [];
  /** Waits for one more reconcile than now, then for the queue to settle. */
  const nextReconcile = async (c: Controller, touch: () => Promise<unknown>) => {
    const before = reconciles;
    await touch();
    await expect.poll(() => reconciles, { timeout: 5000, interval: 10 }).toBeGreaterThan(before);
    await c.idle();
  };
  const touchNode = async (node: string, change: (s: { containers?: ContainerReport[] }) => object = (s) => s) => {
    const obj: StoredObject = await t.store.get(RESOURCES.nodes, 'c1', node);
    await t.store.update(RESOURCES.nodes, { ...obj, status: change(obj.status as { containers?: ContainerReport[] }) });
  };

  it('runs the planes in order: etcd on every member without waiting, the control plane one node at a time, addons, then workers with a final prune', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ALL, n3: ALL, w4: ['worker'] }, { privateRegistries: [{ url: 'registry.corp:5000', default: true }] });
    applier.delay = (call) => (call.waitHealthy ? new Promise((r) => setTimeout(r, 5)) : Promise.resolve());
    await start();
    await provisioned();

    const calls = applier.calls;
    const key = (c: ApplyCall) => `${c.node}:${c.containers?.join(',') ?? (c.prune ? 'prune' : 'all')}:${c.waitHealthy ? 'wait' : 'nowait'}`;
    // etcd first, on all three members, without the health wait (no quorum yet).
    expect(calls.slice(0, 3).map(key).sort()).toEqual(['n1:etcd:nowait', 'n2:etcd:nowait', 'n3:etcd:nowait']);
    // Then the control plane, one node at a time, each gated on health.
    expect(calls.slice(3, 6).map(key)).toEqual(['n1', 'n2', 'n3'].map((n) => `${n}:${CP.join(',')}:wait`));
    // Then every node's worker containers (from its Plan: nginx-proxy only on w4), each followed by a prune of the whole Plan.
    expect(calls.slice(6).map(key)).toEqual([
      'n1:cri-dockerd,kubelet,kube-proxy:wait', 'n1:prune:wait',
      'n2:cri-dockerd,kubelet,kube-proxy:wait', 'n2:prune:wait',
      'n3:cri-dockerd,kubelet,kube-proxy:wait', 'n3:prune:wait',
      'w4:nginx-proxy,cri-dockerd,kubelet,kube-proxy:wait', 'w4:prune:wait',
    ]);
    expect(applier.maxGated.get('c1')).toBe(1);

    const byType = Object.fromEntries((await conditions()).map((c) => [c.type, c]));
    expect(byType.EtcdReady).toMatchObject({ status: 'True', reason: 'Ready', message: '3 members healthy' });
    expect(byType.ControlPlaneReady).toMatchObject({ status: 'True', message: '3 control plane nodes healthy' });
    expect(byType.WorkersReady).toMatchObject({ status: 'True', message: '4 nodes running their workers' });
    expect(byType.AddonsReady).toMatchObject({ status: 'True', reason: 'Ready' });
    expect(byType.Provisioned).toMatchObject({ status: 'True', message: '4 nodes provisioned' });
    expect(byType.PlanReady?.status).toBe('True'); // not ours: left as it was

    // Addons by server-side apply, images rewritten to the default registry, kube-dns on the cluster DNS IP.
    expect(addonCalls.every((c) => c.path.endsWith('?fieldManager=drover&force=true'))).toBe(true);
    const paths = addonCalls.map((c) => c.path.split('?')[0]);
    expect(paths).toContain('/api/v1/namespaces/kube-system/services/kube-dns');
    expect(paths).toContain('/apis/apps/v1/namespaces/kube-flannel/daemonsets/kube-flannel-ds');
    expect(paths).toContain('/apis/rbac.authorization.k8s.io/v1/clusterroles/system%3Acoredns');
    const svc = addonCalls.find((c) => c.path.includes('/services/kube-dns'))!.body as { spec: { clusterIP: string } };
    expect(svc.spec.clusterIP).toBe('10.43.0.10');
    expect(JSON.stringify(addonCalls.find((c) => c.path.includes('/deployments/coredns'))!.body)).toContain('"image":"registry.corp:5000/coredns/coredns:v1.11.3"');
    const cfg = addonCalls.find((c) => c.path.includes('/configmaps/kube-flannel-cfg'))!.body as { data: Record<string, string> };
    expect(JSON.parse(cfg.data['net-conf.json']!)).toEqual({ Network: '10.42.0.0/16', Backend: { Type: 'vxlan' } });
  });

  it('waits for the plan and for a connected node of every role, naming the missing roles, and applies nothing meanwhile', async () => {
    await seedCluster(t.store, 'c1', { n1: ['etcd'], w1: ['worker'] }, {}, ['w1']);
    await start();
    await expect.poll(() => condition('Provisioned'), { timeout: 5000 }).toMatchObject({ status: 'False', reason: 'WaitingForNodes', message: 'waiting for controlplane and worker nodes' });
    expect(applier.calls).toEqual([]);
  });

  it('bootstraps etcd on the connected members only and waits for a quorum, naming each member', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ['etcd'], n3: ['etcd'] }, {}, ['n2', 'n3']);
    await start();
    const want = 'waiting for 3 members healthy (0 of 3 healthy: n1 etcd starting, n2 etcd missing, n3 etcd missing); n2 disconnected; n3 disconnected';
    await expect.poll(async () => (await condition('EtcdReady'))?.message, { timeout: 5000 }).toBe(want);
    expect(await condition('EtcdReady')).toMatchObject({ status: 'False', reason: 'NodeDisconnected' });
    expect((await condition('Provisioned'))?.message).toBe(`etcd: ${want}`);
    expect(applier.calls).toEqual([{ cluster: 'c1', node: 'n1', containers: ['etcd'], prune: false, waitHealthy: false }]);
    // n2 returns: etcd starts there, two of three run and turn healthy (a quorum); the plane still waits for n3.
    await t.store.update(RESOURCES.nodes, { ...(await t.store.get(RESOURCES.nodes, 'c1', 'n2')), status: { state: 'Connected' } });
    await expect.poll(async () => (await condition('EtcdReady'))?.message, { timeout: 5000 }).toBe('n3 disconnected (etcd missing)');
    expect((await reports('n2')).map((r) => `${r.name}:${r.health}`)).toEqual(['etcd:healthy']);
  });

  it('a no-op reconcile calls no agent; a removed container re-applies exactly that node', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ALL, n3: ALL });
    const c = await start();
    await provisioned();
    await c.idle();
    applier.calls.length = 0;

    // The node drops and comes back (a server restart): reconciled twice, nothing to apply.
    await nextReconcile(c, () => touchNode('n2', (s) => ({ ...s, state: 'Disconnected' })));
    await nextReconcile(c, () => touchNode('n2', (s) => ({ ...s, state: 'Connected' })));
    expect(applier.calls).toEqual([]);

    // `docker rm -f kubelet` on n2: the agent reports it missing.
    await nextReconcile(c, () => touchNode('n2', (s) => ({ ...s, containers: s.containers!.filter((r) => r.name !== 'kubelet') })));
    await expect.poll(async () => (await reports('n2')).some((r) => r.name === 'kubelet'), { timeout: 5000 }).toBe(true);
    await c.idle();
    expect(applier.calls.length).toBeGreaterThan(0);
    expect(new Set(applier.calls.map((x) => x.node))).toEqual(new Set(['n2']));
    expect(applier.calls[0]).toMatchObject({ containers: ['cri-dockerd', 'kubelet', 'kube-proxy'], waitHealthy: true });
    expect(await condition('WorkersReady')).toMatchObject({ status: 'True' });
  });

  it('a failed apply sets the condition naming node and container, writes a Warning Event with the log lines, and retries', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ALL, n3: ALL });
    let failing = true;
    applier.fail = (call) =>
      failing && call.node === 'n2' && call.containers?.includes('kube-apiserver') === true ? { container: 'kube-apiserver', message: 'health check of kube-apiserver timed out', logTail: ['E1206 bind: address already in use', 'F1206 exiting'] } : undefined;
    await start();
    await expect.poll(() => condition('ControlPlaneReady'), { timeout: 5000 }).toMatchObject({ status: 'False', reason: 'ApplyFailed', message: 'kube-apiserver on n2 failed: health check of kube-apiserver timed out' });
    expect((await condition('Provisioned'))?.message).toBe('controlplane: kube-apiserver on n2 failed: health check of kube-apiserver timed out');
    const events = (await t.store.list(RESOURCES.events, { namespace: 'c1' })).items;
    expect(events[0]).toMatchObject({ type: 'Warning', reason: 'ApplyFailed', involvedObject: { kind: 'Node', name: 'n2' } });
    expect(String(events[0]!.message)).toContain('last log lines:\nE1206 bind: address already in use\nF1206 exiting');
    // n3 waits behind n2 (one node at a time): never touched while n2 fails.
    expect(applier.calls.some((c) => c.node === 'n3' && c.containers?.includes('kube-apiserver') === true)).toBe(false);
    failing = false;
    await provisioned();
  });

  it('skips a disconnected node that needs work, says so, and goes on when it returns', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ALL, n3: ALL, w4: ['worker'] }, {}, ['w4']);
    // Every role has another connected node, so provisioning starts; w4 blocks only the workers.
    await start();
    await expect.poll(async () => (await condition('WorkersReady'))?.reason, { timeout: 10_000 }).toBe('NodeDisconnected');
    expect((await condition('WorkersReady'))?.message).toBe('w4 disconnected (nginx-proxy missing, cri-dockerd missing, kubelet missing, kube-proxy missing)');
    expect((await condition('Provisioned'))?.message).toBe('workers: w4 disconnected (nginx-proxy missing, cri-dockerd missing, kubelet missing, kube-proxy missing)');
    expect(applier.calls.some((c) => c.node === 'w4')).toBe(false);
    await t.store.update(RESOURCES.nodes, { ...(await t.store.get(RESOURCES.nodes, 'c1', 'w4')), status: { state: 'Connected' } });
    await provisioned();
  });

  it('a controller stopped mid-way aborts its apply, and a new one on the same store converges to the same result', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ALL, n3: ALL });
    // The second control-plane apply hangs until aborted.
    applier.delay = (call, signal) =>
      call.node === 'n2' && call.containers?.includes('kube-apiserver') === true && controllers.length === 1
        ? new Promise((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }))
        : Promise.resolve();
    const first = await start();
    await expect.poll(() => applier.calls.some((c) => c.node === 'n2' && c.containers?.includes('kube-apiserver') === true), { timeout: 5000 }).toBe(true);
    await first.close();
    expect(applier.aborted).toBe(1);
    const before = applier.calls.length;

    await start();
    await provisioned();
    const after = applier.calls.slice(before);
    // etcd and n1's control plane were done: the new controller reads that from the store and starts at n2.
    expect(after.some((c) => c.containers?.includes('etcd') === true)).toBe(false);
    expect(after.filter((c) => c.containers?.includes('kube-apiserver') === true).map((c) => c.node)).toEqual(['n2', 'n3']);
    for (const n of ['n1', 'n2', 'n3']) expect((await reports(n)).map((r) => `${r.name}:${r.specHash}:${r.health}`).sort()).toEqual(
      ['etcd', ...CP, 'cri-dockerd', 'kubelet', 'kube-proxy'].map((c) => `${c}:${c}-v1:healthy`).sort(),
    );
  });

  it("cluster-status follows: Provisioning with the current step as reason, then Active", async () => {
    await seedCluster(t.store, 'c1', { n1: ALL, n2: ALL, n3: ALL });
    // etcd members never turn healthy until released: the cluster stays at the etcd step.
    let release = false;
    applier.delay = (call) => (call.containers?.includes('etcd') === true && !release ? Promise.reject(new Error('never')) : Promise.resolve());
    const status = createController(clusterStatusController(t.store, () => new Date()), { store: t.store, logger });
    controllers.push(status);
    await status.start(new AbortController().signal);
    await start();
    const state = async () => (await t.store.get(RESOURCES.clusters, '', 'c1')).status as { state?: string; reason?: string };
    await expect.poll(state, { timeout: 5000 }).toMatchObject({ state: 'Provisioning', reason: expect.stringMatching(/^etcd: etcd on n\d failed: never$/) as unknown });
    release = true;
    await expect.poll(state, { timeout: 10_000 }).toMatchObject({ state: 'Active', reason: '3 of 3 nodes connected' });
  });

  it('provisions two clusters concurrently', async () => {
    await seedCluster(t.store, 'c1', { a1: ALL });
    await seedCluster(t.store, 'c2', { b1: ALL });
    // Each cluster's first control-plane apply waits (bounded) until the other cluster has one in flight.
    const inCp = new Set<string>();
    applier.delay = async (call) => {
      if (call.containers?.includes('kube-apiserver') !== true) return;
      inCp.add(call.cluster);
      const until = Date.now() + 3000;
      while (inCp.size < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
    };
    await start();
    await provisioned('c1');
    await provisioned('c2');
    expect(applier.maxInFlight).toBeGreaterThanOrEqual(2);
    expect(inCp).toEqual(new Set(['c1', 'c2']));
  });
  it('records who bootstrapped etcd; a node that registers later is added with member add through a healthy member, then started', async () => {
    await seedCluster(t.store, 'c1', { n1: ALL });
    await start();
    await provisioned();
    const etcdOf = async () => ((await t.store.get(RESOURCES.clusters, '', 'c1')).status as { etcd?: unknown }).etcd;
    expect(await etcdOf()).toEqual({ members: ['n1'], bootstrapped: 1 });
    expect(memberAdds).toEqual([]);

    // n2 registers: its Plan joins the running cluster (what plan-containers.ts etcdPeers computes).
    applier.calls.length = 0;
    await t.store.create(RESOURCES.nodes, { apiVersion: 'management.drover.dev/v1', kind: 'Node', metadata: { name: 'n2', namespace: 'c1' }, spec: { roles: ALL }, status: { state: 'Connected' } });
    const plan = planFor('n2', ALL, 'v1', ['n1', 'n2']);
    plan.containers.find((c) => c.name === 'etcd')!.args = ['--initial-cluster=etcd-n1=https://n1:2380,etcd-n2=https://n2:2380', '--initial-cluster-state=existing'];
    await t.store.create(RESOURCES.plans, planObject('c1', plan));

    await expect.poll(async () => (await reports('n2')).find((r) => r.name === 'etcd')?.health, { timeout: 10_000, interval: 20 }).toBe('healthy');
    expect(memberAdds).toEqual([{ cluster: 'c1', via: 'n1', peerUrl: 'https://n2:2380' }]);
    expect(await etcdOf()).toEqual({ members: ['n1', 'n2'], bootstrapped: 1 });
    // Added before it was started, and started with the health gate (the cluster has a quorum to join).
    const first = applier.calls.find((c) => c.node === 'n2');
    expect(first).toMatchObject({ containers: ['etcd'], waitHealthy: true });
    await expect.poll(async () => (await condition('EtcdReady'))?.status, { timeout: 10_000, interval: 20 }).toBe('True');
  });
});
