/**
 * The provision controller (issue 13, docs/adr/0022): runs each Cluster's Plans on its nodes, plane
 * after plane, through the PlanApplier (the agents' command channel). Keys are cluster names;
 * clusters are provisioned concurrently, and within one cluster the work queue never runs two
 * reconciles at once, so a plane changes one node at a time.
 *
 * Every reconcile reads everything from the store (the Cluster's conditions, its Plans, its Nodes
 * with the containers their agents reported and their connectivity) and does the next thing:
 *   1. gate: PlanReady True, and every role (etcd, controlplane, worker) has a connected node
 *   2. etcd: bootstrap all members at once, then wait for all healthy       → EtcdReady
 *   3. control plane: one node at a time, each gated on its /healthz       → ControlPlaneReady
 *   4. addons (CoreDNS, flannel) server-side-applied through the proxy     → AddonsReady
 *   5. workers: one node at a time, then the whole Plan with prune         → WorkersReady
 *   6. all of them                                                         → Provisioned (then stays True)
 * A converged cluster reconciles without calling any agent. It owns exactly the conditions in
 * provision-conditions.ts; cluster-status derives status.state from them. A failed apply sets the
 * plane's condition, writes a Warning Event with the container's last log lines, and is retried
 * with the queue's backoff. It looks again every {@link POLL_MS} until Provisioned, and whenever a
 * Node or Plan of the cluster changes (an agent's report is a Node status write).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store, StoredObject } from '@drover/store';
import type { Cluster } from '../kinds/cluster.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { clusterAddons } from '../provisioning/addons/index.ts';
import type { PlanApplier } from '../provisioning/plan-applier.ts';
import type { VersionTable } from '../provisioning/versions.ts';
import type { ClusterApiCall } from './cluster-apply.ts';
import { defineController } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { getObject } from './object-ops.ts';
import { changedOnly, whenChanged } from './watch-filter.ts';
import { PLAN_READY } from './plan.ts';
import { ADDON_RESYNC_MS, applyAddons } from './provision-addons.ts';
import { ADDONS_READY, conditionOf, PLANE_CONDITION, PROVISIONED, Reason, writeConditions, writeEtcdMembership } from './provision-conditions.ts';
import type { ConditionInput } from './provision-conditions.ts';
import { PlaneApplyFailed, recordApplyFailure } from './provision-failure.ts';
import { listWords, missingRoles, nodeView, PLANES } from './provision-levels.ts';
import type { NodeView } from './provision-levels.ts';
import { runEtcd } from './provision-etcd.ts';
import type { EtcdMembershipOps } from './provision-etcd.ts';
import { runPlane } from './provision-planes.ts';
import type { PlaneContext, PlaneResult, RecentApply } from './provision-planes.ts';

/** Look again this often while a cluster is not Provisioned, ms. */
export const POLL_MS = 10_000;
/** A cluster waiting for what the watches bring (plans, nodes) is looked at again this late anyway. */
const RESYNC_MS = 300_000;
/** Node and Plan changes are looked at this long after the first one, ms (a burst of reports: one reconcile). */
const WATCH_DELAY_MS = 200;

export interface ProvisionControllerOptions {
  store: Store;
  logger: FastifyBaseLogger;
  applier: PlanApplier;
  clusterApi: ClusterApiCall;
  table: VersionTable;
  now: () => Date;
  /** Default {@link POLL_MS} (tests shorten it). */
  pollMs?: number;
  /** Adds an etcd member through a member node; absent: a node that must join a running etcd waits, saying why. */
  etcdMembers?: EtcdMemberAdder;
}

/** `member add` through a member node (proxy/etcd-members.ts). */
export interface EtcdMemberAdder {
  addMember(cluster: string, via: string, peerUrl: string): Promise<{ added: boolean }>;
}

const byNamespace = (obj: StoredObject) => obj.metadata.namespace;
const provisionInputOf = (node: StoredObject) => {
  const status = (node.status ?? {}) as { state?: string; containers?: unknown };
  return [(node.spec as { roles?: unknown } | undefined)?.roles, status.state, status.containers];
};
/** How Provisioned's message (and so the cluster's reason) names each step; cluster-status uses the same words. */
const STEP_WORD = { etcd: 'etcd', controlplane: 'controlplane', worker: 'workers' } as const;
const FAILURE_REASONS: ReadonlySet<string> = new Set([Reason.ApplyFailed, Reason.NodeUnreachable]);

async function loadNodes(store: Store, cluster: string): Promise<NodeView[]> {
  const [{ items: nodes }, { items: plans }] = await Promise.all([store.list(RESOURCES.nodes, { namespace: cluster }), store.list(RESOURCES.plans, { namespace: cluster })]);
  const byName = new Map(plans.map((p) => [p.metadata.name, p]));
  return nodes.map((n) => nodeView(n, byName.get(n.metadata.name)));
}

