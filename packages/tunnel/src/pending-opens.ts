/**
 * Opens this side sent and the peer has not answered yet: each has a timeout
 * and may be cancelled by the caller's AbortSignal. Whoever settles an open
 * first `take`s it, so a late OpenOk, a timeout and an abort never both win.
 */
import { performance } from 'node:perf_hooks';
import { formatTarget } from './dial.ts';
import { errorFromWire, TunnelError, TunnelErrorCodes } from './errors.ts';
import type { TunnelStream } from './stream.ts';
import type { TunnelMetrics } from './metrics.ts';

/**
 * Every tunnel stream keeps this 'error' listener for its life: a stream's errors come from the
 * peer, and one must never crash the process. They are reported to the stream's own listeners,
 * through `errored` and 'close', and to a pending open's caller. It is not removed when the
 * stream is handed over: a reset that arrived in the same read as OpenOk is emitted on a
 * nextTick, before the caller's `await` resumes and can listen (issue 15: an agent resetting its
 * command channel at once crashed the server).
 */
export const reportedThroughClose = (): void => undefined;

export interface PendingOpen {
  stream: TunnelStream;
  resolve(stream: TunnelStream): void;
  reject(err: Error): void;
}

interface Entry extends PendingOpen {
  timer: NodeJS.Timeout;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  startedAt: number;
}

export class PendingOpens {
  /** Created by the first open and dropped when the last settles: most sessions have none pending. */
  #entries: Map<number, Entry> | undefined;
  /** Where open durations go (the session's metrics, shared by all sessions: no closure each). */
  readonly #metrics: Pick<TunnelMetrics, 'observeOpen'> | undefined;

  constructor(metrics?: Pick<TunnelMetrics, 'observeOpen'>) {
    this.#metrics = metrics;
  }

  get size(): number {
    return this.#entries?.size ?? 0;
  }

  /**
   * Waits for the peer's answer to the Open of `stream`. On timeout or abort
   * the stream is destroyed (which sends Reset so the peer drops its dial) and
   * the promise rejects with OPEN_TIMEOUT or CANCELLED.
   */
  wait(stream: TunnelStream, timeoutMs: number, signal: AbortSignal | undefined): Promise<TunnelStream> {
    return new Promise<TunnelStream>((resolve, reject) => {
      const what = `open ${formatTarget(stream.target)}`;
      const giveUp = (err: Error) => {
        if (!this.take(stream.id, 'error')) return;
        stream.destroy(err);
        reject(err);
      };
      const onAbort = () => giveUp(new TunnelError(TunnelErrorCodes.CANCELLED, `${what} cancelled`, { cause: signal?.reason }));
      const timer = setTimeout(() => giveUp(new TunnelError(TunnelErrorCodes.OPEN_TIMEOUT, `${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
      (this.#entries ??= new Map()).set(stream.id, { stream, resolve, reject, timer, signal, onAbort, startedAt: performance.now() });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Removes the open for `id` and stops its timer; the caller settles it. */
  take(id: number, outcome: 'ok' | 'error'): PendingOpen | undefined {
    const e = this.#entries?.get(id);
    if (!e) return undefined;
    this.#entries!.delete(id);
    if (this.#entries!.size === 0) this.#entries = undefined;
    clearTimeout(e.timer);
    e.signal?.removeEventListener('abort', e.onAbort);
    this.#metrics?.observeOpen((performance.now() - e.startedAt) / 1000, outcome);
    return e;
  }

  /** The peer answered OpenOk: the stream is open with `initialWindow` bytes of credit. */
  accepted(id: number, initialWindow: number): void {
    const p = this.take(id, 'ok');
    if (!p) return;
    p.stream.state = 'open';
    if (!p.stream.addCredit(initialWindow)) {
      const err = new TunnelError(TunnelErrorCodes.FLOW_CONTROL, `initial window ${initialWindow} too large`);
      p.stream.destroy(err);
      p.reject(err);
      return;
    }
    p.resolve(p.stream);
  }

  /** The peer answered OpenError. */
  refused(id: number, code: number | null | undefined, message: string | null | undefined): void {
    const p = this.take(id, 'error');
    if (!p) return;
    const err = errorFromWire(code, message, `open ${formatTarget(p.stream.target)} refused by peer`);
    p.stream.abort(err);
    p.reject(err);
  }

  /** The stream ended before the peer answered its Open: the open fails with the stream's error (else CANCELLED). */
  released(stream: TunnelStream): void {
    this.take(stream.id, 'error')?.reject(stream.errored ?? new TunnelError(TunnelErrorCodes.CANCELLED, `stream ${stream.id} closed before it opened`));
  }

  /** Rejects every pending open with `err`. */
  rejectAll(err: Error): void {
    for (const id of [...(this.#entries?.keys() ?? [])]) this.take(id, 'error')?.reject(err);
  }
}
