/**
 * The write operations (create, update, delete) and get, run inside one database transaction.
 * Every failure is detected before anything is written, so a caller's transaction that catches
 * a StoreError and goes on has consumed no resourceVersion.
 */
import { StoreError, StoreErrorCode } from './errors.ts';
import { insertRows, lockWriters, readLatest, readLatestMany, writeMeta } from './log-queries.ts';
import type { Db, LogRow } from './log-queries.ts';
import { latestKey } from './latest-cache.ts';
import type { LatestCache } from './latest-cache.ts';
import type { ReadRows } from './read-batcher.ts';
import type { DialectKind } from './schema.ts';
import type { DeleteResult, KubeObject, ObjectKey, PreconditionOptions, StoredObject } from './types.ts';

/** Where the newest row of a key is read: the database, through the cache when there is one. */
export interface Reader {
  readonly db: Db;
  readonly kind: DialectKind;
  /** How rows are read outside a transaction without a cache: merged (read-batcher.ts, PostgreSQL). */
  readonly readMany?: ReadRows | undefined;
  /** SQLite's cache of newest rows (latest-cache.ts); none on PostgreSQL. */
  readonly cache?: LatestCache | undefined;
  /** Rows this transaction wrote, by cache key; merged into the cache before COMMIT. */
  readonly overlay?: Map<string, LogRow> | undefined;
  /** Rows StoreTx.prefetch read, by cache key (null: no row); a write of the key drops its entry. */
  readonly prefetched?: Map<string, LogRow | null> | undefined;
  /** Newest rows under the writer lock, by cache key (null: no row): prefetched for writing, or written. */
  readonly known?: Map<string, LogRow | null> | undefined;
  /** Rows this transaction wrote and has not inserted yet: inserted together before the next read of the database. */
  readonly pending?: LogRow[] | undefined;
}

/** Inserts the rows a transaction's writes left pending (one statement for many on PostgreSQL). */
async function insertPending(r: Reader): Promise<void> {
  if (r.pending === undefined || r.pending.length === 0) return;
  const rows = r.pending.splice(0);
  await insertRows(r.db, r.kind, rows);
}

/** The newest row of a key: this transaction's own write, else the cache, else the database. */
export async function latestRow(r: Reader, resource: string, namespace: string, name: string): Promise<LogRow | undefined> {
  await insertPending(r);
  if (r.cache === undefined) return r.readMany === undefined ? readLatest(r.db, resource, namespace, name) : (await r.readMany([{ resource, namespace, name }]))[0];
  const key = latestKey(resource, namespace, name);
  const hit = r.overlay?.get(key) ?? r.cache.get(key);
  if (hit !== undefined) return hit;
  const generation = r.cache.generation;
  const row = await readLatest(r.db, resource, namespace, name);
  if (row !== undefined) r.cache.fill(key, row, generation);
  return row;
}

/** The newest rows of `keys`, by position: as latestRow, the misses read in one query per 100 keys. */
export async function latestRows(r: Reader, keys: readonly ObjectKey[]): Promise<(LogRow | undefined)[]> {
  await insertPending(r);
  if (r.cache === undefined) return (r.readMany ?? ((ks) => readLatestMany(r.db, r.kind, ks)))(keys);
  const out = keys.map((k) => {
    const key = latestKey(k.resource, k.namespace, k.name);
    return r.overlay?.get(key) ?? r.cache!.get(key);
  });
  const missing = keys.filter((_, i) => out[i] === undefined);
  if (missing.length === 0) return out;
  const generation = r.cache.generation;
  const read = await readLatestMany(r.db, r.kind, missing);
  let next = 0;
  return out.map((hit, i) => {
    if (hit !== undefined) return hit;
    const row = read[next++];
    const k = keys[i]!;
    if (row !== undefined) r.cache!.fill(latestKey(k.resource, k.namespace, k.name), row, generation);
    return row;
  });
}

/** State of one write transaction. */
export interface WriteContext extends Reader {
  readonly db: Db;
  readonly kind: DialectKind;
  readonly now: () => Date;
  readonly newUid: () => string;
  /** Whether this transaction holds the writer lock yet. */
  locked: boolean;
  /**
   * The store-wide counter as this transaction sees it: read when it took the lock, advanced by
   * each write here, stored back once before COMMIT ({@link flushWrites}), not once per write.
   */
  counter: number;
  /** The counter value this transaction has stored in `meta` (0: none yet). */
  storedCounter: number;
  /** The highest resourceVersion written in this transaction (0 when none). */
  lastRv: number;
  /** Created by the transaction's first prefetch. */
  prefetched?: Map<string, LogRow | null> | undefined;
  /** Created by the first write or prefetch for writing. */
  known?: Map<string, LogRow | null> | undefined;
  /** Created by the first write. */
  pending?: LogRow[] | undefined;
}

