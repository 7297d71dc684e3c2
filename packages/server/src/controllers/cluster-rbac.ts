/**
 * cluster-rbac: the ClusterRoleBindings inside each cluster that make the proxy's impersonation
 * work (docs/adr/0015). The proxy impersonates the Drover user with one Drover group per role
 * (proxy/groups.ts, the one place these names live); each group is bound to one of Kubernetes'
 * built-in ClusterRoles:
 *
 *   drover:admins           → cluster-admin     (Drover admins)
 *   drover:cluster-owners   → cluster-admin     (owner)
 *   drover:cluster-members  → edit              (member)
 *   drover:cluster-viewers  → view              (read-only)
 *
 * The bindings name groups, never users, so they do not change when members come and go: a new
 * member's next request already carries the new group, with no per-user object to create in the
 * cluster and no lag (Rancher's per-user bindings lagged behind its CRTBs). What needs reconciling
 * is the cluster's side: its apiserver may come up after its control-plane node connects, its etcd
 * may be replaced, or someone may edit a binding. So the controller applies all four with
 * server-side apply (field manager `drover`, forced) whenever a control-plane node of the cluster
 * is (re)connected, retries every {@link RETRY_MS} while the apiserver cannot be reached (one
 * Normal Event "waiting", or a Warning when the apiserver refuses), and
 * re-applies every {@link RESYNC_MS} to repair drift. Applying unchanged bindings changes nothing
 * in the cluster.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store, StoredObject } from '@drover/store';
import { recordEvent } from '../agents/events.ts';
import { RESOURCES } from '../kinds/resources.ts';
import type { ClusterApi } from '../proxy/cluster-api.ts';
import { clusterRoleBindingObject, DROVER_CLUSTER_ROLE_BINDINGS } from '../proxy/groups.ts';
import { serverSideApply } from './cluster-apply.ts';
import type { ApplyTarget, ClusterApiCall } from './cluster-apply.ts';
import { defineController } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { getObject } from './object-ops.ts';
import { whenChanged } from './watch-filter.ts';

export { DROVER_FIELD_MANAGER } from './cluster-apply.ts';
export type { ClusterApiCall } from './cluster-apply.ts';

/** Look again this often while the cluster's apiserver cannot be reached or refuses. */
export const RETRY_MS = 5_000;
/** Re-apply this often after a success (drift repair). */
export const RESYNC_MS = 10 * 60_000;


export interface ClusterRbacOptions {
  store: Store;
  logger: FastifyBaseLogger;
  clusterApi: ClusterApiCall;
  now: () => Date;
}

/** {@link ClusterApiCall} over the proxy's `clusterApi` (the response body read as text). */
export function callThrough(api: ClusterApi, timeoutMs = 10_000): ClusterApiCall {
  return async (cluster, req) => {
    const res = await api.request(cluster, { method: req.method, path: req.path, headers: req.headers, body: req.body, timeoutMs });
    return { statusCode: res.statusCode, body: await res.body.text() };
  };
}

const isConnectedControlPlane = (node: StoredObject): boolean => {
  const spec = node.spec as { roles?: string[] } | undefined;
  const status = node.status as { state?: string } | undefined;
  return status?.state === 'Connected' && (spec?.roles ?? []).includes('controlplane');
};

export function clusterRbacController(o: ClusterRbacOptions): ControllerDefinition {
  /** Per cluster: the CA checksum and time of the last complete apply, and whether the last attempt failed. */
  const applied = new Map<string, { caChecksum: string; at: number }>();
  const failing = new Set<string>();
  /** Per cluster: the control-plane nodes seen connected, so a reconnect re-applies. */
  const connected = new Map<string, Set<string>>();

  /**
   * Not applied yet: one Event per failure streak. An apiserver that cannot be reached is Normal
   * (before provisioning has started it, that is expected); one that refuses is a Warning.
   */
  async function fail(cluster: StoredObject, message: string, type: 'Normal' | 'Warning'): Promise<{ requeueAfterMs: number }> {
    const name = cluster.metadata.name;
    if (!failing.has(name)) {
      failing.add(name);
      o.logger.info({ cluster: name, message }, 'cluster RBAC not applied yet');
      await recordEvent(o.store, { cluster: name, involvedObject: { kind: 'Cluster', name, ...(cluster.metadata.uid === undefined ? {} : { uid: cluster.metadata.uid }) }, reason: 'ClusterRbacPending', message, type }, o.now()).catch(
        (err: unknown) => o.logger.warn({ err, cluster: name }, 'could not record an Event'),
      );
    }
    return { requeueAfterMs: RETRY_MS };
  }

  return defineController({
    name: 'cluster-rbac',
    for: RESOURCES.clusters,
    // It reads the Cluster's existence and CA checksum only; not the others' status writes.
    forEvents: whenChanged((c) => [c.metadata.uid, (c.status as { caChecksum?: unknown } | undefined)?.caChecksum]),
    watches: [
      {
        resource: RESOURCES.nodes,
        // Only a control-plane node that turns Connected matters (not its 30 s status writes).
        map: (node, type) => {
          const cluster = node.metadata.namespace ?? '';
          const seen = connected.get(cluster) ?? new Set<string>();
          const up = type !== 'DELETED' && isConnectedControlPlane(node);
          const wasUp = seen.has(node.metadata.name);
          if (up) seen.add(node.metadata.name);
          else seen.delete(node.metadata.name);
          connected.set(cluster, seen);
          if (up && !wasUp) applied.delete(cluster);
          return up && !wasUp ? cluster : undefined;
        },
      },
    ],
    concurrency: 4,
    async reconcile({ name }) {
      const cluster = await getObject(o.store, RESOURCES.clusters, { namespace: '', name });
      if (cluster === undefined || cluster.metadata.deletionTimestamp !== undefined) {
        applied.delete(name);
        failing.delete(name);
        connected.delete(name);
        return;
      }
      const caChecksum = (cluster.status as { caChecksum?: string } | undefined)?.caChecksum ?? '';
      const nodes = await o.store.list(RESOURCES.nodes, { namespace: name });
      if (!nodes.items.some(isConnectedControlPlane)) return; // a node's connection requeues it
      const last = applied.get(name);
      const since = last === undefined ? Infinity : o.now().getTime() - last.at;
      if (last !== undefined && last.caChecksum === caChecksum && since < RESYNC_MS) return { requeueAfterMs: RESYNC_MS - since };

      for (const binding of DROVER_CLUSTER_ROLE_BINDINGS) {
        const group = binding.name;
        let res: { statusCode: number; body: string };
        try {
          res = await serverSideApply(o.clusterApi, name, clusterRoleBindingObject(binding) as unknown as ApplyTarget);
        } catch (err) {
          return fail(cluster, `waiting for the cluster's apiserver to apply ClusterRoleBinding ${group}: ${(err as Error).message}`, 'Normal');
        }
        if (res.statusCode < 200 || res.statusCode >= 300) {
          return fail(cluster, `the cluster's apiserver refused ClusterRoleBinding ${group}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`, 'Warning');
        }
      }
      applied.set(name, { caChecksum, at: o.now().getTime() });
      if (failing.delete(name)) o.logger.info({ cluster: name }, 'cluster RBAC applied');
      return { requeueAfterMs: RESYNC_MS };
    },
  });
}
