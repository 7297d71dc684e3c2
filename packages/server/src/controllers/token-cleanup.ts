/**
 * Token garbage collection: every login and kubeconfig mints a Token, so expired ones are
 * deleted once they have been expired for `retentionMs` (until then a client presenting one
 * hears "token expired" rather than "unknown token"). Revoked tokens follow the same rule.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import type { ReconcileResult } from './work-queue.ts';

/** Default: a week. */
export const TOKEN_RETENTION_MS = 7 * 86_400_000;
/** setTimeout's limit is ~24.8 days: longer waits come back daily and look again. */
const MAX_WAIT_MS = 86_400_000;

export function createTokenCleanupReconciler(store: Store, now: () => Date, retentionMs = TOKEN_RETENTION_MS) {
  return async function reconcileTokenCleanup(name: string): Promise<ReconcileResult | void> {
    let obj;
    try {
      obj = await store.get(RESOURCES.tokens, '', name);
    } catch (err) {
      if (isStoreError(err, StoreErrorCode.NOT_FOUND)) return;
      throw err;
    }
    const expiresAt = Date.parse(String((obj.status as { expiresAt?: unknown } | undefined)?.expiresAt));
    if (Number.isNaN(expiresAt)) return; // not a usable token anyway; leave it for an admin to inspect
    const left = expiresAt + retentionMs - now().getTime();
    if (left > 0) return { requeueAfterMs: Math.min(left + 10, MAX_WAIT_MS) };
    try {
      await store.delete(RESOURCES.tokens, '', name, { expectedResourceVersion: obj.metadata.resourceVersion });
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.NOT_FOUND)) throw err;
    }
  };
}
