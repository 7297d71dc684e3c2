/**
 * The addons step of the provision controller: once the control plane is up, CoreDNS and flannel
 * (provisioning/addons) are server-side-applied through the proxy (cluster-apply.ts), as RKE's
 * addon Jobs did with kubectl apply. Applying unchanged objects changes nothing in the cluster, so
 * the step is idempotent; it runs when AddonsReady is not True, when the objects changed (a new
 * version or registry), and every {@link ADDON_RESYNC_MS} to repair drift. The memory of the last
 * apply is only that shortcut: a restarted server applies once more.
 */
import type { KubeObject } from '../provisioning/addons/index.ts';
import { canonicalJson } from '../provisioning/plan-hash.ts';
import { serverSideApply } from './cluster-apply.ts';
import type { ClusterApiCall } from './cluster-apply.ts';
import { ADDONS_READY, Reason } from './provision-conditions.ts';
import type { ConditionInput } from './provision-conditions.ts';

/** Re-apply the addons this often after a success (drift repair), ms. */
export const ADDON_RESYNC_MS = 10 * 60_000;

export interface AddonStepContext {
  cluster: string;
  clusterApi: ClusterApiCall;
  now: () => number;
  /** cluster → what was applied last and when. */
  applied: Map<string, { manifest: string; at: number }>;
  /** AddonsReady is True in the store now. */
  wasReady: boolean;
}

const ref = (o: KubeObject) => `${o.kind} ${o.metadata.namespace === undefined ? '' : `${o.metadata.namespace}/`}${o.metadata.name}`;

/** Applies `objects` unless they were applied recently; answers the AddonsReady condition. */
export async function applyAddons(ctx: AddonStepContext, objects: readonly KubeObject[]): Promise<{ ready: boolean; condition: ConditionInput }> {
  const manifest = canonicalJson(objects);
  const last = ctx.applied.get(ctx.cluster);
  const names = `${objects.length} addon objects applied (${[...new Set(objects.map((o) => o.metadata.labels?.['k8s-app'] ?? o.metadata.name))].join(', ')})`;
  const ready: ConditionInput = { type: ADDONS_READY, status: 'True', reason: Reason.Ready, message: names };
  if (ctx.wasReady && last !== undefined && last.manifest === manifest && ctx.now() - last.at < ADDON_RESYNC_MS) return { ready: true, condition: ready };

  for (const obj of objects) {
    let res: { statusCode: number; body: string };
    try {
      res = await serverSideApply(ctx.clusterApi, ctx.cluster, obj);
    } catch (err) {
      return { ready: false, condition: { type: ADDONS_READY, status: 'False', reason: Reason.ApiserverUnavailable, message: `cannot reach the cluster's apiserver to apply ${ref(obj)}: ${(err as Error).message}` } };
    }
    if (res.statusCode < 200 || res.statusCode >= 300) {
      return { ready: false, condition: { type: ADDONS_READY, status: 'False', reason: Reason.AddonRefused, message: `the cluster's apiserver refused ${ref(obj)}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}` } };
    }
  }
  ctx.applied.set(ctx.cluster, { manifest, at: ctx.now() });
  return { ready: true, condition: ready };
}
