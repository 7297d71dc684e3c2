/**
 * The plan controller: for each Cluster (keys = cluster names), once its spec is valid and the etcd
 * and controlplane roles each have a node with an address, issues the component certificates
 * (kept server-side, cluster-pki/component-certs.ts) and writes one Plan per node (namespace =
 * cluster, name = node) — created or replaced only when its content changed, so re-reconciling or
 * restarting writes nothing. Plans of Nodes that are gone are deleted. It reports through the
 * Cluster's `status.conditions`, type `PlanReady` only (cluster-status owns state/reason/nodes):
 * True "3 nodes planned", or False with InvalidSpec / WaitingForNodes / PlanFailed and why. When it
 * cannot plan it leaves existing Plans as they are (a bad spec changes nothing on the hosts).
 * With the Cluster gone it deletes its certificate records (its Plans go with its namespace).
 */
import type { Store, StoredObject } from '@drover/store';
import { CLUSTER_CAS } from '../cluster-pki/cluster-ca.ts';
import { CLUSTER_CERTS, deleteComponentCertificates, ensureComponentCertificates } from '../cluster-pki/component-certs.ts';
import type { Cluster } from '../kinds/cluster.ts';
import { planObject } from '../kinds/plan.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { PlanBlocked, planCluster } from '../provisioning/plan-cluster.ts';
import { canonicalJson } from '../provisioning/plan-hash.ts';
import type { VersionTable } from '../provisioning/versions.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { mergeCondition } from './conditions.ts';
import type { StatusCondition } from './conditions.ts';
import { defineController } from './define-controller.ts';
import { changedOnly, whenChanged } from './watch-filter.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { deleteIfUnchanged, getObject, updateIfChanged, withStatus } from './object-ops.ts';

/** The condition type this controller owns on a Cluster. */
export const PLAN_READY = 'PlanReady';

export interface PlanControllerOptions {
  store: Store;
  secretBox: SecretBox;
  table: VersionTable;
  now: () => Date;
}

const byNamespace = (obj: StoredObject) => obj.metadata.namespace;
/** The parts of a Node a plan depends on (provisioning/plan.ts planNodeOf). */
const planInputOf = (n: StoredObject): unknown => {
  const status = n.status as { addresses?: unknown; docker?: { cgroupDriver?: unknown } } | undefined;
  return [n.spec, status?.addresses, status?.docker?.cgroupDriver];
};

/** The parts of a Cluster the plan controller reads (and its own condition, so a lost write is redone). */
const clusterPlanInputOf = (c: StoredObject): unknown => {
  const status = c.status as { etcd?: unknown; conditions?: StatusCondition[] } | undefined;
  return [c.metadata.uid, c.spec, status?.etcd, status?.conditions?.find((x) => x.type === PLAN_READY)];
};

export function planController(o: PlanControllerOptions): ControllerDefinition {
  const { store } = o;

  async function setPlanReady(cluster: StoredObject, status: 'True' | 'False', reason: string, message: string): Promise<void> {
    const conditions = ((cluster.status ?? {}) as { conditions?: StatusCondition[] }).conditions;
    const next = mergeCondition(conditions, { type: PLAN_READY, status, reason, message }, o.now());
    await updateIfChanged(store, RESOURCES.clusters, cluster, withStatus(cluster, { conditions: next }));
  }

  /** Creates or replaces the Plans in `plans` whose content differs; returns how many it wrote. */
  async function writePlans(plans: Iterable<ReturnType<typeof planObject>>, existing: Map<string, StoredObject>): Promise<number> {
    let written = 0;
    for (const p of plans) {
      const old = existing.get(p.metadata.name);
      if (old === undefined) await store.create(RESOURCES.plans, p);
      else if (canonicalJson(old.spec) !== canonicalJson(p.spec)) await store.update(RESOURCES.plans, { ...old, spec: p.spec }, { expectedResourceVersion: old.metadata.resourceVersion });
      else continue;
      written += 1;
    }
    return written;
  }

  return defineController({
    name: 'plan',
    for: RESOURCES.clusters,
    // What a plan reads of its Cluster and the condition it writes; not the others' status writes.
    forEvents: whenChanged(clusterPlanInputOf),
    watches: [
      // Only what a plan reads of a Node (planNodeOf): not its heartbeat and container reports.
      { resource: RESOURCES.nodes, map: changedOnly(planInputOf, byNamespace) },
      { resource: RESOURCES.plans, map: byNamespace },
      { resource: CLUSTER_CERTS, map: byNamespace },
      { resource: CLUSTER_CAS, map: (record) => record.metadata.name },
    ],
    concurrency: 2,
    async reconcile({ name }) {
      const cluster = await getObject(store, RESOURCES.clusters, { namespace: '', name });
      if (cluster === undefined) {
        await deleteComponentCertificates(store, name);
        return;
      }
      if (cluster.metadata.deletionTimestamp !== undefined) return; // revisited when it is gone
      await deleteComponentCertificates(store, name, cluster.metadata.uid);

      const [{ items: nodes }, { items: planItems }] = await Promise.all([store.list(RESOURCES.nodes, { namespace: name }), store.list(RESOURCES.plans, { namespace: name })]);
      const existing = new Map(planItems.map((p) => [p.metadata.name, p]));
      // Plans of Nodes that are gone go whether or not the cluster can be planned now.
      const nodeNames = new Set(nodes.map((n) => n.metadata.name));
      for (const p of planItems) if (!nodeNames.has(p.metadata.name)) await deleteIfUnchanged(store, RESOURCES.plans, p);

      try {
        const { plans, waiting } = await planCluster({
          cluster: name,
          spec: (cluster as Cluster).spec,
          table: o.table,
          nodes,
          certificates: (specs) => ensureComponentCertificates(store, o.secretBox, cluster, specs),
          etcd: (cluster as Cluster).status?.etcd,
        });
        await writePlans([...plans.values()].map((p) => planObject(name, p)), existing);
        const count = `${plans.size} node${plans.size === 1 ? '' : 's'} planned`;
        await setPlanReady(cluster, 'True', 'Planned', waiting.length > 0 ? `${count}; waiting: ${waiting.join(', ')}` : count);
      } catch (err) {
        if (!(err instanceof PlanBlocked)) throw err;
        await setPlanReady(cluster, 'False', err.conditionReason, err.message);
      }
    },
  });
}
