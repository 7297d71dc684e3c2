/**
 * Who may send what through the proxy, decided by Drover before anything reaches a cluster:
 * admins everything; a cluster's owners and members every verb; read-only members only reads
 * (GET/HEAD, not exec/attach/port-forward/proxy, plus the self reviews `kubectl auth whoami` and
 * `can-i` post). No role in the cluster, or no such cluster: 404, one answer for both. The cluster's
 * RBAC then decides again for the impersonated identity (groups.ts).
 */
import type { RequestUser } from '../api/contract.ts';
import type { Memberships } from '../auth/memberships.ts';
import type { ClusterClientCert, ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { proxyRoleOf } from './groups.ts';
import type { ProxyRole } from './groups.ts';
import { isReadOnlyRequest } from './request-info.ts';
import type { RequestInfo } from './request-info.ts';

export interface ProxyAccess {
  role: ProxyRole;
  cert: ClusterClientCert;
}

const notFound = (cluster: string): DroverError => new DroverError('DROVER_ERR_PROXY_CLUSTER_NOT_FOUND', `clusters "${cluster}" not found`, { details: { name: cluster, group: 'management.drover.dev', kind: 'clusters' } });

/**
 * The caller's role in `cluster` and Drover's client certificate for it.
 * @throws DroverError DROVER_ERR_PROXY_CLUSTER_NOT_FOUND without a role or without the cluster
 */
export async function clusterAccess(user: RequestUser, cluster: string, deps: { memberships: Memberships; clusterCerts: ClusterClientCerts; transport?: { forget(cluster: string): void } }): Promise<ProxyAccess> {
  const role = proxyRoleOf(user, user.admin ? undefined : await deps.memberships.roleIn(user.uid, cluster));
  if (role === undefined) throw notFound(cluster);
  try {
    return { role, cert: await deps.clusterCerts.clusterClientCert(cluster) };
  } catch (err) {
    if (isDroverError(err, 'DROVER_ERR_CLUSTER_NOT_FOUND')) {
      // The cluster went: its pooled connections go too.
      deps.transport?.forget(cluster);
      throw notFound(cluster);
    }
    throw err;
  }
}

/** A description of the request for messages and audit: `create configmaps`, `get pods/exec`. */
export function describeRequest(info: RequestInfo): string {
  if (!info.isResourceRequest) return `${info.verb} ${info.path}`;
  const res = info.subresource === '' ? info.resource : `${info.resource}/${info.subresource}`;
  return `${info.verb} ${info.apiGroup === '' ? res : `${res}.${info.apiGroup}`}`;
}

/** @throws DroverError DROVER_ERR_PROXY_FORBIDDEN when `role` may not send this request. */
export function authorizeRequest(user: RequestUser, cluster: string, role: ProxyRole, method: string, info: RequestInfo): void {
  if (role !== 'read-only' || isReadOnlyRequest(method, info)) return;
  const what = info.subresource !== '' ? `${info.subresource} (${method.toUpperCase()})` : describeRequest(info);
  throw new DroverError('DROVER_ERR_PROXY_FORBIDDEN', `user "${user.name}" is read-only in cluster "${cluster}" and may not ${what}${info.namespace === '' ? '' : ` in namespace "${info.namespace}"`}`, {
    details: { kind: info.resource, ...(info.name === '' ? {} : { name: info.name }), ...(info.apiGroup === '' ? {} : { group: info.apiGroup }) },
  });
}
