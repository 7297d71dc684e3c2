/**
 * One pass over one plane of one cluster: which nodes are not done (provision-levels.ts), and the
 * applies that move them, one node at a time and awaited with the health check, so a plane never
 * loses more than one node's components at once. A pass answers whether the plane is ready and the
 * condition to write; a failed apply throws {@link PlaneApplyFailed}.
 *
 * etcd bootstraps and grows differently: provision-etcd.ts.
 *
 * An apply that succeeded is remembered for {@link REPORT_GRACE_MS} with the containers the node
 * reported before it (the agent's status report may land a moment after the answer): while the
 * report is still that old one the node is "waiting for its report", not applied again; any newer
 * report (a container removed since, say) is believed at once. The memory is only that shortcut; a
 * restarted controller at worst re-applies once, which the agent answers with "unchanged".
 */
import type { PlanApplier } from '../provisioning/plan-applier.ts';
import { PLANE_CONDITION, Reason } from './provision-conditions.ts';
import type { ConditionInput } from './provision-conditions.ts';
import { PlaneApplyFailed } from './provision-failure.ts';
import { describeGaps, listWords, planeGaps, planeNodes } from './provision-levels.ts';
import type { NodeView, Plane } from './provision-levels.ts';

/** How long a successful apply stands in for the node's report, ms. */
export const REPORT_GRACE_MS = 15_000;
/** Bound of one container's health wait during an apply, ms. */
export const HEALTH_TIMEOUT_MS = 120_000;

export interface PlaneContext {
  cluster: string;
  applier: PlanApplier;
  signal: AbortSignal;
  now: () => number;
  /** Writes a progress condition before a long step. */
  progress(condition: ConditionInput): Promise<void>;
  /** `cluster/node/plane` → spec hashes applied, when, and the report seen before (see REPORT_GRACE_MS). */
  recent: Map<string, RecentApply>;
}

export interface RecentApply {
  hashes: string;
  at: number;
  /** The node's reported containers before the apply, as JSON. */
  before: string;
}

export interface PlaneResult {
  ready: boolean;
  condition: ConditionInput;
}

const hashesOf = (plane: Plane, node: NodeView): string => (node.plan === undefined ? '' : `${node.plan.hash}:${plane.containersOf(node.plan).map((c) => c.specHash).join(',')}`);
const recentKey = (ctx: PlaneContext, plane: Plane, node: NodeView) => `${ctx.cluster}/${node.name}/${plane.name}`;

export function awaitingReport(ctx: PlaneContext, plane: Plane, node: NodeView): boolean {
  const r = ctx.recent.get(recentKey(ctx, plane, node));
  return r !== undefined && r.hashes === hashesOf(plane, node) && ctx.now() - r.at < REPORT_GRACE_MS && r.before === JSON.stringify(node.containers);
}

function remember(ctx: PlaneContext, plane: Plane, node: NodeView): void {
  ctx.recent.set(recentKey(ctx, plane, node), { hashes: hashesOf(plane, node), at: ctx.now(), before: JSON.stringify(node.containers) });
}

export async function applyNode(ctx: PlaneContext, plane: Plane, node: NodeView, waitHealthy: boolean): Promise<void> {
  const containers = node.plan === undefined ? [] : plane.containersOf(node.plan).map((c) => c.name);
  const common = { waitHealthy, healthTimeoutMs: HEALTH_TIMEOUT_MS, signal: ctx.signal };
  try {
    if (containers.length > 0) await ctx.applier.apply(ctx.cluster, node.name, { ...common, containers });
    // The worker plane ends each node with the whole Plan, removing what it no longer names.
    if (plane.name === 'worker') await ctx.applier.apply(ctx.cluster, node.name, { ...common, prune: true });
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    throw new PlaneApplyFailed(plane.name, node.name, containers, err);
  }
  remember(ctx, plane, node);
}

/** Summary of the nodes a pass could not finish: "cp2 disconnected (kube-apiserver missing); cp3 waiting for its report". */
function pending(skipped: string[], waiting: string[]): string {
  return [...skipped, ...waiting.map((n) => `${n} waiting for its report`)].join('; ');
}

/** One pass over `plane`: each node not done, in name order, applied with the health gate. */
export async function runPlane(ctx: PlaneContext, plane: Plane, nodes: readonly NodeView[]): Promise<PlaneResult> {
  const type = PLANE_CONDITION[plane.name];
  const targets = planeNodes(plane, nodes);
  const skipped: string[] = [];
  const waiting: string[] = [];
  for (const node of targets) {
    const gaps = planeGaps(plane, node);
    if (Object.keys(gaps).length === 0) continue;
    if (awaitingReport(ctx, plane, node)) waiting.push(node.name);
    else if (node.plan === undefined) skipped.push(`${node.name} has no Plan yet`);
    else if (!node.connected) skipped.push(`${node.name} disconnected (${describeGaps(gaps)})`);
    else {
      await ctx.progress({ type, status: 'False', reason: Reason.Applying, message: `applying ${listWords(Object.keys(gaps))} on ${node.name} (${describeGaps(gaps)})` });
      await applyNode(ctx, plane, node, true);
    }
  }
  if (skipped.length === 0 && waiting.length === 0) return { ready: true, condition: { type, status: 'True', reason: Reason.Ready, message: readyMessage(plane, targets.length) } };
  const reason = skipped.length > 0 ? Reason.NodeDisconnected : Reason.Applying;
  return { ready: false, condition: { type, status: 'False', reason, message: pending(skipped, waiting) } };
}

function readyMessage(plane: Plane, count: number): string {
  const s = count === 1 ? '' : 's';
  if (plane.name === 'etcd') return `${count} member${s} healthy`;
  if (plane.name === 'controlplane') return `${count} control plane node${s} healthy`;
  return `${count} node${s} running their workers`;
}
