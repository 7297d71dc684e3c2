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
 *  - Answers are exact, so SelfSubjectAccessReview (`kubectl auth can-i`) tells the truth. The
 *    API checks visibility (`canSee`) before asking about a get, so an object the caller may not
 *    see is a 404, exactly like a missing one (existence is not revealed).
 *  - Users see their own User and their own Tokens, may create Tokens (for themselves) and
 *    revoke or delete their own; only admins manage Users.
 */
import type { Store } from '@drover/store';
import type { Authorizer, RequestAttributes, RequestUser } from '../api/contract.ts';
import { GROUP, RESOURCES } from '../kinds/resources.ts';
import type { ClusterRole, Memberships } from './memberships.ts';
import { roleAtLeast } from './memberships.ts';
import { rulesFor } from './rules.ts';

const READ = new Set(['get', 'list', 'watch']);
/** Namespaced kinds and the role needed to write them (undefined: server only). */
const WRITE_ROLE: Record<string, ClusterRole | undefined> = {
  nodes: 'member',
  registrationtokens: 'member',
  clustermembers: 'owner',
  events: undefined,
};

/** `clusters` from either `clusters` or `management.drover.dev/clusters`. */
export function pluralOf(resource: string): string {
  return resource.startsWith(`${GROUP}/`) ? resource.slice(GROUP.length + 1) : resource;
}

export interface AuthorizerWithMemberships extends Authorizer {
  readonly memberships: Memberships;
}

export function createAuthorizer(store: Store, memberships: Memberships): AuthorizerWithMemberships {
  async function tokenOwner(name: string): Promise<string | undefined | null> {
    const t = await store.tryGet(RESOURCES.tokens, '', name);
    if (t === undefined) return undefined;
    const u = (t.spec as { user?: unknown } | undefined)?.user;
    return typeof u === 'string' ? u : null;
  }

  async function allowed(user: RequestUser, a: RequestAttributes): Promise<boolean> {
    if (user.admin) return true;
    if (user.via === 'anonymous') return false;
    if (a.group !== GROUP) return false;
    if (a.subresource !== undefined && a.subresource !== '') return false; // status is the server's
    const read = READ.has(a.verb);
    switch (a.resource) {
      case 'clusters': {
        if (a.verb === 'create') return true;
        if ((a.verb === 'list' || a.verb === 'watch') && a.name === undefined) return true; // filtered by canSee
        if (a.name === undefined || a.verb === 'deletecollection') return false;
        if (read) return (await memberships.roleIn(user.uid, a.name)) !== undefined;
        return roleAtLeast(await memberships.roleIn(user.uid, a.name), 'owner');
      }
      case 'nodes':
      case 'registrationtokens':
      case 'clustermembers':
      case 'events': {
        if (a.namespace === undefined || a.namespace === '') {
          // All-namespace list/watch: allowed, items filtered by canSee.
          return (a.verb === 'list' || a.verb === 'watch') && a.name === undefined;
        }
        const role = await memberships.roleIn(user.uid, a.namespace);
        if (read) return role !== undefined;
        const needed = WRITE_ROLE[a.resource];
        return needed !== undefined && roleAtLeast(role, needed);
      }
      case 'users':
        if (a.verb === 'list' || a.verb === 'watch') return a.name === undefined || a.name === user.name;
        return a.verb === 'get' && a.name === user.name;
      case 'tokens': {
        if (a.verb === 'list' || a.verb === 'watch' || a.verb === 'create') return true; // filtered / forced to self
        if (a.verb === 'deletecollection' || a.name === undefined) return false;
        const owner = await tokenOwner(a.name);
        // A token that does not exist: allow, so the API answers 404 as for an invisible one.
        return owner === undefined || owner === user.name;
      }
      default:
        return false;
    }
  }

  async function canSee(user: RequestUser, resource: string, obj: { metadata: { name: string; namespace?: string } }): Promise<boolean> {
    if (user.admin) return true;
    if (user.via === 'anonymous') return false;
    const plural = pluralOf(resource);
    switch (plural) {
      case 'clusters':
        return (await memberships.roleIn(user.uid, obj.metadata.name)) !== undefined;
      case 'users':
        return obj.metadata.name === user.name;
      case 'tokens':
        return (obj as { spec?: { user?: unknown } }).spec?.user === user.name;
      default: {
        const ns = obj.metadata.namespace;
        if (ns === undefined || ns === '' || !(plural in WRITE_ROLE)) return false;
        return (await memberships.roleIn(user.uid, ns)) !== undefined;
      }
    }
  }

  return {
    memberships,
    allowed,
    canSee,
    async rules(user, namespace) {
      const role = namespace === undefined || namespace === '' || user.admin ? undefined : await memberships.roleIn(user.uid, namespace);
      return rulesFor(user, namespace, role);
    },
  };
}
