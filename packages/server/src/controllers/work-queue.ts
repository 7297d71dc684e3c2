/**
 * A level-based work queue: keys, not events. Up to `concurrency` keys are reconciled at once,
 * never the same key twice at once. A key added while queued is queued once; a key added while it
 * is being reconciled runs once more afterwards (the dirty/processing split of client-go's
 * workqueue). A reconcile returns `{requeueAfterMs}` to run again later, throws to retry after
 * the {@link RateLimiter}'s delay (per-key exponential backoff, forgotten on success), or throws
 * {@link TerminalError} to stop retrying (until the key is added again).
 */
import type { FastifyBaseLogger } from 'fastify';
import { DroverError } from '../errors.ts';
import { createRateLimiter } from './rate-limiter.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** A failure that retrying will not fix. The key is dropped until it is added again. */
export class TerminalError extends DroverError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DROVER_ERR_CONTROLLER_TERMINAL', message, options);
    this.name = 'TerminalError';
  }
}

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
  /** Adds `key` after `ms` (a later timer for the same key is replaced by a sooner one, never the reverse). */
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
  const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
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
    const at = Date.now() + ms;
    const existing = timers.get(key);
    if (existing !== undefined) {
      if (existing.at <= at) return;
      clearTimeout(existing.timer);
    }
    const timer = setTimeout(() => {
      timers.delete(key);
      add(key);
    }, ms);
    timer.unref();
    timers.set(key, { at, timer });
  }

  function pump(): void {
    while (!closed && processing.size < concurrency && ready.size > 0) {
      const key = ready.values().next().value as string;
      ready.delete(key);
      const run = runOne(key).finally(() => {
        processing.delete(key);
        if (dirtyWhileRunning.delete(key) && !closed) ready.add(key);
        pump();
        notifyIdle();
      });
      processing.set(key, run);
    }
    notifyIdle();
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
      log.warn({ key, err, attempt: limiter.failures(key), retryInMs: delay }, 'reconcile failed; retrying');
      addAfter(key, delay);
    }
  }

  function stop(): Promise<void>[] {
    closed = true;
    for (const { timer } of timers.values()) clearTimeout(timer);
    timers.clear();
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
