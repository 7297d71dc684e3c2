/**
 * Steps shared by every write: type-meta checks, unknown-field pruning per `fieldValidation`,
 * schema + metadata validation, server-owned metadata, generation, the namespace check.
 */
import type { StoredObject } from '@drover/store';
import { DroverError } from '../errors.ts';
import { badRequest, invalid, namespaceNotFound } from '../errors-kube.ts';
import { deepEqual, isPlainObject, metaOf } from './object-path.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { subjectOf } from './resource-request.ts';
import { pruneUnknownFields, validate, validateMetadata } from './validation.ts';
import type { FieldValidation } from './validation.ts';

/** Metadata fields only the server sets. */
export const SERVER_META = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields'] as const;

/** Checks (or fills in) apiVersion and kind of a request body. */
export function checkTypeMeta(r: ResourceRequest, obj: JsonObject): void {
  const want = `${r.kind.def.group}/${r.kind.def.version}`;
  if (obj.apiVersion === undefined || obj.apiVersion === '') obj.apiVersion = want;
  if (obj.kind === undefined || obj.kind === '') obj.kind = r.kind.def.kind;
  if (obj.apiVersion !== want || obj.kind !== r.kind.def.kind) {
    throw badRequest(
      `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want}) or the kind (${String(obj.kind)}) is not ${r.kind.def.kind}`,
    );
  }
}

/**
 * Removes fields the schema does not declare. Strict: 400 naming them; Warn: a Warning each;
 * Ignore: silently. They are never stored either way.
 */
export function pruneIncoming(r: ResourceRequest, obj: JsonObject, mode: FieldValidation): void {
  const unknown = pruneUnknownFields(r.kind.def.schema, obj);
  if (unknown.length === 0 || mode === 'Ignore') return;
  if (mode === 'Strict') {
    const list = unknown.map((f) => `unknown field "${f}"`).join(', ');
    throw badRequest(`${r.kind.def.kind} in version "${r.kind.def.version}" cannot be handled as a ${r.kind.def.kind}: strict decoding error: ${list}`, {
      causes: unknown.map((f) => ({ reason: 'FieldValueInvalid', message: `unknown field "${f}"`, field: f })),
    });
  }
  for (const f of unknown) r.warnings.push(`unknown field "${f}"`);
}

/** Schema and metadata validation of the object about to be stored: 422 Invalid with causes. */
export function validateObject(r: ResourceRequest, obj: JsonObject): void {
  const causes = [...validate(r.kind.validator, obj), ...validateMetadata(metaOf(obj), r.kind.def.plural === 'clusters')];
  if (causes.length > 0) {
    const name = typeof metaOf(obj).name === 'string' ? (metaOf(obj).name as string) : undefined;
    throw invalid(subjectOf(r, name), causes);
  }
}

/** The fields that count as "spec" for `generation`: everything but metadata (and status with a status subresource). */
export function specChanged(r: ResourceRequest, prev: JsonObject, next: JsonObject): boolean {
  const strip = (o: JsonObject): JsonObject => {
    const c: JsonObject = { ...o };
    delete c.metadata;
    delete c.apiVersion;
    delete c.kind;
    if (r.kind.def.statusSubresource) delete c.status;
    return c;
  };
  return !deepEqual(strip(prev), strip(next));
}

/**
 * Reconciles a body's metadata.namespace with the URL: namespaced kinds take the URL's (a different
 * one is a 400), cluster-scoped kinds have none.
 */
export function placeNamespace(r: ResourceRequest, obj: JsonObject): void {
  const meta = metaOf(obj);
  if (!r.kind.def.namespaced) {
    delete meta.namespace;
    return;
  }
  const given = meta.namespace;
  if (given !== undefined && given !== '' && given !== r.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  meta.namespace = r.namespace;
}

/** A body's name must equal the URL's. */
export function checkName(r: ResourceRequest, obj: JsonObject): void {
  const name = metaOf(obj).name;
  if (name === undefined || name === '') {
    metaOf(obj).name = r.name;
    return;
  }
  if (name !== r.name) throw badRequest(`the name of the object (${JSON.stringify(name)}) does not match the name on the URL (${r.name ?? ''})`);
}

/**
 * For namespaced kinds: the namespace is an existing Cluster the caller can see (else 404 like a
 * missing Kubernetes namespace), and not being deleted (else 403, as Kubernetes).
 */
export async function ensureNamespace(r: ResourceRequest): Promise<void> {
  if (!r.kind.def.namespaced) return;
  const ns = r.namespace ?? '';
  const clusters = r.ctx.clusters;
  if (clusters === undefined) return;
  let cluster: StoredObject;
  try {
    cluster = await r.ctx.store.get(clusters.resource, '', ns);
  } catch {
    throw namespaceNotFound(ns);
  }
  if (!(await r.ctx.authorizer.canSee(r.user, 'clusters', cluster))) throw namespaceNotFound(ns);
  if (cluster.metadata.deletionTimestamp !== undefined) {
    throw new DroverError('DROVER_ERR_API_FORBIDDEN', `${r.kind.def.plural}.${r.kind.def.group} "${String(r.name ?? '')}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`, {
      details: { group: r.kind.def.group, kind: r.kind.def.plural },
    });
  }
}

/** Copies the server-owned metadata of `from` onto `to` (uid, creationTimestamp, generation, …). */
export function carryServerMeta(to: JsonObject, from: JsonObject): void {
  const tm = metaOf(to);
  const fm = isPlainObject(from.metadata) ? from.metadata : {};
  for (const k of SERVER_META) {
    if (fm[k] === undefined) delete tm[k];
    else tm[k] = fm[k];
  }
}
