/**
 * OpenAPI v3 in the Kubernetes layout, built from the kinds' TypeBox schemas: `/openapi/v3` lists
 * group-version documents by `serverRelativeURL` (with `?hash=` of the content), and each document
 * carries `x-kubernetes-group-version-kind` on every operation and on each kind's schema — what
 * `kubectl apply/create/explain` and field validation need.
 */
import { createHash } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import type { KindDefinition } from '../kinds/kind-definition.ts';
import type { ApiContext } from './context.ts';
import { isPlainObject } from './object-path.ts';
import type { JsonObject } from './object-path.ts';
import { META, metaDefinitions, ref, refWith } from './openapi-meta.ts';

/** OpenAPI schema name of a kind: `dev.drover.management.v1.Cluster`. */
export function schemaName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

const COPIED = ['description', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'default', 'minItems', 'maxItems'];

/** TypeBox (JSON Schema) → OpenAPI 3.0 schema; shared definitions (`$id`) go to `defs` as refs. */
function convert(schema: TSchema, defs: Record<string, JsonObject>): JsonObject {
  const src = schema as Record<string, unknown>;
  const id = src.$id;
  if (typeof id === 'string') {
    if (defs[id] === undefined) {
      defs[id] = {};
      defs[id] = convert({ ...schema, $id: undefined }, defs);
    }
    return typeof src.description === 'string' ? refWith(id, src.description) : ref(id);
  }
  const out: JsonObject = {};
  for (const k of COPIED) if (src[k] !== undefined) out[k] = src[k];
  const anyOf = src.anyOf;
  if (Array.isArray(anyOf)) {
    const members = anyOf as Record<string, unknown>[];
    if (members.every((m) => typeof m.const === 'string')) return { ...out, type: 'string', enum: members.map((m) => m.const) };
    return { ...out, anyOf: members.map((m) => convert(m as TSchema, defs)) };
  }
  if (typeof src.const === 'string') return { ...out, type: 'string', enum: [src.const] };
  switch (src.type) {
    case 'object': {
      out.type = 'object';
      if (isPlainObject(src.properties)) {
        const props: JsonObject = {};
        for (const [k, v] of Object.entries(src.properties)) props[k] = convert(v as TSchema, defs);
        out.properties = props;
      }
      if (Array.isArray(src.required) && src.required.length > 0) out.required = src.required;
      const pattern = isPlainObject(src.patternProperties) ? Object.values(src.patternProperties)[0] : undefined;
      if (pattern !== undefined) {
        const value = convert(pattern as TSchema, defs);
        out.additionalProperties = Object.keys(value).length === 0 ? { 'x-kubernetes-preserve-unknown-fields': true } : value;
      }
      return out;
    }
    case 'array':
      return { ...out, type: 'array', items: convert(src.items as TSchema, defs) };
    case 'string':
    case 'integer':
    case 'number':
    case 'boolean':
      return { ...out, type: src.type };
    default:
      return out;
  }
}

const param = (name: string, description: string, type = 'string', required = false, location = 'query'): JsonObject => ({
  name,
  in: location,
  description,
  required,
  schema: { type, uniqueItems: true },
});

const WRITE_PARAMS = [
  param('dryRun', 'When present, "All": validate and answer without persisting anything.'),
  param('fieldManager', 'Name of the actor making the change (managedFields); required for apply patches.'),
  param('fieldValidation', 'Unknown fields: Ignore, Warn (default: a Warning header) or Strict (400 naming the field).'),
];
const LIST_PARAMS = [
  param('allowWatchBookmarks', 'Ask for BOOKMARK events on a watch.', 'boolean'),
  param('continue', 'Continue token of the previous page.'),
  param('fieldSelector', 'Field selector over metadata.name and metadata.namespace.'),
  param('labelSelector', 'Label selector.'),
  param('limit', 'Page size.', 'integer'),
  param('resourceVersion', 'Watch: start strictly after this resourceVersion ("0" or absent: current state first).'),
  param('timeoutSeconds', 'End the list/watch after this many seconds.', 'integer'),
  param('watch', 'Stream changes (newline-delimited WatchEvents) instead of listing.', 'boolean'),
];
const DELETE_PARAMS = [
  param('dryRun', 'When present, "All": validate and answer without deleting.'),
  param('gracePeriodSeconds', 'Accepted for compatibility.', 'integer'),
  param('propagationPolicy', 'Orphan, Background or Foreground.'),
];

const json = (schema: JsonObject): JsonObject => ({ 'application/json': { schema }, 'application/yaml': { schema } });
const ok = (schema: JsonObject, code = '200'): JsonObject => ({ [code]: { description: 'OK', content: json(schema) }, '401': { description: 'Unauthorized' } });

