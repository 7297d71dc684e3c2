/**
 * Registration-token state: `status.state` is Revoked when `spec.revoked`, Expired from
 * `status.expiresAt` on, Active before; the key is requeued for the moment it expires.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import { splitKey } from './key.ts';
import type { ReconcileResult } from './work-queue.ts';

export type RegistrationTokenState = 'Active' | 'Expired' | 'Revoked';

/** The state a registration token should show at `now`, and when that changes next. */
export function registrationTokenState(obj: StoredObject, now: Date): { state: RegistrationTokenState; changesInMs?: number } {
  const spec = (obj.spec ?? {}) as { revoked?: boolean };
  const status = (obj.status ?? {}) as { expiresAt?: string };
  if (spec.revoked === true) return { state: 'Revoked' };
  const expiresAt = status.expiresAt === undefined ? NaN : Date.parse(status.expiresAt);
  if (Number.isNaN(expiresAt)) return { state: 'Expired' }; // no expiry recorded: never valid
  const left = expiresAt - now.getTime();
  return left <= 0 ? { state: 'Expired' } : { state: 'Active', changesInMs: left };
}

export function createRegistrationTokenReconciler(store: Store, now: () => Date) {
  return async function reconcileRegistrationToken(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    let obj: StoredObject;
    try {
      obj = await store.get(RESOURCES.registrationtokens, namespace, name);
    } catch (err) {
      if (isStoreError(err, StoreErrorCode.NOT_FOUND)) return;
      throw err;
    }
    if (obj.metadata.deletionTimestamp !== undefined) return;
    const { state, changesInMs } = registrationTokenState(obj, now());
    const status = (obj.status ?? {}) as Record<string, unknown>;
    if (status.state !== state) {
      await store.update(RESOURCES.registrationtokens, { ...obj, status: { ...status, state } }, { expectedResourceVersion: obj.metadata.resourceVersion });
    }
    // Timers beyond ~24 days overflow setTimeout; come back daily instead.
    if (changesInMs !== undefined) return { requeueAfterMs: Math.min(changesInMs + 10, 86_400_000) };
  };
}