/**
 * Inserts the pending rows and stores the counter this transaction advanced; before COMMIT, and
 * before anything in the transaction reads them (a list).
 */
export async function flushWrites(ctx: WriteContext): Promise<void> {
  await insertPending(ctx);
  if (ctx.lastRv > ctx.storedCounter) {
    await writeMeta(ctx.db, 'rv', ctx.lastRv);
    ctx.storedCounter = ctx.lastRv;
  }
}

/** Kubernetes timestamps are RFC 3339 with second precision. */
function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Parses stored object JSON. @throws StoreError BACKEND when the row is unreadable. */
export function parseStored(data: string): StoredObject {
  try {
    return JSON.parse(data) as StoredObject;
  } catch (err) {
    throw new StoreError(StoreErrorCode.BACKEND, 'stored object is not valid JSON', { cause: err });
  }
}

/** @throws StoreError INVALID unless `resource` is a non-empty string. */
export function checkResource(resource: unknown): asserts resource is string {
  if (typeof resource !== 'string' || resource === '') {
    throw new StoreError(StoreErrorCode.INVALID, 'resource must be a non-empty string');
  }
}

/** Validates and deep-copies an object given by a caller; returns the copy and its key. */
function intake(resource: string, obj: KubeObject): { copy: KubeObject; namespace: string; name: string } {
  checkResource(resource);
  const meta: unknown = (obj as Partial<KubeObject> | null)?.metadata;
  if (typeof meta !== 'object' || meta === null) {
    throw new StoreError(StoreErrorCode.INVALID, 'object must have metadata');
  }
  const { name, namespace } = meta as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string' || name === '') throw new StoreError(StoreErrorCode.INVALID, 'metadata.name must be a non-empty string');
  if (namespace !== undefined && typeof namespace !== 'string') {
    throw new StoreError(StoreErrorCode.INVALID, 'metadata.namespace must be a string');
  }
  let copy: KubeObject;
  try {
    copy = JSON.parse(JSON.stringify(obj)) as KubeObject;
  } catch (err) {
    throw new StoreError(StoreErrorCode.INVALID, 'object is not JSON-serialisable', { cause: err });
  }
  return { copy, namespace: namespace ?? '', name };
}

function checkPrecondition(latest: LogRow, options: PreconditionOptions | undefined): void {
  const expected = options?.expectedResourceVersion;
  if (expected !== undefined && expected !== String(latest.rv)) {
    throw new StoreError(
      StoreErrorCode.CONFLICT,
      `${latest.resource} ${latest.namespace}/${latest.name}: resourceVersion is ${latest.rv}, expected ${expected}`,
    );
  }
}

function notFound(resource: string, namespace: string, name: string): StoreError {
  return new StoreError(StoreErrorCode.NOT_FOUND, `${resource} ${namespace === '' ? '' : `${namespace}/`}${name} not found`);
}

/**
 * The newest row of a key for a write, read under the writer lock unless it is known from under
 * it. A row prefetched without the lock is dropped: it may be older (PostgreSQL), and a caller
 * retrying after a conflict must not get it again from tryGet.
 */
async function newestForWrite(ctx: WriteContext, resource: string, namespace: string, name: string): Promise<LogRow | undefined> {
  const key = latestKey(resource, namespace, name);
  ctx.prefetched?.delete(key);
  const known = ctx.known?.get(key);
  return known === undefined ? latestRow(ctx, resource, namespace, name) : (known ?? undefined);
}

async function live(ctx: WriteContext, resource: string, namespace: string, name: string): Promise<LogRow> {
  const latest = await newestForWrite(ctx, resource, namespace, name);
  if (latest === undefined || latest.type === 'DELETED') throw notFound(resource, namespace, name);
  return latest;
}

/** Writes a row: inserted with the transaction's next read or at its end (insertPending). */
function append(
  ctx: WriteContext,
  key: { resource: string; namespace: string; name: string },
  type: LogRow['type'],
  prevRv: number | null,
  obj: KubeObject,
): StoredObject {
  const rv = ctx.counter + 1;
  obj.metadata.resourceVersion = String(rv);
  const row: LogRow = { ...key, rv, type, prevRv, data: JSON.stringify(obj) };
  (ctx.pending ??= []).push(row);
  ctx.counter = rv;
  const cacheKey = latestKey(key.resource, key.namespace, key.name);
  ctx.overlay?.set(cacheKey, row);
  (ctx.known ??= new Map()).set(cacheKey, row);
  ctx.lastRv = rv;
  return obj as StoredObject;
}

