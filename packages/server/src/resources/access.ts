/**
 * Access rules a resource declares (`defineResource({ access })`). The authorizer, visibility
 * filtering (`canSee`) and SelfSubjectRulesReview (`kubectl auth can-i --list`) all ask the
 * resource's policy, so a kind states its rules once, next to its schema. Admins may do
 * everything and anonymous callers nothing before any policy is asked.
 *
 * In a cluster (the Cluster object and everything in its namespace) a ClusterMember role
 * grants `read-only` < `member` < `owner`; answers are exact, so can-i tells the truth.
 */
import type { Store } from '@drover/store';
import type { RequestAttributes, RequestUser } from '../api/contract.ts';
import type { ClusterRole } from '../auth/memberships.ts';
import { roleAtLeast } from '../auth/memberships.ts';
import { RESOURCES } from '../kinds/resources.ts';

export type Verb = RequestAttributes['verb'];

/** What a policy may consult. */
export interface AccessContext {
  store: Store;
  /** The store key of the resource asked about (`<group>/<plural>`). */
  resource: string;
  /** The role of the User with this uid in `cluster` (memberships follow the uid, not the name). */
  roleIn(userUid: string, cluster: string): Promise<ClusterRole | undefined>;
}

/** One SelfSubjectRulesReview rule, without apiGroups/resources (the registry fills them). */
export interface PolicyRule {
  verbs: string[];
  resourceNames?: string[];
  /** A subresource (`proxy` → resource `clusters/proxy`). */
  subresource?: string;
}

/** How a resource is authorized. `user` is never an admin nor anonymous here. */
export interface AccessPolicy {
  allowed(user: RequestUser, a: RequestAttributes, ctx: AccessContext): Promise<boolean>;
  /** True when `user` may see this stored object (list/watch filtering, 404 on get). */
  canSee(user: RequestUser, obj: VisibleObject, ctx: AccessContext): Promise<boolean>;
  /** The rules `user` has, given its role in `namespace` (undefined: none or no namespace). */
  rules(user: RequestUser, namespace: string | undefined, role: ClusterRole | undefined): PolicyRule[];
  /**
   * Requests refused to everyone, admins included: what only the server does (an append-only
   * log's writes). Asked before the admin rule; absent means none.
   */
  refusedToAll?(a: RequestAttributes): boolean;
}

export interface VisibleObject {
  metadata: { name: string; namespace?: string };
  spec?: unknown;
}

export const READ: readonly Verb[] = ['get', 'list', 'watch'];
export const WRITE: readonly Verb[] = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const isRead = (v: Verb): boolean => READ.includes(v);
const unnamedListOrWatch = (a: RequestAttributes): boolean => (a.verb === 'list' || a.verb === 'watch') && a.name === undefined;

/**
 * The Cluster: any user may create one (and becomes its owner) and list/watch (filtered to the
 * clusters they are a member of); members read it, owners update and delete it. `subresources`
 * grants each named subresource (e.g. `proxy`) to members of at least that role; `status` is the
 * server's.
 */
export function clusterMembership(o: { subresources?: Readonly<Record<string, ClusterRole>> } = {}): AccessPolicy {
  const subs = o.subresources ?? {};
  return {
    async allowed(user, a, ctx) {
      if (a.subresource !== undefined && a.subresource !== '') {
        const needed = subs[a.subresource];
        return needed !== undefined && a.name !== undefined && roleAtLeast(await ctx.roleIn(user.uid, a.name), needed);
      }
      if (a.verb === 'create') return true;
      if (unnamedListOrWatch(a)) return true;
      if (a.name === undefined || a.verb === 'deletecollection') return false;
      const role = await ctx.roleIn(user.uid, a.name);
      return isRead(a.verb) ? role !== undefined : roleAtLeast(role, 'owner');
    },
    async canSee(user, obj, ctx) {
      return (await ctx.roleIn(user.uid, obj.metadata.name)) !== undefined;
    },
    rules(_user, namespace, role) {
      const out: PolicyRule[] = [{ verbs: ['create', 'list', 'watch'] }];
      if (namespace === undefined || role === undefined) return out;
      out.push({ verbs: [...READ], resourceNames: [namespace] });
      for (const [subresource, needed] of Object.entries(subs)) {
        if (roleAtLeast(role, needed)) out.push({ verbs: ['*'], resourceNames: [namespace], subresource });
      }
      if (roleAtLeast(role, 'owner')) out.push({ verbs: ['update', 'patch', 'delete'], resourceNames: [namespace] });
      return out;
    },
  };
}

/**
 * A kind in a cluster's namespace: any member reads it, members of at least `write` write it
 * (no `write`: only the server does, e.g. Events). All-namespace list/watch is allowed and
 * filtered. Subresources (`status`) are the server's.
 */
