/**
 * Test support for the provision controller: Plans shaped like plan-containers.ts writes them (by
 * role, RKE's container names), and a fake PlanApplier that does what an agent does to the store —
 * reports each applied container on Node.status.containers (running, the Plan's spec hash), prunes,
 * and makes etcd healthy only once a quorum of members runs — and can be slow, fail, or block.
 * The real applier (the command channel) and the real agent are tested on their side.
 */
import type { Store } from '@drover/store';
import { DroverError } from '../errors.ts';
import { planObject } from '../kinds/plan.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import type { ApplyOptions, ApplyResult, ContainerReport, PlanApplier } from '../provisioning/plan-applier.ts';
import type { NodePlan, NodeRole, PlanContainer } from '../provisioning/plan-types.ts';

/** A Plan container with only what the controller reads filled in for real. */
function container(name: string, version: string): PlanContainer {
  return {
    name,
    image: `registry.k8s.io/${name}:test`,
    entrypoint: [name],
    args: [],
    env: [],
    binds: [],
    networkMode: 'host',
    pidMode: '',
    privileged: false,
    restartPolicy: 'always',
    labels: {},
    healthCheck: { type: 'tcp', address: '127.0.0.1:1' },
    specHash: `${name}-${version}`,
  };
}

/** The containers a node with `roles` runs, in start order; etcd bootstraps with `etcdPeers` (default: itself). */
export function planFor(node: string, roles: NodeRole[], version = 'v1', etcdPeers: readonly string[] = [node]): NodePlan {
  const names = [
    ...(roles.includes('etcd') ? ['etcd'] : []),
    ...(roles.includes('controlplane') ? ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] : ['nginx-proxy']),
    'cri-dockerd',
    'kubelet',
    'kube-proxy',
  ];
  const containers = names.map((n) => container(n, version));
  const etcd = containers.find((c) => c.name === 'etcd');
  if (etcd !== undefined) etcd.args = [`--initial-cluster=${etcdPeers.map((p) => `etcd-${p}=https://${p}:2380`).join(',')}`, '--initial-cluster-state=new'];
  return { node, roles, kubernetesVersion: 'v1.32.6', containers, files: [], hash: `${node}-${version}` };
}

export const ALL: NodeRole[] = ['etcd', 'controlplane', 'worker'];

/** A Cluster with PlanReady True, its Nodes (Connected unless said) and their Plans. */
export async function seedCluster(store: Store, cluster: string, nodes: Record<string, NodeRole[]>, spec: Record<string, unknown> = {}, disconnected: string[] = []): Promise<void> {
  const planReady = { type: 'PlanReady', status: 'True', reason: 'Planned', message: 'planned', lastTransitionTime: new Date(0).toISOString() };
  await store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: cluster }, spec, status: { conditions: [planReady] } });
  const etcdPeers = Object.entries(nodes)
    .filter(([, roles]) => roles.includes('etcd'))
    .map(([name]) => name)
    .sort();
  for (const [name, roles] of Object.entries(nodes)) {
    await store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name, namespace: cluster }, spec: { roles }, status: { state: disconnected.includes(name) ? 'Disconnected' : 'Connected' } });
    await store.create(RESOURCES.plans, planObject(cluster, planFor(name, roles, 'v1', etcdPeers)));
  }
}

export interface ApplyCall {
  cluster: string;
  node: string;
  containers: readonly string[] | undefined;
  prune: boolean;
  waitHealthy: boolean;
}

