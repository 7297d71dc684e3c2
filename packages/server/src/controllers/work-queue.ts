/**
 * A level-based work queue: keys, not events. Up to `concurrency` keys are reconciled at once,
 * never the same key twice at once. A key added while queued is queued once; a key added while it
 * is being reconciled runs once more afterwards (the dirty/processing split of client-go's
 * workqueue). A reconcile returns `{requeueAfterMs}` to run again later, throws to retry after
 * the {@link RateLimiter}'s delay (per-key exponential backoff, forgotten on success), or throws
 * {@link TerminalError} to stop retrying (until the key is added again).
 *
 * Delayed keys: a delay under {@link EXACT_BELOW_MS} (retries, short requeues) gets a timer of its
 * own. A longer one is rounded up to the next whole second and waits in that second's bucket, one
 * timer per bucket: the expiry controllers delay every Event and node credential by up to an hour,
 * and one Timeout (with its closure and record) per key was ~20,000 timers at 19,500 nodes
 * (issue 15). A second of lateness does not matter at such delays; firing early would, so never.
 */
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { FastifyBaseLogger } from 'fastify';
import { DroverError } from '../errors.ts';
import { createRateLimiter } from './rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Conflicts in a row on one key that are retried with a debug log before they are warned about. */
const CONFLICTS_BEFORE_WARNING = 5;

/** A failure that retrying will not fix. The key is dropped until it is added again. */
export class TerminalError extends DroverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DROVER_ERR_CONTROLLER_TERMINAL', message, options);
    this.name = 'TerminalError';
  }
}

/** Delays under this get an exact timer per key; longer ones are rounded up to a bucket's second. */
const EXACT_BELOW_MS = 10_000;
/** A bucket's width: the most a long delay is rounded up by. */
const BUCKET_MS = 1000;
/** setTimeout's longest delay (~24.8 days); a bucket further away re-arms when it gets there. */
const TIMEOUT_MAX_MS = 2 ** 31 - 1;

export interface ReconcileResult {
  /** Reconcile this key again after this many milliseconds. */
  requeueAfterMs?: number;
}

export type Reconcile = (key: string, signal: AbortSignal) => Promise<ReconcileResult | void>;

export type ReconcileOutcome = 'ok' | 'requeue' | 'error' | 'terminal';

export interface WorkQueueOptions {
  name: string;
  reconcile: Reconcile;
  logger: FastifyBaseLogger;
  /** Keys reconciled at once (distinct keys only). Default 1. */
  concurrency?: number;
  /** First retry delay after an error. Default 200 ms. Ignored with `rateLimiter`. */
  baseBackoffMs?: number;
  /** Longest retry delay. Default 60 s. Ignored with `rateLimiter`. */
  maxBackoffMs?: number;
  /** Retry delays; default {@link createRateLimiter} with the two options above. */
  rateLimiter?: RateLimiter;
  /** Called after every reconcile with its outcome. */
  onResult?: (result: ReconcileOutcome) => void;
}

export interface WorkQueue {
  add(key: string): void;
  /**
   * Adds `key` after `ms` (a later timer for the same key is replaced by a sooner one, never the
   * reverse). From 10 s on, `ms` is rounded up to a whole second (never early): see the module doc.
   */
  addAfter(key: string, ms: number): void;
  /** Resolves when nothing is queued or running (delayed keys do not count). For tests. */
  idle(): Promise<void>;
  /** Stops taking keys, cancels timers, aborts the running reconciles and waits for them. */
  close(): Promise<void>;
  /** Like close() without waiting: the reconciles are aborted and left to finish on their own. */
  destroy(): void;
  /** Keys waiting to run (not the running ones, not the delayed ones). */
  readonly length: number;
  /** Keys being reconciled now. */
  readonly running: number;
  /** Keys waiting for their delay (addAfter, retries, requeues). */
  readonly delayed: number;
  /** Live Timeout handles: one per short delay, one per bucket of long ones. For tests and metrics. */
  pendingTimers(): number;
}

