/**
 * Server-side apply of one object into a cluster, through the proxy as Drover itself (field manager
 * `drover`, forced, so Drover's fields win over a hand edit): the one way controllers write inside
 * a cluster (cluster-rbac's bindings, provision's addons). The path is derived from the object:
 * `/api/v1` for the core group, `/apis/<group>/<version>` otherwise, `namespaces/<ns>/` when it has
 * one, and the plural as Kubernetes forms it for these kinds (lower-case kind + "s").
 */

/** Field manager of Drover's server-side applies in clusters. */
export const DROVER_FIELD_MANAGER = 'drover';

/** One request to a cluster's apiserver as Drover itself (system:masters), through a connected control-plane node. */
export type ClusterApiCall = (cluster: string, req: { method: string; path: string; headers: Record<string, string>; body: string }) => Promise<{ statusCode: number; body: string }>;

export interface ApplyTarget {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** The object's URL path with the apply query (`?fieldManager=drover&force=true`). */
export function applyPath(obj: ApplyTarget): string {
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
  const ns = obj.metadata.namespace === undefined ? '' : `/namespaces/${encodeURIComponent(obj.metadata.namespace)}`;
  return `${base}${ns}/${obj.kind.toLowerCase()}s/${encodeURIComponent(obj.metadata.name)}?fieldManager=${DROVER_FIELD_MANAGER}&force=true`;
}

/**
 * Applies `obj` in `cluster`. Resolves with the apiserver's answer (the caller judges the status);
 * rejects when the apiserver cannot be reached.
 */
export function serverSideApply(call: ClusterApiCall, cluster: string, obj: ApplyTarget): Promise<{ statusCode: number; body: string }> {
  return call(cluster, { method: 'PATCH', path: applyPath(obj), headers: { 'content-type': 'application/apply-patch+yaml', accept: 'application/json' }, body: JSON.stringify(obj) });
}
