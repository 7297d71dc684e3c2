/**
 * The store sequence every reconciler repeats: get (NotFound: nothing to do) → compute → compare →
 * write guarded by the resourceVersion that was read. A concurrent writer makes the write fail
 * with Conflict; the queue retries the key, which reads the new version (level-based).
 *
 * ```ts
 * const token = await getObject(store, RESOURCES.tokens, req);
 * if (token === undefined) return;
 * await updateIfChanged(store, RESOURCES.tokens, token, withStatus(token, { state: 'Expired' }));
 * ```
 */
import { isDeepStrictEqual } from 'node:util';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject } from '@drover/store';
import type { ObjectRef, ResourceRef } from './resource-ref.ts';
import { storeKeyOf } from './resource-ref.ts';

/** The object, or undefined when it does not exist (any other store error is thrown). */
export function getObject(store: Store, resource: ResourceRef, ref: ObjectRef): Promise<StoredObject | undefined> {
  return store.tryGet(storeKeyOf(resource), ref.namespace, ref.name);
}

/** `obj` with `status` fields merged over its current ones. */
export function withStatus(obj: StoredObject, status: Record<string, unknown>): StoredObject {
  return { ...obj, status: { ...((obj.status ?? {}) as Record<string, unknown>), ...status } };
}

/**
 * Writes `next` when it differs from `current` (deep comparison), only if the object is still at
 * `current`'s resourceVersion. Returns whether it wrote.
 * @throws StoreError CONFLICT when the object changed since it was read, NOT_FOUND when it is gone.
 */
export async function updateIfChanged(store: Store, resource: ResourceRef, current: StoredObject, next: StoredObject): Promise<boolean> {
  if (isDeepStrictEqual(current, next)) return false;
  await store.update(storeKeyOf(resource), next, { expectedResourceVersion: current.metadata.resourceVersion });
  return true;
}

/**
 * Deletes `current` if it is still at the resourceVersion that was read; an object already gone
 * is fine. @throws StoreError CONFLICT when it changed since it was read.
 */
export async function deleteIfUnchanged(store: Store, resource: ResourceRef, current: StoredObject): Promise<void> {
  try {
    await store.delete(storeKeyOf(resource), current.metadata.namespace ?? '', current.metadata.name, { expectedResourceVersion: current.metadata.resourceVersion });
  } catch (err) {
    if (!isStoreError(err, StoreErrorCode.NOT_FOUND)) throw err;
  }
}
