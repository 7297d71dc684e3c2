/**
 * The etcd plane: bootstrap, then growth by member add (docs/adr/0022).
 *
 * Bootstrap: a new member set (initial-cluster-state new) has no healthy member until a quorum
 * runs, so while no member is healthy etcd is started on every member that lacks it at once,
 * without waiting for health, and the plane waits for the members' reports instead. Which nodes
 * bootstrap is recorded on the Cluster (status.etcd) before the first start: the peers the Plans
 * name then (their --initial-cluster). Once one member is healthy, etcd changes go one node at a
 * time with the health gate, like the other planes.
 *
 * Growth: an etcd node that registers after the bootstrap (hosts rarely register in the same
 * second) must not start its own cluster, nor join with `new`, which splits the data (each half
 * elects a leader of its own). Once every member is healthy, the next joining node (name order) is
 * added the way etcd wants: `member add` of its peer URL through a healthy member, recorded as a
 * member, then started with initial-cluster-state=existing and the members before it — which is
 * what its Plan says from the start (provisioning/plan-containers.ts etcdPeers), so the recorded
 * membership restarts nothing. One member at a time: etcd refuses a second add while an added
 * member has not started (it would lose quorum).
 */
import { PLANE_CONDITION, Reason } from './provision-conditions.ts';
import { containerGap, describeGaps, etcdStarted, listWords, PLANES, planeGaps, planeNodes } from './provision-levels.ts';
import type { NodeView } from './provision-levels.ts';
import { applyNode, awaitingReport, runPlane } from './provision-planes.ts';
import type { PlaneContext, PlaneResult } from './provision-planes.ts';
import type { EtcdMembership } from '../provisioning/plan-types.ts';

/** What the etcd plane reads and changes besides the Plans: the recorded membership and etcd's own. */
export interface EtcdMembershipOps {
  /** Cluster.status.etcd as read at the start of this reconcile. */
  current: EtcdMembership | undefined;
  record(m: EtcdMembership): Promise<void>;
  /** `member add` of `peerUrl` through `via`'s etcd (idempotent). */
  add(via: string, peerUrl: string): Promise<void>;
}

/** The peers of a planned etcd container's --initial-cluster, by node name, with their peer URLs, and its --initial-cluster-state. */
export function plannedPeers(node: NodeView): { peers: { name: string; url: string }[]; state: string } | undefined {
  const etcd = node.plan?.containers.find((c) => c.name === 'etcd');
  if (etcd === undefined) return undefined;
  const arg = (flag: string) => etcd.args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3) ?? '';
  const peers = arg('initial-cluster')
    .split(',')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return { name: p.slice(0, eq).replace(/^etcd-/, ''), url: p.slice(eq + 1) };
    });
  return { peers, state: arg('initial-cluster-state') };
}

const sameNames = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function runEtcd(ctx: PlaneContext, nodes: readonly NodeView[], m: EtcdMembershipOps): Promise<PlaneResult> {
  const plane = PLANES.etcd;
  const type = PLANE_CONDITION.etcd;
  const etcdNodes = planeNodes(plane, nodes);
  let membership = m.current;
  if (membership === undefined) {
    const planned = etcdNodes.map(plannedPeers).find((p) => p !== undefined);
    if (planned === undefined) return bootstrap(ctx, etcdNodes);
    membership = { members: planned.peers.map((p) => p.name), bootstrapped: planned.peers.length };
    await m.record(membership);
  }
  const recorded = new Set(membership.members);
  const members = etcdNodes.filter((n) => recorded.has(n.name));
  const healthy = members.filter((n) => n.plan !== undefined && plane.containersOf(n.plan).every((c) => containerGap(c, n.containers) === undefined));
  if (healthy.length === 0) return bootstrap(ctx, members);
  const r = await runPlane(ctx, plane, members);
  if (!r.ready) return r;

  const joining = etcdNodes.filter((n) => !recorded.has(n.name));
  if (joining.length === 0) return r;
  const next = joining[0]!;
  const waiting = (message: string): PlaneResult => ({ ready: false, condition: { type, status: 'False', reason: Reason.Applying, message } });
  if (!next.connected) return { ready: false, condition: { type, status: 'False', reason: Reason.NodeDisconnected, message: `${next.name} must join etcd and is disconnected` } };
  const planned = plannedPeers(next);
  const expected = [...membership.members, next.name];
  if (planned === undefined || planned.state !== 'existing' || !sameNames(planned.peers.map((p) => p.name), expected)) return waiting(`${next.name} joins etcd: waiting for its Plan to name the ${membership.members.length} members`);
  const via = healthy.find((n) => n.connected);
  if (via === undefined) return { ready: false, condition: { type, status: 'False', reason: Reason.NodeDisconnected, message: `${next.name} joins etcd: no connected healthy member to add it through` } };
  await ctx.progress({ type, status: 'False', reason: Reason.Applying, message: `adding ${next.name} to etcd through ${via.name}` });
  await m.add(via.name, planned.peers[planned.peers.length - 1]!.url);
  await m.record({ members: expected, bootstrapped: membership.bootstrapped });
  // The next pass starts it (it is a member now): one node at a time with the health gate.
  return waiting(`${next.name} added to etcd; starting it`);
}

/** Starts etcd at once on every member that lacks it (no health wait), then waits for their reports. */
async function bootstrap(ctx: PlaneContext, members: readonly NodeView[]): Promise<PlaneResult> {
  const plane = PLANES.etcd;
  const skipped: string[] = [];
  const start: NodeView[] = [];
  for (const n of members) {
    if (etcdStarted(n) || awaitingReport(ctx, plane, n)) continue;
    if (n.plan === undefined) skipped.push(`${n.name} has no Plan yet`);
    else if (!n.connected) skipped.push(`${n.name} disconnected`);
    else start.push(n);
  }
  if (start.length > 0) {
    await ctx.progress({ type: PLANE_CONDITION.etcd, status: 'False', reason: Reason.Applying, message: `starting etcd on ${listWords(start.map((n) => n.name))}` });
    const results = await Promise.allSettled(start.map((n) => applyNode(ctx, plane, n, false)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
  }
  const states = members.map((n) => `${n.name} ${describeGaps(planeGaps(plane, n))}`).join(', ');
  const wait = `waiting for ${members.length} member${members.length === 1 ? '' : 's'} healthy (0 of ${members.length} healthy: ${states})`;
  return { ready: false, condition: { type: PLANE_CONDITION.etcd, status: 'False', reason: skipped.length > 0 ? Reason.NodeDisconnected : Reason.WaitingForQuorum, message: skipped.length > 0 ? `${wait}; ${skipped.join('; ')}` : wait } };
}