function allOperations(def: KindDefinition, namespaced: boolean, collection: boolean, sub: boolean, allNs: boolean): JsonObject {
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const kindRef = ref(schemaName(def.group, def.version, def.kind));
  const listRef = ref(schemaName(def.group, def.version, def.listKind));
  const ns = namespaced ? (allNs ? 'AllNamespaces' : 'Namespaced') : '';
  const suffix = `${def.kind}${sub ? 'Status' : ''}`;
  const op = (action: string, verb: string, extra: JsonObject): JsonObject => ({
    tags: [`${def.group}_${def.version}`],
    operationId: `${verb}${ns}${suffix}`,
    description: `${verb} ${sub ? 'status of the specified' : collection ? 'objects of kind' : 'the specified'} ${def.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  if (collection) {
    const out: JsonObject = { get: op('list', 'list', { parameters: LIST_PARAMS, responses: ok(listRef) }) };
    if (!allNs) {
      out.post = op('post', 'create', { parameters: WRITE_PARAMS, requestBody: { content: json(kindRef), required: true }, responses: ok(kindRef, '201') });
      out.delete = op('deletecollection', 'deletecollection', { parameters: [...DELETE_PARAMS, ...LIST_PARAMS], responses: ok(listRef) });
    }
    return out;
  }
  const patchBody = {
    content: Object.fromEntries(['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'].map((t) => [t, { schema: ref(`${META}.Patch`) }])),
    required: true,
  };
  const out: JsonObject = {
    get: op('get', 'read', { responses: ok(kindRef) }),
    put: op('put', 'replace', { parameters: WRITE_PARAMS, requestBody: { content: json(kindRef), required: true }, responses: ok(kindRef) }),
    patch: op('patch', 'patch', { parameters: [...WRITE_PARAMS, param('force', 'Apply only: take over conflicting fields.', 'boolean')], requestBody: patchBody, responses: ok(kindRef) }),
  };
  if (!sub) out.delete = op('delete', 'delete', { parameters: DELETE_PARAMS, requestBody: { content: json(ref(`${META}.DeleteOptions`)) }, responses: ok(ref(`${META}.Status`)) });
  return out;
}

/** The operations of one path, without those of verbs the kind does not serve. */
function operations(def: KindDefinition, namespaced: boolean, collection: boolean, sub: boolean, allNs: boolean): JsonObject {
  const out = allOperations(def, namespaced, collection, sub, allNs);
  if (sub) return out;
  const verbOf: Record<string, string> = collection ? { get: 'list', post: 'create', delete: 'deletecollection' } : { get: 'get', put: 'update', patch: 'patch', delete: 'delete' };
  for (const [method, verb] of Object.entries(verbOf)) if (!(def.verbs as readonly string[]).includes(verb)) delete out[method];
  return out;
}

function pathParams(namespaced: boolean, named: boolean): JsonObject[] {
  const out: JsonObject[] = [];
  if (named) out.push(param('name', 'Name of the object.', 'string', true, 'path'));
  if (namespaced) out.push(param('namespace', 'Namespace: the name of the Cluster.', 'string', true, 'path'));
  out.push(param('pretty', 'Accepted for compatibility.'));
  return out;
}

function kindPaths(def: KindDefinition): Record<string, JsonObject> {
  const base = `/apis/${def.group}/${def.version}`;
  const scoped = def.namespaced ? `${base}/namespaces/{namespace}/${def.plural}` : `${base}/${def.plural}`;
  const paths: Record<string, JsonObject> = {
    [scoped]: { ...operations(def, def.namespaced, true, false, false), parameters: pathParams(def.namespaced, false) },
    [`${scoped}/{name}`]: { ...operations(def, def.namespaced, false, false, false), parameters: pathParams(def.namespaced, true) },
  };
  if (def.statusSubresource) paths[`${scoped}/{name}/status`] = { ...operations(def, def.namespaced, false, true, false), parameters: pathParams(def.namespaced, true) };
  if (def.namespaced) paths[`${base}/${def.plural}`] = { ...operations(def, true, true, false, true), parameters: pathParams(false, false) };
  return paths;
}

/** The group-version document for the kinds. */
export function groupVersionDocument(kinds: readonly KindDefinition[]): JsonObject {
  const defs: Record<string, JsonObject> = metaDefinitions();
  let paths: Record<string, JsonObject> = {};
  for (const def of kinds) {
    const kindSchema = convert(def.schema, defs);
    kindSchema['x-kubernetes-group-version-kind'] = [{ group: def.group, kind: def.kind, version: def.version }];
    defs[schemaName(def.group, def.version, def.kind)] = kindSchema;
    defs[schemaName(def.group, def.version, def.listKind)] = {
      type: 'object',
      description: `A list of ${def.kind} objects.`,
      required: ['items'],
      properties: {
        apiVersion: { type: 'string', description: 'APIVersion of this list.' },
        kind: { type: 'string', description: `"${def.listKind}".` },
        metadata: refWith(`${META}.ListMeta`, 'Standard list metadata.'),
        items: { type: 'array', description: `The ${def.plural}.`, items: ref(schemaName(def.group, def.version, def.kind)) },
      },
      'x-kubernetes-group-version-kind': [{ group: def.group, kind: def.listKind, version: def.version }],
    };
    paths = { ...paths, ...kindPaths(def) };
  }
  const first = kinds[0];
  return {
    openapi: '3.0.0',
    info: { title: 'Drover management API', version: first?.version ?? 'v1' },
    paths,
    components: { schemas: Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b))) },
  };
}

export interface OpenApiDocuments {
  /** `/openapi/v3` */
  index: JsonObject;
  /** group-version path (`apis/management.drover.dev/v1`) → serialized document and its hash. */
  documents: Map<string, { body: string; hash: string }>;
}

/** Builds every document once (the kinds do not change while the server runs). */
export function buildOpenApi(ctx: ApiContext): OpenApiDocuments {
  const byGroupVersion = new Map<string, KindDefinition[]>();
  for (const { def } of ctx.kinds.values()) {
    const key = `apis/${def.group}/${def.version}`;
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), def]);
  }
  const documents = new Map<string, { body: string; hash: string }>();
  const index: Record<string, JsonObject> = {};
  for (const [key, kinds] of byGroupVersion) {
    const body = JSON.stringify(groupVersionDocument(kinds));
    const hash = createHash('sha512').update(body).digest('hex').toUpperCase();
    documents.set(key, { body, hash });
    index[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { index: { paths: index }, documents };
}
