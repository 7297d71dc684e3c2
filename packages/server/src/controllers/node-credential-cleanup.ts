/**
 * Node credential records (agents/node-credentials.ts) outlive their Node and Cluster so a stale
 * or copied credential hears "revoked (why)". A record with no live credential is deleted once
 * its newest revocation is `retentionMs` old; after that such a credential is "unknown".
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store } from '@drover/store';
import { NODE_CREDENTIALS } from '../agents/node-credentials.ts';
import type { NodeCredentialSpec } from '../agents/node-credentials.ts';
import { splitKey } from './key.ts';
import { TOKEN_RETENTION_MS } from './token-cleanup.ts';
import type { ReconcileResult } from './work-queue.ts';

const MAX_WAIT_MS = 86_400_000;

export function createNodeCredentialCleanupReconciler(store: Store, now: () => Date, retentionMs = TOKEN_RETENTION_MS) {
  return async function reconcileNodeCredentialCleanup(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    let obj;
    try {
      obj = await store.get(NODE_CREDENTIALS, namespace, name);
    } catch (err) {
      if (isStoreError(err, StoreErrorCode.NOT_FOUND)) return;
      throw err;
    }
    const spec = obj.spec as NodeCredentialSpec;
    if (spec.current !== undefined) return; // live: revisited when it changes
    const newest = Math.max(0, ...(spec.revoked ?? []).map((r) => Date.parse(r.revokedAt)).filter((t) => !Number.isNaN(t)));
    const left = newest + retentionMs - now().getTime();
    if (left > 0) return { requeueAfterMs: Math.min(left + 10, MAX_WAIT_MS) };
    try {
      await store.delete(NODE_CREDENTIALS, namespace, name, { expectedResourceVersion: obj.metadata.resourceVersion });
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.NOT_FOUND)) throw err;
    }
  };
}
