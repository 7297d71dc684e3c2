/**
 * OpenAPI v3 definitions of the apimachinery types every group document references (ListMeta,
 * Status, DeleteOptions, WatchEvent, Patch, Table), in the Kubernetes layout and names.
 */
import type { JsonObject } from './object-path.ts';

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const ref = (name: string): JsonObject => ({ $ref: `#/components/schemas/${name}` });
/** A described reference, as Kubernetes writes them (`allOf` with one `$ref`). */
export const refWith = (name: string, description: string): JsonObject => ({ allOf: [ref(name)], description });

const s = (description: string, extra: JsonObject = {}): JsonObject => ({ type: 'string', description, ...extra });
const i = (description: string): JsonObject => ({ type: 'integer', format: 'int64', description });

export function metaDefinitions(): Record<string, JsonObject> {
  return {
    [`${META}.ListMeta`]: {
      type: 'object',
      description: 'Metadata of a list.',
      properties: {
        resourceVersion: s('The resourceVersion the list was read at; watch from it to miss nothing.'),
        continue: s('Set when more items may exist: pass it as `continue` to get the next page.'),
        remainingItemCount: i('Not set by Drover.'),
      },
    },
    [`${META}.StatusCause`]: {
      type: 'object',
      description: 'One cause of an error.',
      properties: {
        reason: s('Machine-readable cause, e.g. FieldValueInvalid.'),
        message: s('Human-readable description.'),
        field: s('The field at fault, e.g. "spec.kubernetesVersion".'),
      },
    },
    [`${META}.StatusDetails`]: {
      type: 'object',
      description: 'Details of an error.',
      properties: {
        name: s('Name of the object.'),
        group: s('API group of the object.'),
        kind: s('Kind (resource) of the object.'),
        uid: s('UID of the object.'),
        causes: { type: 'array', items: refWith(`${META}.StatusCause`, 'A cause.'), description: 'The causes.' },
        retryAfterSeconds: { type: 'integer', format: 'int32', description: 'When to retry.' },
      },
    },
    [`${META}.Status`]: {
      type: 'object',
      description: 'The result of an operation that returns no object: every error is a Status.',
      properties: {
        apiVersion: s('"v1".'),
        kind: s('"Status".'),
        metadata: refWith(`${META}.ListMeta`, 'Standard list metadata.'),
        status: s('"Success" or "Failure".'),
        message: s('Human-readable description.'),
        reason: s('Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Unauthorized, …'),
        details: refWith(`${META}.StatusDetails`, 'Details.'),
        code: { type: 'integer', format: 'int32', description: 'HTTP status code.' },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'Status', version: 'v1' }],
    },
    [`${META}.Preconditions`]: {
      type: 'object',
      description: 'Must be fulfilled before a deletion.',
      properties: { resourceVersion: s('Expected resourceVersion.'), uid: s('Expected uid.') },
    },
    [`${META}.DeleteOptions`]: {
      type: 'object',
      description: 'Options of a deletion.',
      properties: {
        apiVersion: s('API version.'),
        kind: s('"DeleteOptions".'),
        dryRun: { type: 'array', items: { type: 'string', default: '' }, description: '["All"]: validate and answer, persist nothing.' },
        gracePeriodSeconds: i('Accepted; deletion is immediate unless finalizers are pending.'),
        preconditions: refWith(`${META}.Preconditions`, 'Must be fulfilled before deleting.'),
        propagationPolicy: s('Orphan, Background or Foreground (accepted; Drover deletes dependents through kind hooks).'),
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'DeleteOptions', version: 'v1' }],
    },
    [`${META}.WatchEvent`]: {
      type: 'object',
      description: 'One event of a watch stream.',
      required: ['type', 'object'],
      properties: {
        type: s('ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.'),
        object: { type: 'object', description: 'The object (a Status for ERROR).' },
      },
      'x-kubernetes-group-version-kind': [{ group: '', kind: 'WatchEvent', version: 'v1' }],
    },
    [`${META}.Patch`]: { type: 'object', description: 'A patch: JSON merge patch, JSON patch or an apply configuration.' },
    [`${META}.TableColumnDefinition`]: {
      type: 'object',
      description: 'A column of a Table.',
      properties: { name: s('Title.'), type: s('OpenAPI type.'), format: s('OpenAPI format.'), description: s('What it shows.'), priority: { type: 'integer', format: 'int32', description: '0: always; 1: wide.' } },
    },
    [`${META}.TableRow`]: {
      type: 'object',
      description: 'A row of a Table.',
      properties: { cells: { type: 'array', items: {}, description: 'One cell per column.' }, object: { type: 'object', description: 'PartialObjectMetadata (or the object, or nothing: includeObject).' } },
    },
    [`${META}.Table`]: {
      type: 'object',
      description: 'Server-side printing of objects (Accept: application/json;as=Table;v=v1;g=meta.k8s.io).',
      properties: {
        apiVersion: s('"meta.k8s.io/v1".'),
        kind: s('"Table".'),
        metadata: refWith(`${META}.ListMeta`, 'Standard list metadata.'),
        columnDefinitions: { type: 'array', items: refWith(`${META}.TableColumnDefinition`, 'A column.'), description: 'The columns.' },
        rows: { type: 'array', items: refWith(`${META}.TableRow`, 'A row.'), description: 'The rows.' },
      },
      'x-kubernetes-group-version-kind': [{ group: 'meta.k8s.io', kind: 'Table', version: 'v1' }],
    },
  };
}
