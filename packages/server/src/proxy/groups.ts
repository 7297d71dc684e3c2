/**
 * The identities Drover impersonates on a cluster's apiserver (docs/adr/0015): the Drover user's
 * name as `Impersonate-User` and one Drover-prefixed group per role as `Impersonate-Group`. The
 * cluster grants these groups Kubernetes' built-in roles through ClusterRoleBindings that Drover
 * keeps in each cluster ({@link DROVER_CLUSTER_ROLE_BINDINGS}): admins and owners → cluster-admin,
 * members → edit, read-only → view. This file is the one place these names live.
 */
import type { RequestUser } from '../api/contract.ts';
import type { ClusterRole } from '../auth/memberships.ts';

/** Drover administrators (every cluster). */
export const DROVER_GROUP_ADMINS = 'drover:admins';
/** A cluster's owners. */
export const DROVER_GROUP_CLUSTER_OWNERS = 'drover:cluster-owners';
/** A cluster's members. */
export const DROVER_GROUP_CLUSTER_MEMBERS = 'drover:cluster-members';
/** A cluster's read-only members. */
export const DROVER_GROUP_CLUSTER_VIEWERS = 'drover:cluster-viewers';

/** What a caller is in one cluster: a Drover admin, or its ClusterMember role. */
export type ProxyRole = 'admin' | ClusterRole;

/** The group impersonated for each role. */
export const GROUP_OF_ROLE: Readonly<Record<ProxyRole, string>> = Object.freeze({
  admin: DROVER_GROUP_ADMINS,
  owner: DROVER_GROUP_CLUSTER_OWNERS,
  member: DROVER_GROUP_CLUSTER_MEMBERS,
  'read-only': DROVER_GROUP_CLUSTER_VIEWERS,
});

/** The built-in Kubernetes ClusterRole each Drover group is bound to in every cluster. */
export const CLUSTER_ROLE_OF_GROUP: Readonly<Record<string, 'cluster-admin' | 'edit' | 'view'>> = Object.freeze({
  [DROVER_GROUP_ADMINS]: 'cluster-admin',
  [DROVER_GROUP_CLUSTER_OWNERS]: 'cluster-admin',
  [DROVER_GROUP_CLUSTER_MEMBERS]: 'edit',
  [DROVER_GROUP_CLUSTER_VIEWERS]: 'view',
});

/** A ClusterRoleBinding Drover keeps in each cluster: its name is the group's. */
export interface DroverClusterRoleBinding {
  name: string;
  group: string;
  clusterRole: 'cluster-admin' | 'edit' | 'view';
}

/** The ClusterRoleBindings every cluster needs for the proxy's impersonation to grant anything. */
export const DROVER_CLUSTER_ROLE_BINDINGS: readonly DroverClusterRoleBinding[] = Object.freeze(
  Object.entries(CLUSTER_ROLE_OF_GROUP).map(([group, clusterRole]) => Object.freeze({ name: group, group, clusterRole })),
);

/** The `rbac.authorization.k8s.io/v1` ClusterRoleBinding object for `b` (for a controller to apply). */
export function clusterRoleBindingObject(b: DroverClusterRoleBinding): Record<string, unknown> {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: b.name, labels: { 'drover.dev/managed': 'true' } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.clusterRole },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: b.group }],
  };
}

/** The caller's role in a cluster: admin for Drover admins, else the ClusterMember role given. */
export function proxyRoleOf(user: RequestUser, memberRole: ClusterRole | undefined): ProxyRole | undefined {
  return user.admin ? 'admin' : memberRole;
}
