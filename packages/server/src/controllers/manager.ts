/**
 * The lifecycle every long-lived part of the server shares (style.md §10), and the manager that
 * runs them: started in the order they were added, closed in reverse, so a part is never closed
 * while one started after it (and maybe using it) still runs. docs/adr/0010.
 *
 * ```ts
 * const manager = createManager({ name: 'server', logger, gracefulShutdownMs: 10_000 });
 * manager.add('memberships', memberships);
 * manager.add('controllers', controllers);
 * await manager.start();
 * await manager.close(); // controllers first, then memberships
 * ```
 */
import type { FastifyBaseLogger } from 'fastify';

/** A long-lived part: started once, then closed gracefully or destroyed. */
export interface Runnable {
  /**
   * Starts the part; resolves once it is running (not when it ends). `signal` is aborted when the
   * manager is destroyed: a start that waits (for a watch, a connection) should give up then.
   */
  start(signal: AbortSignal): Promise<void>;
  /** Stops taking work and lets work in flight finish. Idempotent. */
  close(): Promise<void>;
  /** Aborts work in flight now; a pending close() then settles soon. Idempotent. */
  destroy(err?: Error): void | Promise<void>;
}

export interface ManagerOptions {
  /** For logs. */
  name: string;
  logger: FastifyBaseLogger;
  /** How long close() lets the parts drain before destroying those still closing (ms). */
  gracefulShutdownMs: number;
}

/** A manager is itself a Runnable, so one can run inside another. */
export interface Manager extends Runnable {
  /** Adds a part; only before start(). */
  add(name: string, runnable: Runnable): void;
  /** Names of the parts, in start order. */
  readonly names: readonly string[];
}

type State = 'new' | 'starting' | 'started' | 'closing' | 'closed';

export function createManager(o: ManagerOptions): Manager {
  const log = o.logger.child({ manager: o.name });
  const parts: { name: string; runnable: Runnable }[] = [];
  /** Parts whose start() was called, in order; close() walks it backwards. */
  const started: { name: string; runnable: Runnable }[] = [];
  const abort = new AbortController();
  let state: State = 'new';
  let starting: Promise<void> | undefined;
  let closing: Promise<void> | undefined;

  async function startAll(signal: AbortSignal): Promise<void> {
    const onAbort = () => abort.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for (const part of parts) {
        if (state !== 'starting') return; // close() or destroy() came first
        started.push(part);
        log.debug({ part: part.name }, 'starting');
        await part.runnable.start(abort.signal);
      }
      if (state === 'starting') state = 'started';
    } catch (err) {
      const name = started.at(-1)?.name;
      log.error({ err, part: name }, 'start failed; closing what started');
      await closeAll().catch((e: unknown) => log.error({ err: e }, 'close after a failed start failed'));
      throw new Error(`${o.name}: starting ${name} failed: ${(err as Error).message}`, { cause: err });
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async function closeAll(): Promise<void> {
    state = 'closing';
    const deadline = Date.now() + o.gracefulShutdownMs;
    const errors: unknown[] = [];
    let expired = false;
    for (const part of started.slice().reverse()) {
      const left = deadline - Date.now();
      if (expired || left <= 0) {
        expired = true;
        await destroyPart(part, errors, overdueError());
        continue;
      }
      let timer: NodeJS.Timeout | undefined;
      const overdue = new Promise<'overdue'>((resolve) => {
        timer = setTimeout(() => resolve('overdue'), left);
      });
      const closed = part.runnable.close().then(
        () => 'closed' as const,
        (err: unknown) => {
          errors.push(err);
          log.error({ err, part: part.name }, 'close failed');
          return 'closed' as const;
        },
      );
      const first = await Promise.race([closed, overdue]);
      clearTimeout(timer);
      if (first === 'overdue') {
        expired = true;
        log.warn({ part: part.name, gracefulShutdownMs: o.gracefulShutdownMs }, 'shutdown grace period over: destroying what is left');
        await destroyPart(part, errors, overdueError());
      }
    }
    started.length = 0;
    state = 'closed';
    if (errors.length > 0) throw new AggregateError(errors, `${o.name}: ${errors.length} part(s) failed to close`);
  }

  const overdueError = () => new Error(`${o.name}: shutdown grace period (${o.gracefulShutdownMs} ms) over`);

  async function destroyPart(part: { name: string; runnable: Runnable }, errors: unknown[], reason: Error): Promise<void> {
    try {
      await part.runnable.destroy(reason);
    } catch (err) {
      errors.push(err);
      log.error({ err, part: part.name }, 'destroy failed');
    }
  }

  return {
    get names() {
      return parts.map((p) => p.name);
    },
    add(name, runnable) {
      if (state !== 'new') throw new Error(`${o.name}: cannot add ${name} after start`);
      parts.push({ name, runnable });
    },
    start(signal = new AbortController().signal) {
      if (state === 'new') {
        state = 'starting';
        starting = startAll(signal);
      }
      return starting ?? Promise.reject(new Error(`${o.name}: closed before it started`));
    },
    close() {
      if (closing === undefined) {
        const before = starting ?? Promise.resolve();
        state = 'closing'; // a start in progress stops before its next part
        // That start settles first; then whatever did start is closed in reverse.
        closing = before.catch(() => undefined).then(closeAll);
      }
      return closing;
    },
    async destroy(err) {
      const reason = err ?? new Error(`${o.name} destroyed`);
      abort.abort(reason);
      if (state === 'new' || state === 'starting') state = 'closing';
      const errors: unknown[] = [];
      for (const part of started.slice().reverse()) await destroyPart(part, errors, reason);
    },
  };
}
