/**
 * A level-based work queue: keys, not events. A key added while queued is queued once; a key
 * added while it is being reconciled runs again afterwards. One key is reconciled at a time.
 * A reconcile returns `{requeueAfterMs}` to run again later, throws to retry with exponential
 * backoff (reset by the next success), or throws {@link TerminalError} to stop retrying
 * (until the key is added again).
 */
import type { FastifyBaseLogger } from 'fastify';
import { DroverError } from '../errors.ts';

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

export interface WorkQueueOptions {
  name: string;
  reconcile: Reconcile;
  logger: FastifyBaseLogger;
  /** First retry delay after an error. Default 200 ms. */
  baseBackoffMs?: number;
  /** Longest retry delay. Default 60 s. */
  maxBackoffMs?: number;
  /** Called after every reconcile with its result. */
  onResult?: (result: 'ok' | 'requeue' | 'error' | 'terminal') => void;
}

export interface WorkQueue {
  add(key: string): void;
  /** Adds `key` after `ms` (an earlier add wins; a later timer for the same key is replaced by a sooner one). */
  addAfter(key: string, ms: number): void;
  /** Resolves when nothing is queued or running (delayed keys do not count). For tests. */
  idle(): Promise<void>;
  /** Stops taking keys, cancels timers, aborts and awaits the running reconcile. */
  close(): Promise<void>;
  readonly length: number;
}

export function createWorkQueue(o: WorkQueueOptions): WorkQueue {
  const base = o.baseBackoffMs ?? 200;
  const max = o.maxBackoffMs ?? 60_000;
  const log = o.logger.child({ controller: o.name });
  const queue = new Set<string>();
  const timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  const failures = new Map<string, number>();
  const abort = new AbortController();
  let running: Promise<void> | undefined;
  let runningKey: string | undefined;
  let dirtyWhileRunning = false;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  function notifyIdle(): void {
    if (running !== undefined || queue.size > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function add(key: string): void {
    if (closed) return;
    if (key === runningKey) {
      dirtyWhileRunning = true;
      return;
    }
    queue.add(key);
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
    if (running !== undefined || closed) return;
    const next = queue.values().next();
    if (next.done === true) return notifyIdle();
    const key = next.value;
    queue.delete(key);
    runningKey = key;
    dirtyWhileRunning = false;
    running = runOne(key).finally(() => {
      running = undefined;
      runningKey = undefined;
      if (dirtyWhileRunning && !closed) queue.add(key);
      pump();
      notifyIdle();
    });
  }

  async function runOne(key: string): Promise<void> {
    try {
      const result = await o.reconcile(key, abort.signal);
      failures.delete(key);
      o.onResult?.(result?.requeueAfterMs === undefined ? 'ok' : 'requeue');
      if (result?.requeueAfterMs !== undefined) addAfter(key, result.requeueAfterMs);
    } catch (err) {
      if (closed) return;
      o.onResult?.(err instanceof TerminalError ? 'terminal' : 'error');
      if (err instanceof TerminalError) {
        failures.delete(key);
        log.error({ key, err }, 'reconcile failed permanently; not retrying');
        return;
      }
      const n = (failures.get(key) ?? 0) + 1;
      failures.set(key, n);
      const delay = Math.min(max, base * 2 ** (n - 1));
      log.warn({ key, err, attempt: n, retryInMs: delay }, 'reconcile failed; retrying');
      addAfter(key, delay);
    }
  }

  return {
    add,
    addAfter,
    get length() {
      return queue.size;
    },
    idle() {
      if (running === undefined && queue.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
      queue.clear();
      abort.abort();
      await running;
      notifyIdle();
    },
  };
}
