/**
 * The read-modify-write every update goes through (PUT, PATCH, server-side apply on an existing
 * object): preconditions, status-subresource rules, validation, hooks, generation, managedFields,
 * no-op detection, dry run, and retries when a concurrent writer won the race.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { StoredObject } from '@drover/store';
import { conflict, invalid } from '../errors-kube.ts';
import { formatManagedFields, parseManagedFields, recordUpdate } from './managed-fields.ts';
import type { FieldsEntry, ManagerRef } from './managed-fields.ts';
import { decodeObjectBody } from './negotiate.ts';
import { clone, deepEqual, deleteDotted, metaOf } from './object-path.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { stripSecretFields } from './secret-fields.ts';
import { authorizeVerb, dryRunOf, fieldManagerOf, fieldValidationOf, getVisible, present, rethrow, subjectOf, writeContext } from './resource-request.ts';
import { carryServerMeta, checkName, checkTypeMeta, placeNamespace, pruneIncoming, specChanged, validateObject } from './write-common.ts';

export interface Mutated {
  /** The object as the client wants it (before status-subresource rules). */
  candidate: JsonObject;
  /** A client resourceVersion to hold the write to (409 when stale). */
  precondition: string | undefined;
  /** Managed fields computed by the mutation (server-side apply); otherwise recorded as an Update. */
  entries?: FieldsEntry[];
}

export type Mutate = (current: StoredObject) => Mutated | Promise<Mutated>;

export function managerRef(r: ResourceRequest, manager = fieldManagerOf(r)): ManagerRef {
  return {
    manager,
    subresource: r.subresource ?? '',
    apiVersion: `${r.kind.def.group}/${r.kind.def.version}`,
    now: r.ctx.now(),
    scope: r.subresource === 'status' ? 'status' : 'main',
    statusSubresource: r.kind.def.statusSubresource,
  };
}

/** Applies `mutate` to the current object and stores the result; returns it as presented. */
export async function updateObject(r: ResourceRequest, mutate: Mutate, dryRun: boolean): Promise<JsonObject> {
  const ref = managerRef(r);
  for (let attempt = 0; ; attempt++) {
    const current = await getVisible(r);
    const { candidate, precondition, entries } = await mutate(clone(current));
    if (precondition !== undefined && precondition !== '' && precondition !== current.metadata.resourceVersion) throw conflict(subjectOf(r));
    checkName(r, candidate);
    placeNamespace(r, candidate);

    let next: JsonObject;
    if (r.subresource === 'status') {
      next = clone(current);
      if (candidate.status === undefined) delete next.status;
      else next.status = candidate.status;
    } else {
      next = candidate;
      carryServerMeta(next, current);
      if (r.kind.def.statusSubresource) {
        if (current.status === undefined) delete next.status;
        else next.status = clone(current.status);
      }
    }
    next.apiVersion = `${r.kind.def.group}/${r.kind.def.version}`;
    next.kind = r.kind.def.kind;
    validateObject(r, next);
    if (r.kind.hooks.beforeUpdate) await r.kind.hooks.beforeUpdate(next, current, writeContext(r, dryRun));
    deleteDotted(next, r.kind.def.neverStored);
    stripSecretFields(next, r.kind.def.secretFields);
    const generation = typeof current.metadata.generation === 'number' ? current.metadata.generation : 1;
    metaOf(next).generation = specChanged(r, current, next) ? generation + 1 : generation;
    const recorded = entries ?? recordUpdate(parseManagedFields(current.metadata.managedFields), current, next, ref);
    const managed = formatManagedFields(recorded);
    if (managed.length > 0) metaOf(next).managedFields = managed;
    else delete metaOf(next).managedFields;
    stripSecretFields(next, r.kind.def.secretFields); // server-side apply records the fields it was given

    if (deepEqual(next, current)) return present(r.kind, current);
    if (dryRun) return present(r.kind, next);
    try {
      const stored = await r.ctx.store.update(r.kind.resource, next as StoredObject, { expectedResourceVersion: current.metadata.resourceVersion });
      return present(r.kind, stored);
    } catch (err) {
      const raced = isStoreError(err, StoreErrorCode.CONFLICT);
      if (!raced || (precondition !== undefined && precondition !== '') || attempt >= r.ctx.limits.updateRetries) rethrow(r, err);
    }
  }
}

/** PUT of an object (or its /status) → 200 with the stored object. */
export async function handleReplace(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined): Promise<JsonObject> {
  const dryRun = dryRunOf(r.query);
  const mode = fieldValidationOf(r.query);
  const obj = decodeObjectBody(body, contentType);
  checkTypeMeta(r, obj);
  pruneIncoming(r, obj, mode);
  checkName(r, obj);
  // 404 before 403: an object the caller may not see answers like a missing one.
  await getVisible(r);
  await authorizeVerb(r, 'update');
  const rv = metaOf(obj).resourceVersion;
  return updateObject(r, () => {
    // As kube-apiserver does for custom resources: a replace of an existing object must say
    // which version it replaces (a missing object is still a 404).
    if (typeof rv !== 'string' || rv === '') {
      throw invalid(subjectOf(r), [{ reason: 'FieldValueInvalid', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' }]);
    }
    return { candidate: clone(obj), precondition: rv };
  }, dryRun);
}
