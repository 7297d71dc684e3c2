/**
 * The server's controllers: each is a store watch feeding a level-based work queue.
 *  - registration-token-expiry: RegistrationToken status.state Active → Expired at expiresAt
 *  - cluster-status: Cluster status (state, reason, node counts) from its Nodes
 *  - token-cleanup: deletes Tokens a week (tokenRetentionMs) after they expired
 *  - node-credential-cleanup: deletes revoked node credential records a week (same retention) after
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '@drover/store';
import type { Counter } from 'prom-client';
import { RESOURCES } from '../kinds/resources.ts';
import { NODE_CREDENTIALS } from '../agents/node-credentials.ts';
import { createClusterStatusReconciler } from './cluster-status.ts';
import { createNodeCredentialCleanupReconciler } from './node-credential-cleanup.ts';
import { objectKey } from './key.ts';
import { createRegistrationTokenReconciler } from './registration-token-expiry.ts';
import { createTokenCleanupReconciler } from './token-cleanup.ts';
import { startWatchSource } from './watch-source.ts';
import type { WatchSource } from './watch-source.ts';
import { createWorkQueue } from './work-queue.ts';
import type { WorkQueue } from './work-queue.ts';

export { createWorkQueue, TerminalError } from './work-queue.ts';
export type { Reconcile, ReconcileResult, WorkQueue } from './work-queue.ts';

export interface ControllerOptions {
  store: Store;
  logger: FastifyBaseLogger;
  now?: () => Date;
  /** How long an expired Token is kept before it is deleted. Default 7 days. */
  tokenRetentionMs?: number;
  /** Counts reconciles (drover_controller_reconciles_total). */
  reconciles?: Counter<'controller' | 'result'>;
}

export interface Controllers {
  /** Starts every watch and queue; resolves once the watches are open. */
  start(): Promise<void>;
  /** Stops the watches, then the queues (awaiting running reconciles). Idempotent. */
  close(): Promise<void>;
  /** Resolves when every queue is idle (for tests). */
  idle(): Promise<void>;
}

export function createControllers(o: ControllerOptions): Controllers {
  const now = o.now ?? (() => new Date());
  const { store, logger } = o;
  let queues: WorkQueue[] = [];
  let sources: WatchSource[] = [];
  let started = false;
  const counted = (name: string) => ({
    name,
    logger,
    onResult: (result: string) => o.reconciles?.inc({ controller: name, result }),
  });

  return {
    async start() {
      if (started) return;
      started = true;
      const tokens = createWorkQueue({ ...counted('registration-token-expiry'), reconcile: createRegistrationTokenReconciler(store, now) });
      const clusters = createWorkQueue({ ...counted('cluster-status'), reconcile: createClusterStatusReconciler(store, now) });
      const cleanup = createWorkQueue({ ...counted('token-cleanup'), reconcile: createTokenCleanupReconciler(store, now, o.tokenRetentionMs) });
      const credentials = createWorkQueue({ ...counted('node-credential-cleanup'), reconcile: createNodeCredentialCleanupReconciler(store, now, o.tokenRetentionMs) });
      queues = [tokens, clusters, cleanup, credentials];
      sources = [
        startWatchSource({ store, logger, resource: RESOURCES.registrationtokens, onObject: (obj) => tokens.add(objectKey(obj.metadata.namespace, obj.metadata.name)) }),
        startWatchSource({ store, logger, resource: RESOURCES.clusters, onObject: (obj) => clusters.add(obj.metadata.name) }),
        startWatchSource({ store, logger, resource: RESOURCES.tokens, onObject: (obj, type) => type !== 'DELETED' && cleanup.add(obj.metadata.name) }),
        startWatchSource({ store, logger, resource: NODE_CREDENTIALS, onObject: (obj, type) => type !== 'DELETED' && credentials.add(objectKey(obj.metadata.namespace, obj.metadata.name)) }),
        startWatchSource({
          store,
          logger,
          resource: RESOURCES.nodes,
          onObject: (obj) => {
            if (obj.metadata.namespace !== undefined && obj.metadata.namespace !== '') clusters.add(obj.metadata.namespace);
          },
        }),
      ];
      await Promise.all(sources.map((s) => s.started));
    },
    async close() {
      const s = sources;
      const q = queues;
      sources = [];
      queues = [];
      await Promise.all(s.map((x) => x.close()));
      await Promise.all(q.map((x) => x.close()));
    },
    async idle() {
      await Promise.all(queues.map((q) => q.idle()));
    },
  };
}
