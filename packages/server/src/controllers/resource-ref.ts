/**
 * How a controller names the kinds it reconciles and watches: a kind's typed handle
 * (`defineResource`, e.g. `tokens`) or a store key (`NODE_CREDENTIALS`, internal records).
 */
import { objectKey, splitKey } from './key.ts';

/** A kind: its handle, or the store key (`<group>/<plural>`). */
export type ResourceRef = string | { readonly resource: string };

/** The store key of `resource`. */
export function storeKeyOf(resource: ResourceRef): string {
  return typeof resource === 'string' ? resource : resource.resource;
}

/** One object: `namespace` is '' for cluster-scoped kinds. */
export interface ObjectRef {
  namespace: string;
  name: string;
}

/** What a reconcile is asked to look at: the queue key and the object it names. */
export interface ReconcileRequest extends ObjectRef {
  /** `namespace/name`, or `name` when cluster-scoped. */
  key: string;
}

export function requestOf(key: string): ReconcileRequest {
  return { key, ...splitKey(key) };
}

export function keyOf(ref: ObjectRef): string {
  return objectKey(ref.namespace, ref.name);
}
