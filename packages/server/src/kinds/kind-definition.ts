/**
 * KindDefinition: everything the generic API needs to serve one kind. The TypeBox schema is
 * written once and gives validation (api/validation.ts), OpenAPI v3 (api/openapi.ts) and the
 * TypeScript type (`Static<typeof schema>`).
 */
import { Type } from '@sinclair/typebox';
import type { TObject, TProperties, TSchema } from '@sinclair/typebox';
import type { KubeObject } from '@drover/store';
import { GROUP, VERSION } from './resources.ts';
import { ObjectMeta } from './meta.ts';

/** A column of `kubectl get` output (a meta.k8s.io/v1 Table column). */
export interface PrinterColumn {
  /** Column title as Kubernetes writes it ("Name", "Age"); kubectl upper-cases it. */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description: string;
  /** 0: always shown; 1: only with `-o wide`. */
  priority: 0 | 1;
  /** The cell for one object (null prints as `<none>`). */
  cell(obj: KubeObject, now: Date): string | number | boolean | null;
}

export interface KindDefinition {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Lower-case plural, the URL segment and the authorization `resource`. */
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  /** Namespaced kinds live in a Cluster's namespace (namespace = cluster name). */
  namespaced: boolean;
  /** Shown by `kubectl explain <plural>`. */
  description: string;
  /** The whole object: apiVersion, kind, metadata and the kind's own fields. */
  schema: TObject;
  /**
   * With a status subresource, writes to the object ignore `status` and writes to `/status`
   * ignore everything else; `generation` changes only when fields other than metadata/status do.
   */
  statusSubresource: boolean;
  columns: PrinterColumn[];
  /** Dotted paths stripped before every store write (input-only or response-only fields). */
  neverStored: string[];
  /** Dotted paths stripped from every response (secret hashes, sealed secrets); `[*]` = every list element. */
  hidden: string[];
  /**
   * Secret input fields (`spec.password`, `spec.privateRegistries[*].password`): the kind's hook
   * consumes them, then the API strips them from the object, the last-applied annotation and
   * managedFields before any write, so they are stored nowhere (api/secret-fields.ts).
   */
  secretFields: string[];
  /** Verbs served on the object and its collection (discovery; other methods are a 405). */
  verbs: readonly KindVerb[];
}

export type KindVerb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';
/** Every verb: what a kind serves unless it says otherwise. */
export const ALL_VERBS: readonly KindVerb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface DefineKindOptions {
  /** Default `management.drover.dev`. */
  group?: string;
  /** Default `v1`. */
  version?: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  namespaced: boolean;
  description: string;
  /** Own top-level fields besides apiVersion/kind/metadata (usually spec and status). */
  fields: TProperties;
  statusSubresource: boolean;
  columns: PrinterColumn[];
  neverStored?: string[];
  hidden?: string[];
  secretFields?: string[];
  verbs?: readonly KindVerb[];
}

/** Builds a KindDefinition (by default in the `management.drover.dev/v1` group). */
export function defineKind(o: DefineKindOptions): KindDefinition {
  const group = o.group ?? GROUP;
  const version = o.version ?? VERSION;
  const schema = Type.Object(
    {
      apiVersion: Type.Optional(Type.String({ description: `APIVersion of this object: "${group}/${version}".` })),
      kind: Type.Optional(Type.String({ description: `Kind of this object: "${o.kind}".` })),
      metadata: Type.Optional(ObjectMeta),
      ...o.fields,
    },
    { description: o.description },
  );
  return {
    group,
    version,
    kind: o.kind,
    listKind: `${o.kind}List`,
    plural: o.plural,
    singular: o.kind.toLowerCase(),
    shortNames: o.shortNames ?? [],
    categories: ['drover'],
    namespaced: o.namespaced,
    description: o.description,
    schema,
    statusSubresource: o.statusSubresource,
    columns: o.columns,
    neverStored: o.neverStored ?? [],
    hidden: o.hidden ?? [],
    secretFields: o.secretFields ?? [],
    verbs: o.verbs ?? ALL_VERBS,
  };
}

/** Convenience for optional described fields. */
export const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);
