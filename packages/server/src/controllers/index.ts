/**
 * The server's controllers, each one defineController() declaration (define-controller.ts):
 *  - registration-token-expiry: RegistrationToken status.state Active → Expired at expiresAt
 *  - cluster-status: Cluster status (state, reason, node counts) from its Nodes
 *  - cluster-ca: each Cluster's CA created (status.caChecksum), and deleted with the Cluster
 *  - token-cleanup: deletes Tokens a week (tokenRetentionMs) after they expired
 *  - node-credential-cleanup: deletes revoked node credential records a week (same retention) after
 *  - cluster-member-binding: ClusterMember status.state Bound / Dangling from the User it was granted to
 *  - event-expiry: deletes Events an hour (eventTtlMs, DROVER_EVENT_TTL) after they last happened
 *  - cluster-rbac: the ClusterRoleBindings for Drover's groups inside each cluster (with clusterApi)
 *  - plan: each Cluster's component certificates issued and kept, one Plan per node, condition PlanReady
 *  - provision: each Cluster's Plans applied plane by plane through the agents, its addons through
 *    the proxy; conditions EtcdReady, ControlPlaneReady, WorkersReady, AddonsReady, Provisioned
 *    (with planApplier and clusterApi)
 * AuditEvents expire by a sweep instead (audit/retention.ts, DROVER_AUDIT_TTL): too many for a key each.
 * {@link createControllers} runs them all as one Runnable for the server's manager (manager.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '@drover/store';
import type { Counter } from 'prom-client';
import type { SecretBox } from '../secrets/secret-box.ts';
import { versionTable } from '../provisioning/versions.ts';
import type { VersionTable } from '../provisioning/versions.ts';
import { clusterCaController } from './cluster-ca.ts';
import { clusterMemberBindingController } from './cluster-member-binding.ts';
import { clusterRbacController } from './cluster-rbac.ts';
import type { ClusterApiCall } from './cluster-apply.ts';
import type { PlanApplier } from '../provisioning/plan-applier.ts';
import { provisionController } from './provision.ts';
import type { EtcdMemberAdder } from './provision.ts';
import { clusterStatusController } from './cluster-status.ts';
import { createController } from './define-controller.ts';
import { eventExpiryController } from './event-expiry.ts';
import type { Controller, ControllerDefinition } from './define-controller.ts';
import type { Runnable } from './manager.ts';
import { planController } from './plan.ts';
import { nodeCredentialCleanupController } from './node-credential-cleanup.ts';
import { registrationTokenExpiryController } from './registration-token-expiry.ts';
import { createSharedWatches } from './shared-watches.ts';
import { tokenCleanupController } from './token-cleanup.ts';

export { createWorkQueue, TerminalError } from './work-queue.ts';
export type { Reconcile, ReconcileResult, WorkQueue } from './work-queue.ts';
export { createController, defineController } from './define-controller.ts';
export type { Controller, ControllerDefinition, WatchSpec } from './define-controller.ts';
export { createManager } from './manager.ts';
export type { Manager, Runnable } from './manager.ts';

export interface ControllerOptions {
  store: Store;
  logger: FastifyBaseLogger;
  /** Seals each cluster CA's private key. */
  secretBox: SecretBox;
  now?: () => Date;
  /** How long an expired Token is kept before it is deleted. Default 7 days. */
  tokenRetentionMs?: number;
  /** How long an Event is kept after it last happened. Default 1 hour. */
  eventTtlMs?: number;
  /** Calls a cluster's apiserver as Drover (the proxy's clusterApi); without it cluster-rbac does not run. */
  clusterApi?: ClusterApiCall;
  /** Applies Plans on nodes (the command channel); without it (or clusterApi) provision does not run. */
  planApplier?: PlanApplier;
  /** Adds etcd members through a member node (proxy/etcd-members.ts); without it a late etcd node is not added. */
  etcdMembers?: EtcdMemberAdder;
  /** The Kubernetes version table plans are computed from. Default: the built-in one. */
  versions?: VersionTable;
  /** Counts reconciles (drover_controller_reconciles_total). */
  reconciles?: Counter<'controller' | 'result'>;
}

/** Every controller of the server, as one Runnable. */
export interface Controllers extends Runnable {
  /** Starts every watch and queue; resolves once the watches are open. */
  start(signal?: AbortSignal): Promise<void>;
  /** Stops the watches, then the queues (awaiting running reconciles). Idempotent. */
  close(): Promise<void>;
  /** Resolves when every queue is idle (for tests). */
  idle(): Promise<void>;
}

/** The server's controller definitions. */
export function serverControllers(o: ControllerOptions): ControllerDefinition[] {
  const now = o.now ?? (() => new Date());
  const table = o.versions ?? versionTable();
  return [
    registrationTokenExpiryController(o.store, now),
    clusterStatusController(o.store, now),
    clusterCaController(o.store, o.secretBox),
    tokenCleanupController(o.store, now, o.tokenRetentionMs),
    nodeCredentialCleanupController(o.store, now, o.tokenRetentionMs),
    eventExpiryController(o.store, now, o.eventTtlMs),
    clusterMemberBindingController(o.store),
    planController({ store: o.store, secretBox: o.secretBox, table, now }),
    ...(o.clusterApi === undefined ? [] : [clusterRbacController({ store: o.store, logger: o.logger, clusterApi: o.clusterApi, now })]),
    ...(o.clusterApi === undefined || o.planApplier === undefined ? [] : [provisionController({ store: o.store, logger: o.logger, applier: o.planApplier, clusterApi: o.clusterApi, table, now, ...(o.etcdMembers === undefined ? {} : { etcdMembers: o.etcdMembers }) })]),
  ];
}

export function createControllers(o: ControllerOptions): Controllers {
  let running: Controller[] = [];
  let started = false;
  return {
    async start(signal = new AbortController().signal) {
      if (started) return;
      started = true;
      // One watch per resource for them all (a Node write is read and parsed once, not per controller).
      const watches = createSharedWatches(o.store, o.logger);
      running = serverControllers(o).map((def) =>
        createController(def, { store: o.store, logger: o.logger, watches, onResult: (result) => o.reconciles?.inc({ controller: def.name, result }) }),
      );
      // Independent of each other: started together.
      await Promise.all(running.map((c) => c.start(signal)));
    },
    async close() {
      const r = running;
      running = [];
      await Promise.all(r.map((c) => c.close()));
    },
    destroy() {
      const r = running;
      running = [];
      for (const c of r) void c.destroy();
    },
    async idle() {
      await Promise.all(running.map((c) => c.idle()));
    },
  };
}
