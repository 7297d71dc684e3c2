/**
 * createStore: wires the database, the write operations, lists, the event hub, watchers and
 * compaction into a {@link Store}.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { StoreError, StoreErrorCode, toStoreError } from './errors.ts';
import { createEventHub } from './event-hub.ts';
import { listOp, listOutsideTx } from './list-op.ts';
import { compactLog, lockWriters, readEventsAfter, readLatestMany, readMeta, readResourceRows, readStateAt, replaceRowData, writeMeta } from './log-queries.ts';
import type { Db } from './log-queries.ts';
import { createLocalNotifier } from './notifier.ts';
import type { Notifier } from './notifier.ts';
import { createObjectFilter } from './object-filter.ts';
import { openDatabase } from './open-database.ts';
import { createReadBatcher } from './read-batcher.ts';
import type { BackendOptions } from './open-database.ts';
import type { DialectKind, StoreDatabase } from './schema.ts';
import type { Store, StoreTx, StoredObject } from './types.ts';
import { startWatcher } from './watcher.ts';
import type { WatcherHandle } from './watcher.ts';
import { checkResource, createOp, deleteOp, flushWrites, getOp, prefetchOp, tryGetManyOp, tryGetOp, updateOp } from './write-ops.ts';
import type { Reader, WriteContext } from './write-ops.ts';
import { createLatestCache, latestKey } from './latest-cache.ts';

/** A watch's initial page warms the cache only if fewer keys than this were written since its revision. */
const WARM_MAX_SKIPPED = 1000;

/** Rows read per query by rewriteHistory. */
const REWRITE_BATCH = 500;

/** Tuning and injection points shared by both backends. */
export interface StoreTuning {
  /** Events kept watchable behind the current resourceVersion (compaction keeps at least this many). Default 10000. */
  historySize?: number;
  /** Events a watcher may have queued before it is ended with EXPIRED. Default 10000. */
  maxBufferedEventsPerWatch?: number;
  /** Clock for creationTimestamp / deletionTimestamp. Default `() => new Date()`. */
  now?: () => Date;
  /** uid generator. Default crypto.randomUUID. */
  newUid?: () => string;
  /** Commit notifications (e.g. LISTEN/NOTIFY on PostgreSQL). Default in-process; the store closes it. */
  notifier?: Notifier;
  /** Errors of background work (automatic compaction). They are never thrown; default: ignored. */
  onBackgroundError?: (err: StoreError) => void;
  /** SQLite: bytes of newest rows kept in memory for gets and write preconditions (latest-cache.ts); 0: none. Default 64 MiB. */
  latestCacheBytes?: number;
  /** SQLite: resources whose rows that cache never keeps (written once, seldom read again by key: Events). */
  uncachedResources?: readonly string[];
}

/** Options of {@link createStore}: a backend plus tuning. */
export type CreateStoreOptions = BackendOptions & StoreTuning;

/**
 * Opens a store: `{kind: 'sqlite', dataDir}` or `{kind: 'postgres', connectionString}`.
 * The schema is migrated on open. Call `close()` when done: it leaves no timers or handles.
 * @throws StoreError BACKEND when the database cannot be opened (e.g. the SQLite file is used by
 * another process), INVALID for bad options.
 */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  const historySize = options.historySize ?? 10_000;
  const maxBuffered = options.maxBufferedEventsPerWatch ?? 10_000;
  if (!Number.isSafeInteger(historySize) || historySize < 1) throw new StoreError(StoreErrorCode.INVALID, 'historySize must be a positive integer');
  if (!Number.isSafeInteger(maxBuffered) || maxBuffered < 1) {
    throw new StoreError(StoreErrorCode.INVALID, 'maxBufferedEventsPerWatch must be a positive integer');
  }
  const { db, kind } = await openDatabase(options);
  const startRv = await readMeta(db, 'rv');
  return buildStore(db, kind, startRv, { ...options, historySize, maxBuffered });
}

function readTx(db: Kysely<StoreDatabase>, kind: DialectKind) {
  return kind === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
}

