/**
 * create (POST) and the create half of server-side apply: defaults of server-owned metadata,
 * generateName, validation, the namespace check, hooks, dry run.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { StoredObject } from '@drover/store';
import { alreadyExists } from '../errors-kube.ts';
import { formatManagedFields, metaTime, recordUpdate } from './managed-fields.ts';
import { decodeObjectBody } from './negotiate.ts';
import { deleteDotted, isPlainObject, metaOf } from './object-path.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { stripSecretFields } from './secret-fields.ts';
import { authorizeVerb, dryRunOf, fieldManagerOf, fieldValidationOf, present, rethrow, subjectOf, writeContext } from './resource-request.ts';
import { SERVER_META, checkTypeMeta, ensureNamespace, placeNamespace, pruneIncoming, validateObject } from './write-common.ts';

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Five characters from Kubernetes' generateName alphabet (no vowels, no look-alikes). */
function nameSuffix(): string {
  return [...randomBytes(5)].map((b) => SUFFIX_ALPHABET[b % SUFFIX_ALPHABET.length]).join('');
}

export interface CreateOptions {
  dryRun: boolean;
  /** metadata.managedFields for the object about to be stored. */
  managedFields(obj: JsonObject): JsonObject[];
}

function deepMerge(into: JsonObject, extra: JsonObject): void {
  for (const [k, v] of Object.entries(extra)) {
    const cur = into[k];
    if (isPlainObject(cur) && isPlainObject(v)) deepMerge(cur, v);
    else into[k] = v;
  }
}

/** Stores a new object (already decoded, type-checked and pruned); returns it as presented. */
export async function createObject(r: ResourceRequest, obj: JsonObject, opts: CreateOptions): Promise<JsonObject> {
  placeNamespace(r, obj);
  const meta = metaOf(obj);
  for (const k of SERVER_META) delete meta[k];
  if (r.kind.def.statusSubresource) delete obj.status;
  const generated = (meta.name === undefined || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '';
  if (generated) meta.name = `${meta.generateName as string}${nameSuffix()}`;
  if (typeof meta.name === 'string') r.createdName = meta.name;
  validateObject(r, obj);
  const name = meta.name as string;
  await ensureNamespace(r);
  const ctx = writeContext(r, opts.dryRun);
  if (r.kind.hooks.beforeCreate) await r.kind.hooks.beforeCreate(obj, ctx);
  deleteDotted(obj, r.kind.def.neverStored);
  stripSecretFields(obj, r.kind.def.secretFields);
  meta.generation = 1;
  meta.managedFields = opts.managedFields(obj);
  stripSecretFields(obj, r.kind.def.secretFields); // server-side apply records the fields it was given

  if (opts.dryRun) {
    let existing: StoredObject | undefined;
    try {
      existing = await r.ctx.store.tryGet(r.kind.resource, r.namespace ?? '', name);
    } catch (err) {
      rethrow(r, err, name);
    }
    if (existing !== undefined) throw alreadyExists(subjectOf(r, name));
    meta.uid = randomUUID();
    meta.creationTimestamp = metaTime(r.ctx.now());
    return present(r.kind, obj);
  }

  let stored: StoredObject | undefined;
  for (let attempt = 0; stored === undefined; attempt++) {
    try {
      stored = await r.ctx.store.create(r.kind.resource, obj as StoredObject);
    } catch (err) {
      if (generated && attempt < 3 && isStoreError(err, StoreErrorCode.ALREADY_EXISTS)) {
        meta.name = `${meta.generateName as string}${nameSuffix()}`;
        r.createdName = meta.name as string;
        continue;
      }
      rethrow(r, err, meta.name as string);
    }
  }
  const extra = r.kind.hooks.afterCreate ? await r.kind.hooks.afterCreate(stored, ctx) : undefined;
  const out = present(r.kind, stored);
  if (isPlainObject(extra)) deepMerge(out, extra);
  return out;
}

/** POST to a collection → 201 with the created object. */
export async function handleCreate(r: ResourceRequest, body: Buffer | undefined, contentType: string | undefined): Promise<JsonObject> {
  await authorizeVerb(r, 'create');
  const dryRun = dryRunOf(r.query);
  const mode = fieldValidationOf(r.query);
  const obj = decodeObjectBody(body, contentType);
  checkTypeMeta(r, obj);
  pruneIncoming(r, obj, mode);
  const ref = {
    manager: fieldManagerOf(r),
    subresource: '',
    apiVersion: `${r.kind.def.group}/${r.kind.def.version}`,
    now: r.ctx.now(),
    scope: 'main' as const,
    statusSubresource: r.kind.def.statusSubresource,
  };
  return createObject(r, obj, { dryRun, managedFields: (o) => formatManagedFields(recordUpdate([], undefined, o, ref)) });
}
