/**
 * The Cluster conditions the provision controller owns (and only it writes; plan.ts owns PlanReady,
 * cluster-status owns status.state/reason/nodes), their reasons, and the one write path: re-read
 * the Cluster, merge these conditions (conditions.ts mergeCondition keeps the others), write if
 * anything changed. A provision step can take minutes, so the write re-reads instead of using the
 * copy read at the start of the reconcile, and retries a Conflict a few times.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import { mergeCondition } from './conditions.ts';
import type { StatusCondition } from './conditions.ts';
import type { EtcdMembership } from '../provisioning/plan-types.ts';
import { getObject, updateIfChanged, withStatus } from './object-ops.ts';
import type { PlaneName } from './provision-levels.ts';

export const ETCD_READY = 'EtcdReady';
export const CONTROL_PLANE_READY = 'ControlPlaneReady';
export const WORKERS_READY = 'WorkersReady';
export const ADDONS_READY = 'AddonsReady';
/** True once every plane and the addons were ready; it then stays True (later trouble shows in the plane's condition). */
export const PROVISIONED = 'Provisioned';

/** Every condition type this controller writes. */
export const PROVISION_CONDITIONS = [ETCD_READY, CONTROL_PLANE_READY, WORKERS_READY, ADDONS_READY, PROVISIONED] as const;

export const PLANE_CONDITION: Readonly<Record<PlaneName, string>> = { etcd: ETCD_READY, controlplane: CONTROL_PLANE_READY, worker: WORKERS_READY };

/** Reasons, CamelCase as Kubernetes writes them. */
export const Reason = {
  /** A plane or the addons are ready; Provisioned: all of them. */
  Ready: 'Ready',
  Provisioned: 'Provisioned',
  /** Provisioned False: PlanReady is not True yet. */
  WaitingForPlan: 'WaitingForPlan',
  /** Provisioned False: a role has no connected node. */
  WaitingForNodes: 'WaitingForNodes',
  /** Provisioned False: a plane is being applied (the message names it). */
  Provisioning: 'Provisioning',
  /** EtcdReady False: etcd started on every etcd node, waiting for the members to report healthy. */
  WaitingForQuorum: 'WaitingForQuorum',
  /** A plane's node is being applied or its report is awaited. */
  Applying: 'Applying',
  /** A node that must change is disconnected: skipped until it returns. */
  NodeDisconnected: 'NodeDisconnected',
  /** The agent failed a pull, create or health check (message: node, container). */
  ApplyFailed: 'ApplyFailed',
  /** The node's command channel failed. */
  NodeUnreachable: 'NodeUnreachable',
  /** AddonsReady False: the cluster's apiserver could not be reached or refused. */
  ApiserverUnavailable: 'ApiserverUnavailable',
  AddonRefused: 'AddonRefused',
} as const;

export type ConditionInput = Omit<StatusCondition, 'lastTransitionTime'>;

const MAX_ATTEMPTS = 4;

/** The condition `type` of `cluster`, if it has one. */
export function conditionOf(cluster: StoredObject | undefined, type: string): StatusCondition | undefined {
  const list = ((cluster?.status ?? {}) as { conditions?: StatusCondition[] }).conditions;
  return Array.isArray(list) ? list.find((c) => c.type === type) : undefined;
}

/** Merges `conditions` into the Cluster `name` (gone: nothing). Throws after repeated Conflicts. */
export async function writeConditions(store: Store, name: string, conditions: readonly ConditionInput[], now: Date): Promise<void> {
  if (conditions.length === 0) return;
  for (let attempt = 1; ; attempt++) {
    const cluster = await getObject(store, RESOURCES.clusters, { namespace: '', name });
    if (cluster === undefined || cluster.metadata.deletionTimestamp !== undefined) return;
    let list = ((cluster.status ?? {}) as { conditions?: StatusCondition[] }).conditions;
    for (const c of conditions) list = mergeCondition(list, c, now);
    try {
      await updateIfChanged(store, RESOURCES.clusters, cluster, withStatus(cluster, { conditions: list }));
      return;
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.CONFLICT) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}

/** Records the cluster's etcd membership (status.etcd; only the provision controller writes it). Throws after repeated Conflicts. */
export async function writeEtcdMembership(store: Store, name: string, etcd: EtcdMembership): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const cluster = await getObject(store, RESOURCES.clusters, { namespace: '', name });
    if (cluster === undefined || cluster.metadata.deletionTimestamp !== undefined) return;
    try {
      await updateIfChanged(store, RESOURCES.clusters, cluster, withStatus(cluster, { etcd }));
      return;
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.CONFLICT) || attempt >= MAX_ATTEMPTS) throw err;
    }
  }
}