export function createWorkQueue(o: WorkQueueOptions): WorkQueue {
  const concurrency = o.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`work queue ${o.name}: concurrency must be a positive integer`);
  const limiter = o.rateLimiter ?? createRateLimiter({ baseDelayMs: o.baseBackoffMs ?? 200, maxDelayMs: o.maxBackoffMs ?? 60_000 });
  const log = o.logger.child({ controller: o.name });
  /** Keys waiting to run, in arrival order; never a key that is in `processing`. */
  const ready = new Set<string>();
  /** Keys being reconciled, with the promise of that run. */
  const processing = new Map<string, Promise<void>>();
  /** Keys added while being reconciled: they go back to `ready` when their run ends. */
  const dirtyWhileRunning = new Set<string>();
  // Delays are measured on the monotonic clock setTimeout runs on, so a wall clock step neither
  // reorders two delays of a key nor shifts a bucket.
  /** Keys with a short delay: each has its own timer, due at `at` (performance.now() ms). */
  const exact = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  /** Keys with a long delay: the second (performance.now() / 1000) they wait for. No timer, closure or object per key. */
  const dueSecond = new Map<string, number>();
  /** Due second → its keys and their one timer; an emptied bucket is cleared and dropped at once. */
  const buckets = new Map<number, { keys: Set<string>; timer: NodeJS.Timeout }>();
  const abort = new AbortController();
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  function notifyIdle(): void {
    if (processing.size > 0 || ready.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function add(key: string): void {
    if (closed) return;
    if (processing.has(key)) {
      dirtyWhileRunning.add(key);
      return;
    }
    ready.add(key);
    pump();
  }

  function addAfter(key: string, ms: number): void {
    if (closed) return;
    if (ms <= 0) return add(key);
    const now = performance.now();
    const long = ms >= EXACT_BELOW_MS;
    const second = long ? Math.ceil((now + ms) / BUCKET_MS) : 0;
    // Compared by when each would really fire, so the key runs at the earliest of them; a key
    // moves between its own timer and a bucket like between two timers.
    const at = long ? second * BUCKET_MS : now + ms;
    const pending = dueAt(key);
    if (pending !== undefined && pending <= at) return;
    cancelDelay(key);
    if (long) {
      dueSecond.set(key, second);
      const bucket = buckets.get(second);
      if (bucket !== undefined) bucket.keys.add(key);
      else buckets.set(second, { keys: new Set([key]), timer: armBucket(second, at - now) });
      return;
    }
    const timer = setTimeout(() => {
      exact.delete(key);
      add(key);
    }, ms);
    timer.unref();
    exact.set(key, { at, timer });
  }

  /** When `key`'s pending delay fires (performance.now() ms), if it has one. */
  function dueAt(key: string): number | undefined {
    const e = exact.get(key);
    if (e !== undefined) return e.at;
    const second = dueSecond.get(key);
    return second === undefined ? undefined : second * BUCKET_MS;
  }

  /** Drops `key`'s pending delay, and its timer or, if it was the last key there, its bucket's. */
  function cancelDelay(key: string): void {
    const e = exact.get(key);
    if (e !== undefined) {
      clearTimeout(e.timer);
      exact.delete(key);
      return;
    }
    const second = dueSecond.get(key);
    if (second === undefined) return;
    dueSecond.delete(key);
    const bucket = buckets.get(second);
    if (bucket === undefined) return;
    bucket.keys.delete(key);
    if (bucket.keys.size > 0) return;
    clearTimeout(bucket.timer);
    buckets.delete(second);
  }

  function armBucket(second: number, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => fireBucket(second), Math.min(Math.ceil(ms), TIMEOUT_MAX_MS));
    timer.unref();
    return timer;
  }

  function fireBucket(second: number): void {
    const bucket = buckets.get(second);
    if (bucket === undefined) return;
    // A Node timer counts from the event loop's cached time and can fire a little before
    // performance.now() says it is due (or it was capped at TIMEOUT_MAX_MS): wait the rest.
    const left = second * BUCKET_MS - performance.now();
    if (left > 0) {
      bucket.timer = armBucket(second, left);
      return;
    }
    buckets.delete(second);
    // Nothing a reconcile started here asks for changes this set while it is walked: the bucket
    // is out of `buckets`, and a delay asked for now is due after this second, so it neither
    // joins this bucket nor replaces a key's place in it.
    for (const key of bucket.keys) {
      dueSecond.delete(key);
      add(key);
    }
  }

  function pump(): void {
    while (!closed && processing.size < concurrency && ready.size > 0) {
      const key = ready.values().next().value as string;
      ready.delete(key);
      const run = runOne(key).finally(() => {
        processing.delete(key);
        if (dirtyWhileRunning.delete(key) && !closed) ready.add(key);
        if (ready.size > 0) pumpSoon();
        notifyIdle();
      });
      processing.set(key, run);
    }
    notifyIdle();
  }

  let pumpQueued = false;
  /**
   * The next keys after a reconcile, from the event loop's next turn: SQLite answers within the
   * same turn, so a queue of 390 Clusters ran as one chain of microtasks and held every socket
   * for 0.7 s when a restart's controllers started (issue 15).
   */
  function pumpSoon(): void {
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(() => {
      pumpQueued = false;
      pump();
    });
  }

  async function runOne(key: string): Promise<void> {
    try {
      const result = await o.reconcile(key, abort.signal);
      limiter.forget(key);
      o.onResult?.(result?.requeueAfterMs === undefined ? 'ok' : 'requeue');
      if (result?.requeueAfterMs !== undefined) addAfter(key, result.requeueAfterMs);
    } catch (err) {
      if (closed) return;
      if (err instanceof TerminalError) {
        limiter.forget(key);
        o.onResult?.('terminal');
        log.error({ key, err }, 'reconcile failed permanently; not retrying');
        return;
      }
      o.onResult?.('error');
      const delay = limiter.when(key);
      const attempt = limiter.failures(key);
      // Another writer changed the object since it was read: expected when controllers share an
      // object (a restart on PostgreSQL logged ~80 of them), and the retry reads it anew. Only
      // one that keeps failing is worth a warning.
      const expected = isStoreError(err, StoreErrorCode.CONFLICT) && attempt < CONFLICTS_BEFORE_WARNING;
      log[expected ? 'debug' : 'warn']({ key, err, attempt, retryInMs: delay }, 'reconcile failed; retrying');
      addAfter(key, delay);
    }
  }

  function stop(): Promise<void>[] {
    closed = true;
    for (const { timer } of exact.values()) clearTimeout(timer);
    for (const { timer } of buckets.values()) clearTimeout(timer);
    exact.clear();
    dueSecond.clear();
    buckets.clear();
    ready.clear();
    dirtyWhileRunning.clear();
    abort.abort();
    return [...processing.values()];
  }

  return {
    add,
    addAfter,
    get length() {
      return ready.size;
    },
    get running() {
      return processing.size;
    },
    get delayed() {
      return exact.size + dueSecond.size;
    },
    pendingTimers() {
      return exact.size + buckets.size;
    },
    idle() {
      if (processing.size === 0 && ready.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      await Promise.all(stop());
      notifyIdle();
    },
    destroy() {
      void stop();
    },
  };
}
