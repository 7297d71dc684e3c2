/**
 * The contract between the generic resource API (`src/api/`) and the rest of the
 * server (`src/auth/`, `src/app.ts`, controllers). Change it only with both sides.
 */
import type { Store } from '@drover/store';

/** The authenticated caller, set on `request.user` by the authentication hook before any API route runs. */
export interface RequestUser {
  /** User name (the User object's metadata.name), e.g. "admin". */
  name: string;
  /** The User object's metadata.uid. */
  uid: string;
  /** Groups, e.g. ["system:authenticated", "drover:admins"]. */
  groups: string[];
  /** Administrators see and may do everything. */
  admin: boolean;
  /** How the caller authenticated (for SelfSubjectReview extra / audit). */
  via: 'token' | 'login' | 'node' | 'anonymous';
}

/** Kubernetes-style request attributes, as `kubectl auth can-i` speaks them. */
export interface RequestAttributes {
  verb: 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';
  group: string;
  /** Plural resource name, e.g. "clusters". */
  resource: string;
  subresource?: string;
  /** Namespace (= cluster name for namespaced kinds); undefined for cluster-scoped kinds or all-namespace lists. */
  namespace?: string;
  name?: string;
}

/**
 * Decides what a user may do. The API asks before every operation; list and watch
 * results are filtered with `canSee`, and a get of an object the user cannot see is a 404.
 */
export interface Authorizer {
  allowed(user: RequestUser, attrs: RequestAttributes): Promise<boolean>;
  /** True when `user` may see this stored object (used to filter list/watch and to 404 gets). */
  canSee(user: RequestUser, resource: string, obj: { metadata: { name: string; namespace?: string } }): Promise<boolean>;
  /** Rules for SelfSubjectRulesReview (resource rules the user has in a namespace). */
  rules(user: RequestUser, namespace: string | undefined): Promise<{ verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames?: string[] }[]>;
}

/** What a kind-specific hook may do before a write is stored; throwing a DroverError aborts it with that Status. */
export interface WriteContext {
  user: RequestUser;
  store: Store;
  dryRun: boolean;
}

/**
 * Per-kind behaviour plugged into the generic API. Every hook is optional.
 * Hooks run inside the API's request handling; the API still does validation,
 * resourceVersion, generation, managedFields and Status errors.
 *
 * `T` is the kind's object type (`TypeOf<typeof clusterMembers>`): the API validates every object
 * against the kind's schema before a hook sees it, and stored objects passed the same check.
 */
export interface KindHooks<T = Record<string, unknown>> {
  /** Before create is stored: may change the object (defaults, minted secrets). */
  beforeCreate?(obj: T, ctx: WriteContext): Promise<void>;
  /** After create is stored (not on dryRun): side effects (e.g. owner ClusterMember). May return extra fields merged into the response only (e.g. status.token shown once). */
  afterCreate?(obj: T, ctx: WriteContext): Promise<Record<string, unknown> | void>;
  /** Before update/patch is stored. */
  beforeUpdate?(next: T, prev: T, ctx: WriteContext): Promise<void>;
  /** Before delete (e.g. cascade a Cluster's namespace, revoke node credentials). */
  beforeDelete?(obj: T, ctx: WriteContext): Promise<void>;
  /** Shapes an object for output (e.g. strip secret hashes). Must not mutate the stored object. */
  present?(obj: Record<string, unknown>): Record<string, unknown>;
}
