/**
 * defineResource: one kind in one file — schema, scope, printer columns, hooks and access — as a
 * typed handle. The registry (registry.ts) derives routing, discovery, OpenAPI, the authorizer,
 * can-i rules and the cluster cascade from these handles; code that reads or writes a kind uses
 * `handle.client(store)` and gets the kind's own type instead of casting `spec`/`status`.
 *
 * ```ts
 * export const clusters = defineResource({
 *   kind: 'Cluster', plural: 'clusters', scope: 'Cluster', description: '…',
 *   schema: { spec: opt(ClusterSpec), status: opt(ClusterStatus) }, statusSubresource: true,
 *   printerColumns: [nameColumn, ageColumn], access: clusterMembership(), hooks: clusterHooks,
 * });
 * const c = await clusters.client(store).tryGet('', 'alpha'); // c?.status?.state is typed
 * ```
 */
import type { Static, TObject, TOptional, TProperties, TString } from '@sinclair/typebox';
import type { KubeObject, ListOptions, PreconditionOptions, Store, StoredObject, StoreTx } from '@drover/store';
import type { KindHooks } from '../api/contract.ts';
import { defineKind } from '../kinds/kind-definition.ts';
import type { KindDefinition, KindVerb, PrinterColumn } from '../kinds/kind-definition.ts';
import type { ObjectMeta } from '../kinds/meta.ts';
import type { AccessPolicy } from './access.ts';
import type { KindHookDeps } from './hook-deps.ts';

export interface DefineResourceOptions<P extends TProperties> {
  /** Default `management.drover.dev`. */
  group?: string;
  /** Default `v1`. */
  version?: string;
  kind: string;
  /** Lower-case plural: the URL segment and the authorization `resource`. */
  plural: string;
  shortNames?: string[];
  /** `Namespaced` kinds live in a Cluster's namespace (namespace = cluster name) and go with it. */
  scope: 'Namespaced' | 'Cluster';
  /** Shown by `kubectl explain`. */
  description: string;
  /** The kind's own top-level fields besides apiVersion/kind/metadata (usually spec and status). */
  schema: P;
  statusSubresource: boolean;
  printerColumns: readonly PrinterColumn[];
  /** Dotted paths stripped before every store write. */
  neverStored?: string[];
  /** Dotted paths stripped from every response. */
  hidden?: string[];
  /** Secret input fields, stored nowhere (see api/secret-fields.ts). */
  secretFields?: string[];
  /** Verbs served (default all): e.g. read-only reference data serves get/list/watch. */
  verbs?: readonly KindVerb[];
  access: AccessPolicy;
  /** The kind's write hooks, built once per server from its dependencies. */
  hooks?: (deps: KindHookDeps) => KindHooks<ObjectOf<P>>;
  /**
   * Objects shipped as data in the repository; the store is made to hold exactly these at start
   * (builtins.ts). apiVersion and kind are filled in. Use with read-only `verbs`.
   */
  builtins?: () => readonly (Omit<ObjectOf<P>, 'metadata' | 'apiVersion' | 'kind'> & { metadata: KubeObject['metadata'] })[];
}

/** The object type of a resource handle: `TypeOf<typeof clusters>`. */
export type TypeOf<R> = R extends Resource<infer T> ? T : never;

/** The whole object of a kind as TypeScript sees it. */
export type ObjectOf<P extends TProperties> = Static<TObject<P & { apiVersion: TOptional<TString>; kind: TOptional<TString>; metadata: TOptional<typeof ObjectMeta> }>>;

/** A stored object of a kind: its own fields typed, metadata as the store keeps it. */
export type Stored<T> = Omit<T, 'metadata'> & StoredObject;

/** Where one object lives in the store. */
export interface ObjectKey {
  resource: string;
  namespace: string;
  name: string;
}

/** A kind's typed view of the store (or of one transaction). */
export interface ResourceClient<T> {
  get(namespace: string, name: string): Promise<Stored<T>>;
  /** undefined when absent. */
  tryGet(namespace: string, name: string): Promise<Stored<T> | undefined>;
  list(options?: Omit<ListOptions, 'limit' | 'continue'>): Promise<Stored<T>[]>;
  /** Fills apiVersion and kind. */
  create(obj: Omit<T, 'metadata' | 'apiVersion' | 'kind'> & { metadata: KubeObject['metadata'] }): Promise<Stored<T>>;
  update(obj: Stored<T>, options?: PreconditionOptions): Promise<Stored<T>>;
  /** Replaces `status` of the stored object, optimistic on its resourceVersion. */
  updateStatus(obj: Stored<T>, status: T extends { status?: infer S } ? S : never): Promise<Stored<T>>;
  delete(namespace: string, name: string, options?: PreconditionOptions): Promise<void>;
}

export interface Resource<T = KubeObject> {
  readonly def: KindDefinition;
  readonly access: AccessPolicy;
  readonly hooks: ((deps: KindHookDeps) => KindHooks) | undefined;
  /** Objects shipped as data (see builtins.ts); apiVersion/kind not yet filled. */
  readonly builtins: (() => readonly { metadata: KubeObject['metadata'] }[]) | undefined;
  /** Store key `<group>/<plural>`. */
  readonly resource: string;
  readonly apiVersion: string;
  key(namespace: string | undefined, name: string): ObjectKey;
  client(store: Store | StoreTx): ResourceClient<T>;
}

export function defineResource<P extends TProperties>(o: DefineResourceOptions<P>): Resource<ObjectOf<P>> {
  const def = defineKind({
    ...(o.group === undefined ? {} : { group: o.group }),
    ...(o.version === undefined ? {} : { version: o.version }),
    kind: o.kind,
    plural: o.plural,
    ...(o.shortNames === undefined ? {} : { shortNames: o.shortNames }),
    namespaced: o.scope === 'Namespaced',
    description: o.description,
    fields: o.schema,
    statusSubresource: o.statusSubresource,
    columns: [...o.printerColumns],
    ...(o.neverStored === undefined ? {} : { neverStored: o.neverStored }),
    ...(o.hidden === undefined ? {} : { hidden: o.hidden }),
    ...(o.secretFields === undefined ? {} : { secretFields: o.secretFields }),
    ...(o.verbs === undefined ? {} : { verbs: o.verbs }),
  });
  const resource = `${def.group}/${def.plural}`;
  const apiVersion = `${def.group}/${def.version}`;
  type T = ObjectOf<P>;
  return {
    def,
    access: o.access,
    hooks: o.hooks,
    builtins: o.builtins,
    resource,
    apiVersion,
    key: (namespace, name) => ({ resource, namespace: def.namespaced ? (namespace ?? '') : '', name }),
    client(store): ResourceClient<T> {
      const typed = (x: StoredObject): Stored<T> => x as unknown as Stored<T>;
      return {
        get: async (ns, name) => typed(await store.get(resource, ns, name)),
        tryGet: async (ns, name) => {
          const x = await store.tryGet(resource, ns, name);
          return x === undefined ? undefined : typed(x);
        },
        list: async (options) => (await store.list(resource, options)).items.map(typed),
        create: async (obj) => typed(await store.create(resource, { ...(obj as object), apiVersion, kind: def.kind } as KubeObject)),
        update: async (obj, options) => typed(await store.update(resource, obj, options)),
        updateStatus: async (obj, status) =>
          typed(await store.update(resource, { ...(obj as unknown as KubeObject), status }, { expectedResourceVersion: obj.metadata.resourceVersion })),
        delete: async (ns, name, options) => {
          await store.delete(resource, ns, name, options);
        },
      };
    },
  };
}
