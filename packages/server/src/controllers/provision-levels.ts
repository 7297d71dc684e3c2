/**
 * The provision controller's level checks: pure functions from what is stored (a node's Plan, its
 * Node with the containers its agent last reported, its connectivity) to what a plane still needs.
 * Nothing here remembers anything, so a restarted server reads the same answers from the store.
 *
 * A node is done for a plane when every container of that plane in its Plan is reported with the
 * same spec hash, Docker state `running` and health `healthy`. That comparison of reported spec
 * hashes is the whole convergence test: a converged cluster needs no call to any agent, and a
 * container removed behind Drover's back (reported missing) makes its node not done again.
 *
 * Planes, in order (docs/adr/0022):
 *   etcd          `etcd` on etcd nodes
 *   controlplane  kube-apiserver, kube-controller-manager, kube-scheduler on controlplane nodes
 *   worker        every other container of each node's Plan (cri-dockerd, kubelet, kube-proxy,
 *                 nginx-proxy on nodes without a control plane), on every node; plus no managed
 *                 container the Plan does not name (the final apply prunes them).
 */
import type { StoredObject } from '@drover/store';
import type { NodePlan, NodeRole, PlanContainer } from '../provisioning/plan-types.ts';
import type { ContainerReport } from '../provisioning/plan-applier.ts';

export type PlaneName = 'etcd' | 'controlplane' | 'worker';

export interface Plane {
  name: PlaneName;
  /** The role whose nodes run this plane; undefined: every node. */
  role: NodeRole | undefined;
  /** Containers of this plane in a node's Plan. */
  containersOf(plan: NodePlan): PlanContainer[];
}

const ETCD = ['etcd'];
const CONTROL_PLANE = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const EARLIER = new Set([...ETCD, ...CONTROL_PLANE]);
const named = (names: readonly string[]) => (plan: NodePlan) => plan.containers.filter((c) => names.includes(c.name));

export const PLANES: Readonly<Record<PlaneName, Plane>> = Object.freeze({
  etcd: { name: 'etcd', role: 'etcd', containersOf: named(ETCD) },
  controlplane: { name: 'controlplane', role: 'controlplane', containersOf: named(CONTROL_PLANE) },
  // Taken from the Plan, not a list: whatever a node runs beyond the earlier planes is its worker part.
  worker: { name: 'worker', role: undefined, containersOf: (plan) => plan.containers.filter((c) => !EARLIER.has(c.name)) },
});

/** What the controller reads of a Node. */
export interface NodeView {
  name: string;
  roles: NodeRole[];
  connected: boolean;
  containers: ContainerReport[];
  plan: NodePlan | undefined;
}

export function nodeView(node: StoredObject, plan: StoredObject | undefined): NodeView {
  const spec = (node.spec ?? {}) as { roles?: NodeRole[] };
  const status = (node.status ?? {}) as { state?: string; containers?: ContainerReport[] };
  return {
    name: node.metadata.name,
    roles: spec.roles ?? [],
    connected: status.state === 'Connected',
    containers: Array.isArray(status.containers) ? status.containers : [],
    plan: plan?.spec as NodePlan | undefined,
  };
}

/** Why one container of a plane is not done on a node, or undefined when it is. */
export function containerGap(want: PlanContainer, reports: readonly ContainerReport[]): string | undefined {
  const got = reports.find((r) => r.name === want.name);
  if (got === undefined) return 'missing';
  if (got.specHash !== want.specHash) return 'outdated';
  if (got.state !== 'running') return got.state;
  if (got.health !== 'healthy') return got.message === undefined ? got.health : `${got.health}: ${got.message}`;
  return undefined;
}

/** The containers of `plane` on `node` that are not done, with why ({} when the node is done). */
export function planeGaps(plane: Plane, node: NodeView): Record<string, string> {
  const gaps: Record<string, string> = {};
  if (node.plan === undefined) return { plan: 'no Plan yet' };
  for (const c of plane.containersOf(node.plan)) {
    const gap = containerGap(c, node.containers);
    if (gap !== undefined) gaps[c.name] = gap;
  }
  // The worker plane also removes what the Plan no longer names.
  if (plane.name === 'worker') {
    const wanted = new Set(node.plan.containers.map((c) => c.name));
    for (const r of node.containers) if (!wanted.has(r.name)) gaps[r.name] = 'not in the plan';
  }
  return gaps;
}

/** The nodes `plane` runs on, by name. */
export function planeNodes(plane: Plane, nodes: readonly NodeView[]): NodeView[] {
  return nodes.filter((n) => plane.role === undefined || n.roles.includes(plane.role)).sort((a, b) => a.name.localeCompare(b.name));
}

/** etcd is running on `node` at the planned spec (whatever its health): it needs no apply to bootstrap. */
export function etcdStarted(node: NodeView): boolean {
  if (node.plan === undefined) return false;
  return PLANES.etcd.containersOf(node.plan).every((c) => {
    const gap = containerGap(c, node.containers);
    return gap === undefined || gap.startsWith('starting') || gap.startsWith('unhealthy') || gap.startsWith('unknown');
  });
}

/** Roles with no connected node, in role order ([] when every role has one). */
export function missingRoles(nodes: readonly NodeView[]): NodeRole[] {
  const roles: NodeRole[] = ['etcd', 'controlplane', 'worker'];
  return roles.filter((r) => !nodes.some((n) => n.connected && n.roles.includes(r)));
}

/** "etcd", "etcd and worker", "etcd, controlplane and worker". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** "kube-apiserver missing, kubelet outdated". */
export const describeGaps = (gaps: Record<string, string>): string =>
  Object.entries(gaps)
    .map(([c, why]) => `${c} ${why}`)
    .join(', ');
