/**
 * How a controller names the kinds it reconciles and watches. Today that is the store key
 * (`RESOURCES.clusters`, `NODE_CREDENTIALS`); when kinds get typed handles (defineResource), this
 * type and {@link storeKeyOf} are the only places that change.
 */
import { objectKey, splitKey } from './key.ts';

/** A kind, as the store names it (`<group>/<plural>`). */
export type ResourceRef = string;

/** The store key of `resource`. */
export function storeKeyOf(resource: ResourceRef): string {
  return resource;
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
