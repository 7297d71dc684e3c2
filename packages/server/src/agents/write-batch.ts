/**
 * Store writes of the agent endpoints (Node status, Events), grouped into shared transactions.
 * Every commit is a disk sync (SQLite `synchronous = FULL`, one WAL fsync; PostgreSQL a
 * round trip and a WAL flush), so writing each status change alone capped a reconnect storm at
 * the disk's sync rate: ~17 agents/s here, 3 writes each (measured with `./scripts/bench agents`,
 * ADR 0020). Queued operations run one after another inside one transaction, up to `maxOps` at
 * a time; while writes keep coming, each batch first gathers for `windowMs`. A lone write goes
 * at the end of the turn, and a storm costs one sync per batch.
 *
 * An operation reads and writes through the transaction it is given and must not assume it runs
 * alone. If a batch fails as a whole (a conflict with another replica on PostgreSQL, a failing
 * operation), each of its operations is run again on its own, outside a transaction, so one
 * bad operation fails only itself.
 */
import type { ObjectKey, Store, StoreTx } from '@drover/store';

export interface WriteBatcher {
  /**
   * Runs `op` in a transaction shared with other queued operations; settles with its outcome.
   * `reads`: keys the operation will get first; the batch reads all of them in one query
   * (StoreTx.prefetch) before its operations run.
   */
  run<T>(op: (tx: StoreTx) => Promise<T>, reads?: readonly ObjectKey[]): Promise<T>;
  /** Resolves when everything queued so far has been run. */
  flush(): Promise<void>;
}

interface Queued {
  op: (tx: StoreTx) => Promise<unknown>;
  reads: readonly ObjectKey[] | undefined;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * `maxOps`: operations per transaction (default 256); `windowMs`: how long a batch gathers while
 * busy (default 20), doubling with each batch that gathered up to `maxWindowMs` (default 160).
 */
export function createWriteBatcher(store: Store, options: { maxOps?: number; windowMs?: number; maxWindowMs?: number } = {}): WriteBatcher {
  const maxOps = options.maxOps ?? 256;
  const windowMs = options.windowMs ?? 20;
  const maxWindowMs = Math.max(windowMs, options.maxWindowMs ?? 160);
  let queue: Queued[] = [];
  let running: Promise<void> | undefined;
  let lastBatchAt = -Infinity;
  let window = windowMs;
  /** The store as an operation's transaction when it runs alone: nothing to prefetch for. */
  const alone: StoreTx = {
    create: (resource, obj) => store.create(resource, obj),
    get: (resource, namespace, name) => store.get(resource, namespace, name),
    tryGet: (resource, namespace, name) => store.tryGet(resource, namespace, name),
    prefetch: () => Promise.resolve(),
    list: (resource, options) => store.list(resource, options),
    update: (resource, obj, options) => store.update(resource, obj, options),
    delete: (resource, namespace, name, options) => store.delete(resource, namespace, name, options),
  };

  async function runBatch(batch: Queued[]): Promise<void> {
    let results: unknown[];
    try {
      results = await store.transaction(async (tx) => {
        // One query for the batch's first reads, not one round trip per operation: on
        // PostgreSQL a reconnect storm's Node status checks were a third of its queries (issue 15).
        // Read for writing (under the writer lock), the operations' writes read nothing more.
        const reads = new Map<string, ObjectKey>();
        for (const item of batch) for (const k of item.reads ?? []) reads.set(`${k.resource}\u0000${k.namespace}\u0000${k.name}`, k);
        if (reads.size > 0) await tx.prefetch([...reads.values()], { forWrite: true });
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.op(tx));
        return out;
      });
    } catch {
      // Alone and outside a transaction, as before batching: each operation's own conflict
      // retries work (a failed statement aborts a whole PostgreSQL transaction).
      for (const item of batch) {
        try {
          item.resolve(await item.op(alone));
        } catch (err) {
          item.reject(err);
        }
      }
      return;
    }
    batch.forEach((item, i) => item.resolve(results[i]));
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      // While writes keep coming (the last batch ended under a window ago), gather for the
      // window unless a full batch waits: on SQLite each commit blocks the event loop for a disk
      // sync, and committing whatever one turn queued made batches of ~4 and ~2,700 syncs for
      // 2,000 reconnecting agents. The window doubles while they keep coming: a storm that
      // trickles in (a clean restart's 20,000 Node and Event writes) otherwise still committed
      // every ~20 ms, ~5 ms of blocked loop each (ADR 0030). A write after a quiet spell goes at
      // the end of the turn, and the window starts again from `windowMs`.
      if (queue.length < maxOps && performance.now() - lastBatchAt < window) {
        await new Promise<void>((resolve) => setTimeout(resolve, window));
        window = Math.min(window * 2, maxWindowMs);
      } else {
        if (queue.length < maxOps) window = windowMs;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const batch = queue.slice(0, maxOps);
      queue = queue.slice(batch.length);
      await runBatch(batch);
      lastBatchAt = performance.now();
    }
    running = undefined;
  }

  return {
    run<T>(op: (tx: StoreTx) => Promise<T>, reads?: readonly ObjectKey[]): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ op, reads, resolve, reject });
        running ??= drain();
      });
    },
    async flush() {
      while (running !== undefined) await running;
    },
  };
}