/** Fake agent behaviour: slow (`delay`), failing (`fail`), recording calls and concurrency. */
export class FakeApplier implements PlanApplier {
  readonly calls: ApplyCall[] = [];
  /** Highest number of applies with waitHealthy in flight at once, per cluster. */
  readonly maxGated = new Map<string, number>();
  /** Highest number of applies in flight at once across clusters. */
  maxInFlight = 0;
  /** Applies that saw their signal aborted. */
  aborted = 0;
  delay: (call: ApplyCall, signal: AbortSignal | undefined) => Promise<void> = () => Promise.resolve();
  fail: (call: ApplyCall) => { container: string; message: string; logTail: string[] } | undefined = () => undefined;
  #inFlight = 0;
  /** Store writes one at a time, as one agent per node and one status writer would (no lost updates). */
  #chain: Promise<unknown> = Promise.resolve();
  readonly #gated = new Map<string, number>();
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  async apply(cluster: string, node: string, options: ApplyOptions = {}): Promise<ApplyResult> {
    const call: ApplyCall = { cluster, node, containers: options.containers, prune: options.prune === true, waitHealthy: options.waitHealthy === true };
    this.calls.push(call);
    this.#inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.#inFlight);
    const gated = (this.#gated.get(cluster) ?? 0) + (call.waitHealthy ? 1 : 0);
    this.#gated.set(cluster, gated);
    this.maxGated.set(cluster, Math.max(this.maxGated.get(cluster) ?? 0, gated));
    try {
      await this.delay(call, options.signal);
      if (options.signal?.aborted === true) {
        this.aborted += 1;
        throw new DroverError('DROVER_ERR_NODE_CHANNEL_CLOSED', 'aborted');
      }
      const failure = this.fail(call);
      if (failure !== undefined) throw new DroverError('DROVER_ERR_PLAN_APPLY_FAILED', failure.message, { details: { node, ...failure } as never });
      return await this.#serial(() => this.#run(cluster, node, call));
    } finally {
      this.#inFlight -= 1;
      this.#gated.set(cluster, (this.#gated.get(cluster) ?? 1) - (call.waitHealthy ? 1 : 0));
    }
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#chain.then(fn, fn);
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async #run(cluster: string, node: string, call: ApplyCall): Promise<ApplyResult> {
    const plan = (await this.#store.get(RESOURCES.plans, cluster, node)).spec as NodePlan;
    const names = call.containers ?? plan.containers.map((c) => c.name);
    const obj = await this.#store.get(RESOURCES.nodes, cluster, node);
    const status = (obj.status ?? {}) as { containers?: ContainerReport[] };
    const reports = new Map((status.containers ?? []).map((r) => [r.name, r]));
    const created: string[] = [];
    const unchanged: string[] = [];
    for (const name of names) {
      const want = plan.containers.find((c) => c.name === name)!;
      const old = reports.get(name);
      if (old !== undefined && old.specHash === want.specHash && old.state === 'running') unchanged.push(name);
      else created.push(name);
      reports.set(name, { name, id: `${node}-${name}-${want.specHash}`, image: want.image, state: 'running', specHash: want.specHash, health: name === 'etcd' ? (old?.health ?? 'starting') : 'healthy' });
    }
    const removed = call.prune ? [...reports.keys()].filter((n) => !plan.containers.some((c) => c.name === n)) : [];
    for (const n of removed) reports.delete(n);
    await this.#store.update(RESOURCES.nodes, { ...obj, status: { ...status, containers: [...reports.values()], appliedPlanHash: plan.hash } });
    await this.#etcdQuorum(cluster);
    const after = ((await this.#store.get(RESOURCES.nodes, cluster, node)).status as { containers: ContainerReport[] }).containers;
    const sick = after.find((r) => names.includes(r.name) && r.health !== 'healthy');
    if (call.waitHealthy && sick !== undefined) throw new DroverError('DROVER_ERR_PLAN_APPLY_FAILED', `${sick.name}: health check timed out`, { details: { node, container: sick.name, logTail: ['no quorum'] } as never });
    return { planHash: plan.hash, created, replaced: [], removed, unchanged, filesWritten: [], containers: after };
  }

  /** etcd members report healthy while a quorum of the cluster's etcd nodes runs etcd. */
  async #etcdQuorum(cluster: string): Promise<void> {
    const nodes = (await this.#store.list(RESOURCES.nodes, { namespace: cluster })).items.filter((n) => ((n.spec as { roles?: string[] }).roles ?? []).includes('etcd'));
    const running = nodes.filter((n) => ((n.status as { containers?: ContainerReport[] }).containers ?? []).some((r) => r.name === 'etcd' && r.state === 'running'));
    const health = running.length >= Math.floor(nodes.length / 2) + 1 ? 'healthy' : 'starting';
    for (const n of running) {
      const status = n.status as { containers: ContainerReport[] };
      if (status.containers.every((r) => r.name !== 'etcd' || r.health === health)) continue;
      await this.#store.update(RESOURCES.nodes, { ...n, status: { ...status, containers: status.containers.map((r) => (r.name === 'etcd' ? { ...r, health } : r)) } });
    }
  }
}
