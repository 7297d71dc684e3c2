/**
 * PATCH: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and server-side apply
 * (`application/apply-patch+yaml`). Strategic merge patch is refused with 415, as for custom
 * resources. A `metadata.resourceVersion` in the patch is a precondition.
 */
import jsonpatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { DroverError } from '../errors.ts';
import { badRequest } from '../errors-kube.ts';
import { createObject } from './handler-create.ts';
import { managerRef, updateObject } from './handler-update.ts';
import { applyConfig, formatManagedFields } from './managed-fields.ts';
import { decodeBody, patchTypeOf } from './negotiate.ts';
import { clone, isPlainObject, metaOf } from './object-path.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { authorizeVerb, dryRunOf, fieldValidationOf, getVisible, rethrow } from './resource-request.ts';
import type { FieldValidation } from './validation.ts';
import { checkName, checkTypeMeta, pruneIncoming } from './write-common.ts';

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return clone(patch);
  const out: JsonObject = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function applyJsonPatch(doc: JsonObject, ops: unknown[]): JsonObject {
  try {
    const result = jsonpatch.applyPatch(doc, ops as Operation[], true, true).newDocument as unknown;
    if (!isPlainObject(result)) throw new Error('the patch replaced the whole object with a non-object');
    return result;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
    throw new DroverError('DROVER_ERR_API_INVALID', `the JSON patch could not be applied: ${msg}`, { cause: err });
  }
}

export interface PatchResult {
  code: 200 | 201;
  body: JsonObject;
}

export async function handlePatch(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined): Promise<PatchResult> {
  const type = patchTypeOf(contentType);
  const dryRun = dryRunOf(r.query);
  const mode = fieldValidationOf(r.query);
  if (type === 'apply') return handleApply(r, body, contentType, dryRun, mode);
  await getVisible(r); // 404 before 403: an object the caller may not see answers like a missing one
  await authorizeVerb(r, 'patch');
  if (r.query.force !== undefined) throw badRequest('force: Invalid value: force is only supported for apply patches');
  const patch = decodeBody(body, contentType, false);
  if (type === 'merge' && !isPlainObject(patch)) throw badRequest('a merge patch must be a JSON object');
  if (type === 'json' && !Array.isArray(patch)) throw badRequest('a JSON patch must be a JSON array of operations');
  const result = await updateObject(
    r,
    (current) => {
      const base = current as unknown as JsonObject;
      const candidate = type === 'merge' ? (mergePatch(base, patch) as JsonObject) : applyJsonPatch(base, patch as unknown[]);
      checkTypeMeta(r, candidate);
      pruneIncoming(r, candidate, mode);
      const rv = metaOf(candidate).resourceVersion;
      return { candidate, precondition: typeof rv === 'string' ? rv : undefined };
    },
    dryRun,
  );
  return { code: 200, body: result };
}

async function handleApply(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined, dryRun: boolean, mode: FieldValidation): Promise<PatchResult> {
  const manager = r.query.fieldManager;
  if (manager === undefined || manager === '') throw badRequest('PATCH /apply requires fieldManager: fieldManager is required for apply requests');
  const force = r.query.force === 'true';
  const cfg = decodeBody(body, contentType, true);
  if (!isPlainObject(cfg)) throw badRequest('an apply configuration must be an object');
  if (cfg.apiVersion === undefined || cfg.kind === undefined) throw badRequest('apiVersion and kind must be set in an apply configuration');
  checkTypeMeta(r, cfg);
  pruneIncoming(r, cfg, mode);
  checkName(r, cfg);
  const ref = managerRef(r, manager);
  const rv = metaOf(cfg).resourceVersion;
  const precondition = typeof rv === 'string' ? rv : undefined;

  // An object the caller may not see is treated as absent: the apply becomes a create (asking
  // only `create`), which answers 409 AlreadyExists for a taken name exactly as POST does —
  // never a 403 that tells a hidden object from a missing one.
  let exists: boolean;
  try {
    const current = await r.ctx.store.tryGet(r.kind.resource, r.namespace ?? '', r.name ?? '');
    exists = current !== undefined && (await r.ctx.authorizer.canSee(r.user, r.kind.def.plural, current));
  } catch (err) {
    rethrow(r, err);
  }
  if (exists || r.subresource !== undefined) await authorizeVerb(r, 'patch');
  if (!exists && r.subresource === undefined) {
    await authorizeVerb(r, 'create');
    const base: JsonObject = { apiVersion: cfg.apiVersion, kind: cfg.kind, metadata: { name: r.name } };
    const { object, entries } = applyConfig(base, cfg, ref, force);
    const created = await createObject(r, object, { dryRun, managedFields: () => formatManagedFields(entries) });
    return { code: 201, body: created };
  }
  const result = await updateObject(
    r,
    (current) => {
      const { object, entries } = applyConfig(current, cfg, ref, force);
      return { candidate: object, precondition, entries };
    },
    dryRun,
  );
  return { code: 200, body: result };
}
