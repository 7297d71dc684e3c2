/**
 * The management API's authorizer.
 *  - Admins may do everything.
 *  - Any user may create a Cluster (and becomes its owner: see the Cluster hook) and list/watch
 *    clusters (filtered to those they are a member of).
 *  - In a cluster (the Cluster object and everything in its namespace) a ClusterMember role grants
 *    (to the User whose uid it is bound to, never to a name: memberships.ts):
 *      read-only: get, list, watch
 *      member:    + create/update/patch/delete/deletecollection of Nodes and RegistrationTokens
 *      owner:     + the same on ClusterMembers, and update/patch/delete of the Cluster
 *    Events and every `status` subresource are written by the server only (admins).
 *  - AuditEvents are written by the server only, admins included (`refusedToAll`); admins read
 *    all, a cluster's owners those of their cluster (docs/adr/0016).
 *  - Answers are exact, so SelfSubjectAccessReview (`kubectl auth can-i`) tells the truth. The
 *    API checks visibility (`canSee`) before asking about a get, so an object the caller may not
 *    see is a 404, exactly like a missing one (existence is not revealed).
 *  - Users see their own User and their own Tokens, may create Tokens (for themselves) and
 *    revoke or delete their own; only admins manage Users.
 * Each rule is the kind's `access` policy (resources/access.ts), found through the registry.
 */
import type { Store } from '@drover/store';
import type { Authorizer, RequestAttributes, RequestUser } from '../api/contract.ts';
import { registry as managementRegistry } from '../resources/index.ts';
import type { AccessContext } from '../resources/access.ts';
import type { Registry } from '../resources/registry.ts';
import type { Memberships } from './memberships.ts';

export interface AuthorizerWithMemberships extends Authorizer {
  readonly memberships: Memberships;
}

/** Answers from each kind's access policy in `registry`; unknown groups and kinds are refused. */
export function createAuthorizer(store: Store, memberships: Memberships, registry: Registry = managementRegistry): AuthorizerWithMemberships {
  const context = (resource: string): AccessContext => ({ store, resource, roleIn: (uid, cluster) => memberships.roleIn(uid, cluster) });

  async function allowed(user: RequestUser, a: RequestAttributes): Promise<boolean> {
    const r = registry.find(a.group, a.resource);
    // What only the server does (an append-only log's writes) is refused to admins too.
    if (r?.access.refusedToAll?.(a) === true) return false;
    if (user.admin) return true;
    if (user.via === 'anonymous') return false;
    if (r === undefined) return false;
    return r.access.allowed(user, a, context(r.resource));
  }

  async function canSee(user: RequestUser, resource: string, obj: { metadata: { name: string; namespace?: string } }): Promise<boolean> {
    if (user.admin) return true;
    if (user.via === 'anonymous') return false;
    const r = registry.lookup(resource);
    if (r === undefined) return false;
    return r.access.canSee(user, obj, context(r.resource));
  }

  return {
    memberships,
    allowed,
    canSee,
    async rules(user, namespace) {
      if (user.admin) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
      if (user.via === 'anonymous') return [];
      const role = namespace === undefined || namespace === '' ? undefined : await memberships.roleIn(user.uid, namespace);
      return registry.rules(user, namespace === '' ? undefined : namespace, role);
    },
  };
}
