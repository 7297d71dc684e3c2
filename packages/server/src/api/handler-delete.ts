/**
 * DELETE of an object (DeleteOptions in the body and/or query) and of a collection
 * (deletecollection). Objects with finalizers only get a deletionTimestamp; the rest are removed.
 * Like custom resources in Kubernetes: a removal answers a `Status` Success naming the uid, a
 * pending deletion answers the object.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { StoredObject } from '@drover/store';
import { badRequest, conflict } from '../errors-kube.ts';
import { metaTime } from './managed-fields.ts';
import { decodeBody } from './negotiate.ts';
import { clone, isPlainObject, str } from './object-path.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { authorizeVerb, dryRunOf, getVisible, present, rethrow, subjectOf, writeContext } from './resource-request.ts';

interface DeleteOptions {
  dryRun: boolean;
  uid: string | undefined;
  resourceVersion: string | undefined;
}

const POLICIES = new Set(['Orphan', 'Background', 'Foreground']);

/** Reads DeleteOptions from the body (optional) and the query. */
export function deleteOptionsOf(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined): DeleteOptions {
  let opts: JsonObject = {};
  if (body !== undefined && body.length > 0 && body.toString('utf8').trim() !== '') {
    const decoded = decodeBody(body, contentType, true);
    if (!isPlainObject(decoded)) throw badRequest('DeleteOptions must be a JSON object');
    opts = decoded;
  }
  const policy = str(opts, 'propagationPolicy') ?? r.query.propagationPolicy;
  if (policy !== undefined && policy !== '' && !POLICIES.has(policy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  const grace = opts.gracePeriodSeconds ?? r.query.gracePeriodSeconds;
  if (grace !== undefined && grace !== '' && !Number.isInteger(Number(grace))) throw badRequest('gracePeriodSeconds must be an integer');
  const bodyDryRun = Array.isArray(opts.dryRun) && opts.dryRun.includes('All');
  const pre = isPlainObject(opts.preconditions) ? opts.preconditions : {};
  return { dryRun: bodyDryRun || dryRunOf(r.query), uid: str(pre, 'uid'), resourceVersion: str(pre, 'resourceVersion') };
}

function successStatus(r: ResourceRequest, obj: StoredObject): JsonObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata.name, group: r.kind.def.group, kind: r.kind.def.plural, uid: obj.metadata.uid },
  };
}

async function deleteOne(r: ResourceRequest, current: StoredObject, opts: DeleteOptions): Promise<JsonObject> {
  const name = current.metadata.name;
  if (opts.uid !== undefined && opts.uid !== current.metadata.uid) {
    throw conflict(subjectOf(r, name), `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  if (opts.resourceVersion !== undefined && opts.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      subjectOf(r, name),
      `Precondition failed: ResourceVersion in precondition: ${opts.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  if (r.kind.hooks.beforeDelete) await r.kind.hooks.beforeDelete(current, writeContext(r, opts.dryRun));
  const pending = (current.metadata.finalizers ?? []).length > 0;
  if (opts.dryRun) {
    if (!pending) return successStatus(r, current);
    const marked = clone(current);
    marked.metadata.deletionTimestamp ??= metaTime(r.ctx.now());
    return present(r.kind, marked);
  }
  const namespace = current.metadata.namespace ?? '';
  let expected = opts.resourceVersion ?? current.metadata.resourceVersion;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await r.ctx.store.delete(r.kind.resource, namespace, name, { expectedResourceVersion: expected });
      return result.removed ? successStatus(r, result.object) : present(r.kind, result.object);
    } catch (err) {
      // Without a resourceVersion precondition the caller asked to delete whatever is there, as
      // kube-apiserver does: a controller's status write between the read and the delete (a new
      // Cluster's CA checksum) is not the caller's conflict. The same object (uid) is retried.
      if (opts.resourceVersion === undefined && attempt < MAX_DELETE_ATTEMPTS && isStoreError(err, StoreErrorCode.CONFLICT)) {
        const latest = await r.ctx.store.tryGet(r.kind.resource, namespace, name).catch(() => undefined);
        if (latest !== undefined && latest.metadata.uid === current.metadata.uid) {
          expected = latest.metadata.resourceVersion;
          continue;
        }
      }
      rethrow(r, err, name);
    }
  }
}

/** Tries of a delete without a resourceVersion precondition that keeps meeting concurrent writes. */
const MAX_DELETE_ATTEMPTS = 5;

export async function handleDelete(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined): Promise<JsonObject> {
  // Visibility first, as for get: an object the caller may not see is a 404 like a missing one.
  const current = await getVisible(r);
  await authorizeVerb(r, 'delete');
  const opts = deleteOptionsOf(r, body, contentType);
  return deleteOne(r, current, opts);
}

/** DELETE on a collection: deletes every visible object matching the selectors; answers the list. */
export async function handleDeleteCollection(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined): Promise<JsonObject> {
  await authorizeVerb(r, 'deletecollection');
  const opts = deleteOptionsOf(r, body, contentType);
  let listed;
  try {
    listed = await r.ctx.store.list(r.kind.resource, {
      ...(r.namespace === undefined ? {} : { namespace: r.namespace }),
      ...(r.query.labelSelector ? { labelSelector: r.query.labelSelector } : {}),
      ...(r.query.fieldSelector ? { fieldSelector: r.query.fieldSelector } : {}),
    });
  } catch (err) {
    rethrow(r, err);
  }
  const items: JsonObject[] = [];
  for (const obj of listed.items) {
    if (!(await r.ctx.authorizer.canSee(r.user, r.kind.def.plural, obj))) continue;
    const out = await deleteOne(r, obj, opts);
    items.push(out.kind === 'Status' ? present(r.kind, obj) : out);
  }
  return { kind: r.kind.def.listKind, apiVersion: `${r.kind.def.group}/${r.kind.def.version}`, metadata: { resourceVersion: listed.resourceVersion }, items };
}
