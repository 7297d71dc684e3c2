/**
 * Cluster status roll-up: `status.state`, `status.reason` and `status.nodes` (this controller is
 * their only writer) from the Nodes in the cluster's namespace and the conditions other
 * controllers own (PlanReady: plan.ts; EtcdReady, ControlPlaneReady, WorkersReady, AddonsReady,
 * Provisioned: provision.ts). It never writes a condition.
 *   no nodes                                 → Waiting,      "waiting for nodes"
 *   PlanReady False InvalidSpec              → Error,        "invalid spec: spec.kubernetesVersion: …"
 *   not Provisioned yet                      → Provisioning, "etcd: waiting for 3 members healthy (0 of 3 healthy: n1 etcd starting, …)"
 *   Provisioned, all connected, all True     → Active,       "3 of 3 nodes connected"
 *   Provisioned, a node down or a condition False
 *                                            → Degraded,     "2 of 3 nodes connected; node-2 disconnected 3 m ago"
 * While a node is down the key is requeued so "… ago" stays current (minute precision).
 */
import type { Store, StoredObject } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import type { StatusCondition } from './conditions.ts';
import { defineController } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { getObject, updateIfChanged, withStatus } from './object-ops.ts';
import { changedOnly, stormDelay, whenChanged } from './watch-filter.ts';
import { PLAN_READY } from './plan.ts';
import { ADDONS_READY, CONTROL_PLANE_READY, ETCD_READY, PROVISIONED, WORKERS_READY } from './provision-conditions.ts';

const MINUTE = 60_000;
/** A Node's change is rolled up this long after it, ms; while its cluster's Nodes keep changing, every ROLLUP_STORM_MS. */
const ROLLUP_DELAY_MS = 500;
const ROLLUP_STORM_MS = 2000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Down nodes named in the reason; the rest are counted. */
const MAX_NAMED = 3;

/** The states a Cluster's status.state takes (the console and `kubectl get clusters` show them). */
export type ClusterState = 'Waiting' | 'Provisioning' | 'Active' | 'Degraded' | 'Error';

export interface ClusterRollup {
  state: ClusterState;
  reason: string;
  nodes: { total: number; connected: number };
  /** When the reason text next changes (an "… ago" crossing a unit), if it will. */
  changesInMs?: number;
}

/** What the roll-up reads of a Node. */
const connectivityOf = (n: StoredObject): unknown => {
  const status = (n.status ?? {}) as { state?: string; since?: string };
  return [status.state, status.since];
};

/** "just now", "3 m ago", "5 h ago", "2 d ago", and how long until the text changes. */
export function ago(sinceMs: number): { text: string; changesInMs: number } {
  const d = Math.max(0, sinceMs);
  if (d < MINUTE) return { text: 'just now', changesInMs: MINUTE - d };
  if (d < HOUR) return { text: `${Math.floor(d / MINUTE)} m ago`, changesInMs: MINUTE - (d % MINUTE) };
  if (d < 2 * DAY) return { text: `${Math.floor(d / HOUR)} h ago`, changesInMs: HOUR - (d % HOUR) };
  return { text: `${Math.floor(d / DAY)} d ago`, changesInMs: DAY - (d % DAY) };
}