export function inClusterNamespace(o: { write?: ClusterRole } = {}): AccessPolicy {
  return {
    async allowed(user, a, ctx) {
      if (a.subresource !== undefined && a.subresource !== '') return false;
      if (a.namespace === undefined || a.namespace === '') return unnamedListOrWatch(a);
      const role = await ctx.roleIn(user.uid, a.namespace);
      if (isRead(a.verb)) return role !== undefined;
      return o.write !== undefined && roleAtLeast(role, o.write);
    },
    async canSee(user, obj, ctx) {
      const ns = obj.metadata.namespace;
      return ns !== undefined && ns !== '' && (await ctx.roleIn(user.uid, ns)) !== undefined;
    },
    rules(_user, namespace, role) {
      if (namespace === undefined || role === undefined) return [];
      const out: PolicyRule[] = [{ verbs: [...READ] }];
      if (o.write !== undefined && roleAtLeast(role, o.write)) out.push({ verbs: [...WRITE] });
      return out;
    },
  };
}

/** Users: each sees and reads only the object named after itself; only admins write. */
export function selfNamed(): AccessPolicy {
  return {
    allowed(user, a) {
      if (a.subresource !== undefined && a.subresource !== '') return Promise.resolve(false);
      if (a.verb === 'list' || a.verb === 'watch') return Promise.resolve(a.name === undefined || a.name === user.name);
      return Promise.resolve(a.verb === 'get' && a.name === user.name);
    },
    canSee: (user, obj) => Promise.resolve(obj.metadata.name === user.name),
    rules: (user) => [{ verbs: [...READ], resourceNames: [user.name] }],
  };
}

/**
 * Objects owned through `spec.user` (Tokens): any user lists/watches (filtered to its own) and
 * creates (the kind's hook forces the owner to itself); only the owner reads, changes or
 * deletes one. A missing object is allowed, so the API answers 404 as for an invisible one.
 */
export function ownedBySpecUser(): AccessPolicy {
  const ownerOf = (obj: VisibleObject | undefined): string | undefined | null => {
    if (obj === undefined) return undefined;
    const u = (obj.spec as { user?: unknown } | undefined)?.user;
    return typeof u === 'string' ? u : null;
  };
  return {
    async allowed(user, a, ctx) {
      if (a.subresource !== undefined && a.subresource !== '') return false;
      if (a.verb === 'list' || a.verb === 'watch' || a.verb === 'create') return true;
      if (a.verb === 'deletecollection' || a.name === undefined) return false;
      const owner = ownerOf(await ctx.store.tryGet(ctx.resource, a.namespace ?? '', a.name));
      return owner === undefined || owner === user.name;
    },
    canSee: (user, obj) => Promise.resolve(ownerOf(obj) === user.name),
    rules: () => [{ verbs: ['list', 'watch', 'create'] }],
  };
}

/** Read-only to every authenticated user (reference data such as Kubernetes versions). */
export function readableByAll(): AccessPolicy {
  return {
    allowed: (_user, a) => Promise.resolve((a.subresource === undefined || a.subresource === '') && isRead(a.verb)),
    canSee: () => Promise.resolve(true),
    rules: () => [{ verbs: [...READ] }],
  };
}

/**
 * Reference data the repository owns (KubernetesVersions): every authenticated user reads it;
 * writes and subresources are refused to everyone, admins included (`refusedToAll`, as for
 * AuditEvents), so `kubectl auth can-i delete` answers no to an admin too.
 */
export function referenceData(): AccessPolicy {
  const writeOrSub = (a: RequestAttributes): boolean => !isRead(a.verb) || (a.subresource !== undefined && a.subresource !== '');
  return { ...readableByAll(), refusedToAll: writeOrSub };
}

/** Only admins (and the server itself) read or write it (e.g. an audit log). */
export function adminsOnly(): AccessPolicy {
  return {
    allowed: () => Promise.resolve(false),
    canSee: () => Promise.resolve(false),
    rules: () => [],
  };
}

/**
 * Append-only records the server writes (AuditEvents), each naming the cluster it concerns in its
 * top-level `cluster` and `clusterUid` fields. Nobody writes them through the API, admins
 * included (`refusedToAll`). Every user may get/list/watch, filtered: a record is visible to the
 * owners of its cluster while the Cluster with the recorded uid exists, so a cluster re-created
 * under the same name does not inherit its predecessor's records, and records of no cluster (or of
 * a cluster that did not exist) are the admins' alone. Members and read-only users see none.
 */
export function ownersOfRecordedCluster(): AccessPolicy {
  const writeOrSub = (a: RequestAttributes): boolean => !isRead(a.verb) || (a.subresource !== undefined && a.subresource !== '');
  return {
    refusedToAll: writeOrSub,
    allowed: (_user, a) => Promise.resolve(!writeOrSub(a)),
    async canSee(user, obj, ctx) {
      const { cluster, clusterUid } = obj as unknown as { cluster?: unknown; clusterUid?: unknown };
      if (typeof cluster !== 'string' || typeof clusterUid !== 'string' || cluster === '') return false;
      if (!roleAtLeast(await ctx.roleIn(user.uid, cluster), 'owner')) return false;
      const live = await ctx.store.tryGet(RESOURCES.clusters, '', cluster);
      return live !== undefined && live.metadata.uid === clusterUid;
    },
    rules: () => [{ verbs: [...READ] }],
  };
}
