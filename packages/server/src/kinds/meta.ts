/**
 * Shared schema pieces of every kind: ObjectMeta (with the Kubernetes OpenAPI name as `$id`, so the
 * OpenAPI builder emits a `$ref` for it), conditions, string enums and printer-column helpers.
 */
import { Type } from '@sinclair/typebox';
import type { TSchema, TUnsafe } from '@sinclair/typebox';
import type { PrinterColumn } from './kind-definition.ts';

/** OpenAPI names of the shared apimachinery definitions. */
export const META_REFS = {
  objectMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  managedFieldsEntry: 'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
  ownerReference: 'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
} as const;

/** A closed set of strings (OpenAPI: `type: string` + `enum`). */
export function StringEnum<const T extends readonly string[]>(values: T, options: { description: string }): TUnsafe<T[number]> {
  // A union of literals at runtime (checked by the compiler, turned into `enum` for OpenAPI), typed as the string union.
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );
}

const StringMap = (description: string): TSchema => Type.Record(Type.String(), Type.String(), { description });
const Timestamp = (description: string) => Type.String({ format: 'date-time', description });

export const ManagedFieldsEntry = Type.Object(
  {
    manager: Type.Optional(Type.String({ description: 'Identifier of the workflow managing these fields.' })),
    operation: Type.Optional(StringEnum(['Apply', 'Update'], { description: 'The kind of operation that led to this entry.' })),
    apiVersion: Type.Optional(Type.String({ description: 'Version of the resource this field set applies to.' })),
    time: Type.Optional(Timestamp('When the operation happened (set by the server).')),
    fieldsType: Type.Optional(Type.String({ description: 'Format of fieldsV1; always "FieldsV1".' })),
    fieldsV1: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'The field set, in the FieldsV1 format.' })),
    subresource: Type.Optional(Type.String({ description: 'The subresource used to update the object ("" for the main resource).' })),
  },
  { $id: META_REFS.managedFieldsEntry, description: 'A workflow and the set of fields it manages.' },
);

export const OwnerReference = Type.Object(
  {
    apiVersion: Type.String({ description: 'API version of the referent.' }),
    kind: Type.String({ description: 'Kind of the referent.' }),
    name: Type.String({ description: 'Name of the referent.' }),
    uid: Type.String({ description: 'UID of the referent.' }),
    controller: Type.Optional(Type.Boolean({ description: 'True when the reference points to the managing controller.' })),
    blockOwnerDeletion: Type.Optional(Type.Boolean({ description: 'Kept for compatibility; Drover has no garbage collector.' })),
  },
  { $id: META_REFS.ownerReference, description: 'An object this one depends on.' },
);

/** Standard object metadata, as in Kubernetes. Server-set fields are ignored on input. */
export const ObjectMeta = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Unique name within the namespace (or cluster-wide for cluster-scoped kinds). Cannot be updated.' })),
    generateName: Type.Optional(Type.String({ description: 'Prefix for a server-generated unique name, used when name is empty.' })),
    namespace: Type.Optional(Type.String({ description: 'Namespace of a namespaced object: the name of the Cluster it belongs to.' })),
    uid: Type.Optional(Type.String({ description: 'Unique id, set by the server. Read-only.' })),
    resourceVersion: Type.Optional(
      Type.String({ description: 'Opaque version of this object, set by the server on every write. A stale value in an update is a Conflict.' }),
    ),
    generation: Type.Optional(Type.Integer({ format: 'int64', description: 'Sequence number of the desired state (spec); set by the server. Read-only.' })),
    creationTimestamp: Type.Optional(Timestamp('When the object was created. Read-only.')),
    deletionTimestamp: Type.Optional(Timestamp('When deletion was requested; set while finalizers are pending. Read-only.')),
    deletionGracePeriodSeconds: Type.Optional(Type.Integer({ format: 'int64', description: 'Kept for compatibility. Read-only.' })),
    labels: Type.Optional(StringMap('Key/value pairs for organising and selecting objects (label selectors).')),
    annotations: Type.Optional(StringMap('Key/value pairs of arbitrary non-identifying metadata.')),
    finalizers: Type.Optional(Type.Array(Type.String(), { description: 'Entries that must be removed before the object is deleted.' })),
    ownerReferences: Type.Optional(Type.Array(OwnerReference, { description: 'Objects this one depends on.' })),
    managedFields: Type.Optional(Type.Array(ManagedFieldsEntry, { description: 'Which manager owns which fields (server-side apply). Set by the server.' })),
  },
  { $id: META_REFS.objectMeta, description: 'Standard object metadata.' },
);

/** A status condition, as in Kubernetes (`metav1.Condition` without observedGeneration). */
export function Condition<T extends TSchema>(type: T) {
  return Type.Object(
    {
      type,
      status: StringEnum(['True', 'False', 'Unknown'], { description: 'Status of the condition: True, False or Unknown.' }),
      reason: Type.Optional(Type.String({ description: 'Machine-readable CamelCase reason for the last transition.' })),
      message: Type.Optional(Type.String({ description: 'Human-readable details of the last transition.' })),
      lastTransitionTime: Type.Optional(Timestamp('When the status last changed.')),
    },
    { description: 'One aspect of the current state.' },
  );
}

export const Taint = Type.Object(
  {
    key: Type.String({ minLength: 1, description: 'Taint key.' }),
    value: Type.Optional(Type.String({ description: 'Taint value.' })),
    effect: StringEnum(['NoSchedule', 'PreferNoSchedule', 'NoExecute'], { description: 'Effect on pods that do not tolerate the taint.' }),
  },
  { description: 'A Kubernetes node taint applied on registration.' },
);

export const NodeRole = StringEnum(['etcd', 'controlplane', 'worker'], { description: 'A node role: etcd, controlplane or worker.' });

// ---- printer-column helpers --------------------------------------------------------------

/** Reads a dotted path (`status.nodes.total`) from a JSON object. */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** The NAME column every kind starts with. */
export const nameColumn: PrinterColumn = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  priority: 0,
  cell: (obj) => obj.metadata.name,
};

/** Human duration since an RFC 3339 time, as kubectl prints ages ("45s", "3m", "5h", "2d", "3y"). */
export function humanSince(time: unknown, now: Date): string | null {
  if (typeof time !== 'string') return null;
  const t = Date.parse(time);
  if (Number.isNaN(t)) return null;
  const s = Math.max(0, Math.floor((now.getTime() - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 === 0 ? '' : `${s % 60}s`}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 730) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

/** The AGE column (a server-rendered duration, as Kubernetes renders it for custom resources). */
export const ageColumn: PrinterColumn = {
  name: 'Age',
  type: 'date',
  description: 'Time since creationTimestamp.',
  priority: 0,
  cell: (obj, now) => humanSince(obj.metadata.creationTimestamp, now),
};

/** A column showing a string at a dotted path (null when absent). */
export function pathColumn(name: string, path: string, description: string, priority: 0 | 1 = 0): PrinterColumn {
  return {
    name,
    type: 'string',
    description,
    priority,
    cell: (obj) => {
      const v = pick(obj, path);
      if (v === undefined || v === null) return null;
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
    },
  };
}