export function provisionController(o: ProvisionControllerOptions): ControllerDefinition {
  const { store } = o;
  const pollMs = o.pollMs ?? POLL_MS;
  const recent = new Map<string, RecentApply>();
  const addonsApplied = new Map<string, { manifest: string; at: number }>();
  const nowMs = () => o.now().getTime();

  function forget(cluster: string): void {
    addonsApplied.delete(cluster);
    for (const k of recent.keys()) if (k.startsWith(`${cluster}/`)) recent.delete(k);
  }

  function membershipOps(cluster: StoredObject): EtcdMembershipOps {
    const name = cluster.metadata.name;
    return {
      current: (cluster as Cluster).status?.etcd,
      record: (m) => writeEtcdMembership(store, name, m),
      async add(via, peerUrl) {
        if (o.etcdMembers === undefined) throw new Error('this server cannot add etcd members (no etcd membership client)');
        const r = await o.etcdMembers.addMember(name, via, peerUrl);
        o.logger.info({ cluster: name, via, peerUrl, added: r.added }, 'etcd member add');
      },
    };
  }

  async function reconcileCluster(cluster: StoredObject, signal: AbortSignal) {
    const name = cluster.metadata.name;
    const provisioned = conditionOf(cluster, PROVISIONED)?.status === 'True';
    // Provisioned stays True once reached: later trouble shows in the plane's own condition.
    const summary = (reason: string, message: string): ConditionInput[] => (provisioned ? [] : [{ type: PROVISIONED, status: 'False', reason, message }]);
    const write = (conditions: ConditionInput[]) => writeConditions(store, name, conditions, o.now());
    const waitFor = async (conditions: ConditionInput[], requeueAfterMs = pollMs) => {
      await write(conditions);
      return { requeueAfterMs };
    };

    // Plans and nodes are watched: their change requeues the cluster, so no poll (200 clusters
    // waiting for nodes polled 20 times a second, issue 15).
    const planReady = conditionOf(cluster, PLAN_READY);
    if (planReady?.status !== 'True') return waitFor(summary(Reason.WaitingForPlan, planReady === undefined ? 'waiting for plans' : `waiting for plans: ${planReady.message}`), RESYNC_MS);
    const nodes = await loadNodes(store, name);
    const missing = missingRoles(nodes);
    if (!provisioned && missing.length > 0) return waitFor(summary(Reason.WaitingForNodes, `waiting for ${listWords(missing)} node${missing.length === 1 ? '' : 's'}`), RESYNC_MS);

    // Progress is written before each step, but not over a failure: while the failed step is retried
    // (with backoff) its message stays, and rewriting it would requeue the Cluster at once.
    const failed = (type: string) => FAILURE_REASONS.has(conditionOf(cluster, type)?.reason ?? '');
    const progress = (c: ConditionInput) => (failed(c.type) ? Promise.resolve() : write([c]));
    const ctx: PlaneContext = { cluster: name, applier: o.applier, signal, now: nowMs, recent, progress };
    const done: ConditionInput[] = [];
    const stop = (phase: string, r: PlaneResult) => waitFor([...done, r.condition, ...summary(Reason.Provisioning, `${phase}: ${r.condition.message}`)]);
    try {
      const etcd = await runEtcd(ctx, nodes, membershipOps(cluster));
      if (!etcd.ready) return await stop(STEP_WORD.etcd, etcd);
      done.push(etcd.condition);
      const controlPlane = await runPlane(ctx, PLANES.controlplane, nodes);
      if (!controlPlane.ready) return await stop(STEP_WORD.controlplane, controlPlane);
      done.push(controlPlane.condition);
      // The addons need only the apiserver; a failure there does not hold the workers back.
      const addons = await applyAddons({ cluster: name, clusterApi: o.clusterApi, now: nowMs, applied: addonsApplied, wasReady: conditionOf(cluster, ADDONS_READY)?.status === 'True' }, clusterAddons((cluster as Cluster).spec, o.table));
      const workers = await runPlane(ctx, PLANES.worker, nodes);
      if (!workers.ready) return await stop(STEP_WORD.worker, workers);
      done.push(workers.condition);
      if (!addons.ready) return await stop('addons', addons);
      done.push(addons.condition);
    } catch (err) {
      if (err instanceof PlaneApplyFailed) {
        await write([err.condition(PLANE_CONDITION[err.plane]), ...summary(Reason.Provisioning, `${STEP_WORD[err.plane]}: ${err.message}`)]);
        await recordApplyFailure(store, o.logger, name, err, o.now());
      }
      throw err;
    }
    await write([...done, { type: PROVISIONED, status: 'True', reason: Reason.Provisioned, message: `${nodes.length} node${nodes.length === 1 ? '' : 's'} provisioned` }]);
    return { requeueAfterMs: ADDON_RESYNC_MS };
  }

  return defineController({
    name: 'provision',
    for: RESOURCES.clusters,
    // What a level check reads of the Cluster: not cluster-status's state, reason and node counts.
    forEvents: whenChanged((c) => {
      const status = c.status as { etcd?: unknown; conditions?: unknown } | undefined;
      return [c.metadata.uid, c.spec, status?.etcd, status?.conditions];
    }),
    watches: [
      // Only what the level checks read (roles, connectivity, reported containers): not the RTT and
      // Docker-facts writes, which are most of the store's events (watch-filter.ts).
      { resource: RESOURCES.nodes, map: changedOnly(provisionInputOf, byNamespace), delayMs: WATCH_DELAY_MS },
      { resource: RESOURCES.plans, map: byNamespace, delayMs: WATCH_DELAY_MS },
    ],
    concurrency: 4,
    async reconcile({ name }, signal) {
      const cluster = await getObject(store, RESOURCES.clusters, { namespace: '', name });
      if (cluster === undefined || cluster.metadata.deletionTimestamp !== undefined) {
        forget(name);
        return;
      }
      return reconcileCluster(cluster, signal);
    },
  });
}