function buildStore(
  db: Kysely<StoreDatabase>,
  kind: DialectKind,
  startRv: number,
  options: StoreTuning & { historySize: number; maxBuffered: number },
): Store {
  const now = options.now ?? (() => new Date());
  const newUid = options.newUid ?? randomUUID;
  const notifier = options.notifier ?? createLocalNotifier();
  const insideTx = new AsyncLocalStorage<true>();
  const inflight = new Set<Promise<unknown>>();
  const watchers = new Set<WatcherHandle>();
  const hub = createEventHub({ startRv, read: (after, limit) => readEventsAfter(db, { after, limit }) });
  const unsubscribe = notifier.subscribe((rv) => hub.poke(rv));
  let closed = false;
  let knownRv = startRv;
  let knownCompactRv: number | undefined;
  let compacting: Promise<unknown> | undefined;
  let nextCompactCheck = 0;
  const cacheBytes = options.latestCacheBytes ?? 64 * 2 ** 20;
  const cache = kind === 'sqlite' && cacheBytes > 0 ? createLatestCache(cacheBytes, new Set(options.uncachedResources)) : undefined;
  // PostgreSQL: reads outside a transaction are merged while the database is busy (ADR 0034).
  const readMany = kind === 'postgres' ? createReadBatcher((keys) => readLatestMany(db, kind, keys)) : undefined;
  const reader: Reader = { db, kind, cache, readMany };

  function track<T>(p: Promise<T>): Promise<T> {
    inflight.add(p);
    const remove = () => inflight.delete(p);
    p.then(remove, remove);
    return p;
  }

  /** Runs a public operation: guards, wraps database errors, tracks it for close(). */
  function run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new StoreError(StoreErrorCode.CLOSED, 'store is closed'));
    if (insideTx.getStore() === true) {
      return Promise.reject(new StoreError(StoreErrorCode.INVALID, `${what}: inside transaction() use the tx handle, not the store`));
    }
    return track(
      (async () => {
        try {
          return await fn();
        } catch (err) {
          throw toStoreError(err, what);
        }
      })(),
    );
  }

  function newContext(trx: Transaction<StoreDatabase>): WriteContext {
    return { db: trx, kind, now, newUid, locked: false, counter: 0, storedCounter: 0, lastRv: 0, cache, overlay: cache === undefined ? undefined : new Map() };
  }

  /**
   * Runs `fn` in a database transaction; its writes enter the cache as the callback ends (before
   * COMMIT, while this transaction still holds the one connection). A COMMIT that fails after
   * that drops the cache.
   */
  async function inTransaction<T>(fn: (trx: Transaction<StoreDatabase>) => Promise<T>, ctxOf: () => WriteContext | undefined): Promise<T> {
    let merged = false;
    try {
      return await db.transaction().execute(async (trx) => {
        const result = await fn(trx);
        const ctx = ctxOf();
        if (ctx !== undefined) await flushWrites(ctx);
        const overlay = ctx?.overlay;
        if (cache !== undefined && overlay !== undefined) {
          merged = true;
          cache.merge(overlay);
        }
        return result;
      });
    } catch (err) {
      if (merged) cache?.clear();
      throw err;
    }
  }

  function afterCommit(rv: number): void {
    if (rv === 0) return;
    knownRv = Math.max(knownRv, rv);
    notifier.notify(rv);
    maybeCompact();
  }

  async function write<T>(what: string, fn: (ctx: WriteContext) => Promise<T>): Promise<T> {
    return run(what, async () => {
      let ctx: WriteContext | undefined;
      const result = await inTransaction((trx) => fn((ctx = newContext(trx))), () => ctx);
      afterCommit(ctx?.lastRv ?? 0);
      return result;
    });
  }

  async function compactTo(keep: number): Promise<number> {
    const result = await db.transaction().execute(async (trx) => {
      const rv = await lockWriters(trx, kind);
      const current = await readMeta(trx, 'compact_rv');
      let target = Math.min(rv - keep, hub.position);
      for (const w of watchers) target = Math.min(target, w.floor());
      if (target <= current) return current;
      await compactLog(trx, current, target);
      await writeMeta(trx, 'compact_rv', target);
      return target;
    });
    knownCompactRv = result;
    return result;
  }

  function maybeCompact(): void {
    if (compacting !== undefined || closed || knownRv < nextCompactCheck) return;
    const slack = Math.max(16, Math.ceil(options.historySize / 10));
    if (knownCompactRv !== undefined && knownRv - knownCompactRv <= options.historySize + slack) return;
    // Watchers still catching up may hold compaction back: retry only after `slack` more writes.
    nextCompactCheck = knownRv + slack;
    compacting = track(
      compactTo(options.historySize)
        .catch((err: unknown) => options.onBackgroundError?.(toStoreError(err, 'compaction')))
        .finally(() => (compacting = undefined)),
    );
  }

  function txHandle(ctx: () => WriteContext, isDone: () => boolean): StoreTx {
    // Operations of one transaction run one after another, even when the caller does not await
    // each (each op checks then writes; interleaving two on one connection would break that).
    let chain: Promise<unknown> = Promise.resolve();
    const guard = <T>(what: string, fn: (c: WriteContext) => Promise<T>): Promise<T> => {
      if (isDone()) return Promise.reject(new StoreError(StoreErrorCode.INVALID, `${what}: the transaction is finished`));
      const p = chain.then(() => fn(ctx())).catch((err: unknown) => {
        throw toStoreError(err, what);
      });
      chain = p.catch(() => undefined);
      return p;
    };
    return {
      create: (resource, obj) => guard('create', (c) => createOp(c, resource, obj)),
      get: (resource, ns, name) => guard('get', (c) => getOp(c, resource, ns, name)),
      tryGet: (resource, ns, name) => guard('get', (c) => tryGetOp(c, resource, ns, name)),
      prefetch: (keys, opts) => guard('prefetch', (c) => prefetchOp(c, keys, opts?.forWrite === true)),
      list: (resource, opts) => guard('list', async (c) => (await flushWrites(c), listOp(c.db, resource, { ...opts, limit: 0, continue: '' }))),
      update: (resource, obj, opts) => guard('update', (c) => updateOp(c, resource, obj, opts)),
      delete: (resource, ns, name, opts) => guard('delete', (c) => deleteOp(c, resource, ns, name, opts)),
    };
  }

  async function readHistory(resource: string, after: number, upTo: number, limit: number) {
    return readTx(db, kind).execute(async (trx: Db) => {
      const compacted = await readMeta(trx, 'compact_rv');
      if (after < compacted) {
        throw new StoreError(StoreErrorCode.EXPIRED, `resourceVersion ${after} is older than the history (${compacted}); re-list`);
      }
      return readEventsAfter(trx, { after, upTo, resource, limit });
    });
  }

  async function readSnapshot(resource: string, namespace: string | undefined, atRv: number, after: { namespace: string; name: string } | undefined, limit: number) {
    const { rows, fill } = await readTx(db, kind).execute(async (trx: Db) => {
      // Compaction in this process waits for the watcher (its floor); another process's may not.
      const compacted = await readMeta(trx, 'compact_rv');
      if (atRv < compacted) throw new StoreError(StoreErrorCode.EXPIRED, `snapshot at ${atRv} was compacted (${compacted}); re-list`);
      const page = await readStateAt(trx, { resource, namespace, atRv, after, limit });
      if (cache === undefined) return { rows: page, fill: undefined };
      // Inside the read transaction no write is half-merged (one connection): a row of a key
      // not written after atRv is that key's newest and may warm the cache (a restart's
      // watches read every Node and credential before the agents are back).
      const generation = cache.generation;
      const current = await readMeta(trx, 'rv');
      const since = current === atRv ? [] : await readEventsAfter(trx, { after: atRv, upTo: current, resource, limit: WARM_MAX_SKIPPED });
      if (since.length >= WARM_MAX_SKIPPED) return { rows: page, fill: undefined };
      const written = new Set(since.map((r) => latestKey(r.resource, r.namespace, r.name)));
      return { rows: page, fill: { generation, written } };
    });
    if (cache !== undefined && fill !== undefined) {
      for (const row of rows) {
        const key = latestKey(row.resource, row.namespace, row.name);
        if (!fill.written.has(key)) cache.fill(key, row, fill.generation);
      }
    }
    return rows;
  }

  const store: Store = {
    create: (resource, obj) => write('create', (ctx) => createOp(ctx, resource, obj)),
    get: (resource, ns, name) => run('get', () => getOp(reader, resource, ns, name)),
    tryGet: (resource, ns, name) => run('get', () => tryGetOp(reader, resource, ns, name)),
    tryGetMany: (keys) => run('get', () => tryGetManyOp(reader, keys)),
    list: (resource, opts = {}) => run('list', () => listOutsideTx(db, resource, opts, () => readTx(db, kind).execute((trx) => listOp(trx, resource, opts)))),
    update: (resource, obj, opts) => write('update', (ctx) => updateOp(ctx, resource, obj, opts)),
    delete: (resource, ns, name, opts) => write('delete', (ctx) => deleteOp(ctx, resource, ns, name, opts)),

    transaction(fn) {
      if (closed) return Promise.reject(new StoreError(StoreErrorCode.CLOSED, 'store is closed'));
      if (insideTx.getStore() === true) return Promise.reject(new StoreError(StoreErrorCode.INVALID, 'transactions do not nest'));
      let ctx: WriteContext | undefined;
      let done = false;
      const tx = txHandle(
        () => ctx!,
        () => done,
      );
      return track(
        (async () => {
          try {
            const result = await inTransaction(
              (trx) => {
                ctx = newContext(trx);
                return insideTx.run(true, () => fn(tx));
              },
              () => ctx,
            );
            done = true;
            afterCommit(ctx?.lastRv ?? 0);
            return result;
          } finally {
            done = true;
          }
        })(),
      );
    },

    watch: (resource, opts = {}) =>
      run('watch', async () => {
        checkResource(resource);
        const filter = createObjectFilter(opts);
        const rvOpt = opts.resourceVersion;
        let startRv: number | undefined;
        if (rvOpt !== undefined && rvOpt !== '' && rvOpt !== '0') {
          if (!/^[1-9][0-9]{0,15}$/.test(rvOpt)) throw new StoreError(StoreErrorCode.INVALID, `invalid resourceVersion ${JSON.stringify(rvOpt)}`);
          startRv = Number(rvOpt);
        }
        const interval = opts.bookmarkIntervalMs;
        if (interval !== undefined && (!Number.isFinite(interval) || interval <= 0)) {
          throw new StoreError(StoreErrorCode.INVALID, 'bookmarkIntervalMs must be positive');
        }
        const handle: WatcherHandle = startWatcher({
          resource,
          filter,
          startRv,
          hub,
          readSnapshot: (atRv, after, limit) => track(readSnapshot(resource, filter.namespace, atRv, after, limit)),
          readHistory: (after, upTo, limit) => track(readHistory(resource, after, upTo, limit)),
          maxBuffered: options.maxBuffered,
          bookmarkIntervalMs: interval,
          initialEventsEnd: opts.initialEventsEnd === true,
          signal: opts.signal,
          onEnd: () => watchers.delete(handle),
        });
        watchers.add(handle);
        if (startRv !== undefined) {
          // Registered first (its floor holds compaction back), then checked.
          const compacted = await readMeta(db, 'compact_rv');
          if (startRv < compacted) {
            handle.watch.close();
            throw new StoreError(StoreErrorCode.EXPIRED, `resourceVersion ${startRv} is older than the history (${compacted}); re-list`);
          }
        }
        return handle.watch;
      }),

    currentResourceVersion: () => run('currentResourceVersion', async () => String(await readMeta(db, 'rv'))),
    compactedResourceVersion: () => run('compactedResourceVersion', async () => String(await readMeta(db, 'compact_rv'))),
    compact: (keep) =>
      run('compact', async () => {
        const k = keep ?? options.historySize;
        if (!Number.isSafeInteger(k) || k < 0) throw new StoreError(StoreErrorCode.INVALID, 'keep must be a non-negative integer');
        return String(await compactTo(k));
      }),

    rewriteHistory: (resource, rewrite) =>
      run('rewriteHistory', async () => {
        checkResource(resource);
        return db.transaction().execute(async (trx) => {
          await lockWriters(trx, kind);
          // Rows change in place: no cached row stays (nor does a read that started before this fill it).
          cache?.clear();
          let changed = 0;
          for (let after = 0; ; ) {
            const rows = await readResourceRows(trx, resource, after, REWRITE_BATCH);
            for (const row of rows) {
              const next = rewrite(JSON.parse(row.data) as StoredObject);
              if (next === undefined) continue;
              const data = JSON.stringify(next);
              if (data === row.data) continue;
              await replaceRowData(trx, row.rv, data);
              changed += 1;
            }
            if (rows.length < REWRITE_BATCH) return changed;
            after = rows.at(-1)!.rv;
          }
        });
      }),

    reclaimSpace: () =>
      run('reclaimSpace', async () => {
        if (kind === 'postgres') {
          await sql`vacuum full log`.execute(db);
          return;
        }
        await sql`vacuum`.execute(db);
        await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
      }),

    async close() {
      if (closed) return;
      closed = true;
      for (const w of [...watchers]) w.fail(new StoreError(StoreErrorCode.CLOSED, 'store closed'));
      unsubscribe();
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
      await hub.idle();
      await notifier.close();
      await db.destroy();
    },
  };
  return store;
}