/** The roll-up from node connectivity alone (Waiting, Active, Degraded). */
export function rollUpNodes(nodes: readonly StoredObject[], now: Date): ClusterRollup {
  const total = nodes.length;
  if (total === 0) return { state: 'Waiting', reason: 'waiting for nodes', nodes: { total, connected: 0 } };
  const down: { name: string; text: string; changesInMs?: number; order: number }[] = [];
  let connected = 0;
  for (const n of nodes) {
    const status = (n.status ?? {}) as { state?: string; since?: string };
    if (status.state === 'Connected') {
      connected += 1;
      continue;
    }
    const since = status.since === undefined ? NaN : Date.parse(status.since);
    if (status.state === 'Disconnected' && !Number.isNaN(since)) {
      const a = ago(now.getTime() - since);
      down.push({ name: n.metadata.name, text: `${n.metadata.name} disconnected ${a.text}`, changesInMs: a.changesInMs, order: since });
    } else if (status.state === 'Disconnected') {
      down.push({ name: n.metadata.name, text: `${n.metadata.name} disconnected`, order: 0 });
    } else {
      down.push({ name: n.metadata.name, text: `${n.metadata.name} registering`, order: Number.MAX_SAFE_INTEGER });
    }
  }
  const summary = `${connected} of ${total} node${total === 1 ? '' : 's'} connected`;
  if (connected === total) return { state: 'Active', reason: summary, nodes: { total, connected } };
  // Longest-down first, then by name.
  down.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
  const named = down.slice(0, MAX_NAMED);
  const more = down.length - named.length;
  const reason = `${summary}; ${named.map((d) => d.text).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const changes = named.map((d) => d.changesInMs).filter((x): x is number => x !== undefined);
  const rollup: ClusterRollup = { state: 'Degraded', reason, nodes: { total, connected } };
  if (changes.length > 0) rollup.changesInMs = Math.min(...changes);
  return rollup;
}

/** Conditions that say a provisioned cluster is unwell when False, with the word the reason uses. */
const HEALTH_CONDITIONS: readonly [string, string][] = [
  [PLAN_READY, 'plan'],
  [ETCD_READY, 'etcd'],
  [CONTROL_PLANE_READY, 'controlplane'],
  [WORKERS_READY, 'workers'],
  [ADDONS_READY, 'addons'],
];

/** The roll-up from node connectivity and the Cluster's conditions (see the header). */
export function rollUp(nodes: readonly StoredObject[], conditions: readonly StatusCondition[], now: Date): ClusterRollup {
  const byNodes = rollUpNodes(nodes, now);
  if (byNodes.state === 'Waiting') return byNodes;
  const find = (type: string) => conditions.find((c) => c.type === type);
  const planReady = find(PLAN_READY);
  const provisioned = find(PROVISIONED);
  if (planReady?.status === 'False' && planReady.reason === 'InvalidSpec') return { state: 'Error', reason: `invalid spec: ${planReady.message}`, nodes: byNodes.nodes };
  if (provisioned?.status !== 'True') {
    const reason = planReady?.status !== 'True' ? `plan: ${planReady?.message ?? 'waiting for plans'}` : (provisioned?.message ?? 'waiting to provision');
    return { state: 'Provisioning', reason, nodes: byNodes.nodes };
  }
  const failing = HEALTH_CONDITIONS.flatMap(([type, word]) => {
    const c = find(type);
    return c?.status === 'False' ? [`${word}: ${c.message}`] : [];
  });
  if (failing.length === 0) return byNodes;
  const { changesInMs, ...rest } = byNodes;
  const rollup: ClusterRollup = { ...rest, state: 'Degraded', reason: [byNodes.reason, ...failing].join('; ') };
  if (changesInMs !== undefined) rollup.changesInMs = changesInMs;
  return rollup;
}

/**
 * Keys are cluster names; a Node's change requeues its cluster (namespace = cluster name).
 * Clusters are independent, so several are rolled up at once.
 */
export function clusterStatusController(store: Store, now: () => Date): ControllerDefinition {
  return defineController({
    name: 'cluster-status',
    for: RESOURCES.clusters,
    // A storm of node changes (a server restart: every node Disconnected, then Connected) rolls
    // up once per cluster every 2 s instead of once per change; a lone change in half a second
    // (issue 15). Only a Node's connectivity (state and since) matters, not its RTT and reports.
    watches: [{ resource: RESOURCES.nodes, map: changedOnly(connectivityOf, (node) => node.metadata.namespace), delayMs: stormDelay(ROLLUP_DELAY_MS, ROLLUP_STORM_MS) }],
    // Of the Cluster it reads the conditions (provision's); its own writes do not requeue it.
    forEvents: whenChanged((c) => [c.metadata.uid, (c.status as { conditions?: unknown } | undefined)?.conditions]),
    concurrency: 4,
    async reconcile({ name }) {
      const obj = await getObject(store, RESOURCES.clusters, { namespace: '', name });
      if (obj === undefined || obj.metadata.deletionTimestamp !== undefined) return;
      const { items } = await store.list(RESOURCES.nodes, { namespace: name });
      const conditions = ((obj.status ?? {}) as { conditions?: StatusCondition[] }).conditions;
      const r = rollUp(items, Array.isArray(conditions) ? conditions : [], now());
      await updateIfChanged(store, RESOURCES.clusters, obj, withStatus(obj, { state: r.state, reason: r.reason, nodes: r.nodes }));
      if (r.changesInMs !== undefined) return { requeueAfterMs: r.changesInMs + 10 };
    },
  });
}
