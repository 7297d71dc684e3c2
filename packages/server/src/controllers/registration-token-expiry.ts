/**
 * Registration-token state: `status.state` is Revoked when `spec.revoked`, Expired from
 * `status.expiresAt` on, Active before; the key is requeued for the moment it expires.
 */
import type { Store, StoredObject } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import { defineController } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { getObject, updateIfChanged, withStatus } from './object-ops.ts';

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

export function registrationTokenExpiryController(store: Store, now: () => Date): ControllerDefinition {
  return defineController({
    name: 'registration-token-expiry',
    for: RESOURCES.registrationtokens,
    concurrency: 2,
    async reconcile(req) {
      const obj = await getObject(store, RESOURCES.registrationtokens, req);
      if (obj === undefined || obj.metadata.deletionTimestamp !== undefined) return;
      const { state, changesInMs } = registrationTokenState(obj, now());
      await updateIfChanged(store, RESOURCES.registrationtokens, obj, withStatus(obj, { state }));
      // Timers beyond ~24 days overflow setTimeout; come back daily instead.
      if (changesInMs !== undefined) return { requeueAfterMs: Math.min(changesInMs + 10, 86_400_000) };
    },
  });
}