async function lock(ctx: WriteContext): Promise<void> {
  if (!ctx.locked) {
    ctx.counter = await lockWriters(ctx.db, ctx.kind);
    ctx.locked = true;
  }
}

/** Reads the current object. @throws StoreError NOT_FOUND. */
export async function getOp(r: Reader, resource: string, namespace: string, name: string): Promise<StoredObject> {
  const found = await tryGetOp(r, resource, namespace, name);
  if (found === undefined) throw notFound(resource, namespace, name);
  return found;
}

/** Reads the current object, or undefined when there is none. */
export async function tryGetOp(r: Reader, resource: string, namespace: string, name: string): Promise<StoredObject | undefined> {
  checkResource(resource);
  const key = latestKey(resource, namespace, name);
  const pre = r.known?.has(key) === true ? r.known.get(key) : r.prefetched?.get(key);
  const latest = pre === undefined ? await latestRow(r, resource, namespace, name) : (pre ?? undefined);
  return objectOf(latest);
}

const objectOf = (row: LogRow | undefined): StoredObject | undefined => (row === undefined || row.type === 'DELETED' ? undefined : parseStored(row.data));

/** tryGetOp of each key, by position, read together. */
export async function tryGetManyOp(r: Reader, keys: readonly ObjectKey[]): Promise<(StoredObject | undefined)[]> {
  for (const k of keys) checkResource(k.resource);
  return (await latestRows(r, keys)).map(objectOf);
}

/**
 * See StoreTx.prefetch: the rows go to `prefetched`, for the transaction's later gets; read for
 * writing, under the writer lock, to `known`, for its writes too.
 */
export async function prefetchOp(ctx: WriteContext, keys: readonly ObjectKey[], forWrite: boolean): Promise<void> {
  for (const k of keys) checkResource(k.resource);
  if (forWrite) await lock(ctx);
  const rows = await latestRows(ctx, keys);
  const into = forWrite ? (ctx.known ??= new Map()) : (ctx.prefetched ??= new Map());
  keys.forEach((k, i) => into.set(latestKey(k.resource, k.namespace, k.name), rows[i] ?? null));
}

/** See Store.create. */
export async function createOp(ctx: WriteContext, resource: string, obj: KubeObject): Promise<StoredObject> {
  const { copy, namespace, name } = intake(resource, obj);
  await lock(ctx);
  const latest = await newestForWrite(ctx, resource, namespace, name);
  if (latest !== undefined && latest.type !== 'DELETED') {
    throw new StoreError(StoreErrorCode.ALREADY_EXISTS, `${resource} ${namespace === '' ? '' : `${namespace}/`}${name} already exists`);
  }
  copy.metadata.uid ??= ctx.newUid();
  copy.metadata.creationTimestamp ??= timestamp(ctx.now());
  return append(ctx, { resource, namespace, name }, 'ADDED', null, copy);
}

/** See Store.update. */
export async function updateOp(
  ctx: WriteContext,
  resource: string,
  obj: KubeObject,
  options?: PreconditionOptions,
): Promise<StoredObject> {
  const { copy, namespace, name } = intake(resource, obj);
  await lock(ctx);
  const latest = await live(ctx, resource, namespace, name);
  checkPrecondition(latest, options);
  const stored = parseStored(latest.data).metadata;
  copy.metadata.uid ??= stored.uid;
  copy.metadata.creationTimestamp ??= stored.creationTimestamp;
  const key = { resource, namespace, name };
  if (stored.deletionTimestamp !== undefined && (copy.metadata.finalizers ?? []).length === 0) {
    copy.metadata.deletionTimestamp ??= stored.deletionTimestamp;
    return append(ctx, key, 'DELETED', latest.rv, copy);
  }
  return append(ctx, key, 'MODIFIED', latest.rv, copy);
}

/** See Store.delete. */
export async function deleteOp(
  ctx: WriteContext,
  resource: string,
  namespace: string,
  name: string,
  options?: PreconditionOptions,
): Promise<DeleteResult> {
  checkResource(resource);
  await lock(ctx);
  const latest = await live(ctx, resource, namespace, name);
  checkPrecondition(latest, options);
  const current = parseStored(latest.data);
  const key = { resource, namespace, name };
  if ((current.metadata.finalizers ?? []).length > 0) {
    if (current.metadata.deletionTimestamp !== undefined) return { object: current, removed: false };
    current.metadata.deletionTimestamp = timestamp(ctx.now());
    return { object: append(ctx, key, 'MODIFIED', latest.rv, current), removed: false };
  }
  return { object: append(ctx, key, 'DELETED', latest.rv, current), removed: true };
}
