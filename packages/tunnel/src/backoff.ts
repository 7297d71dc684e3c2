/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential
 * Backoff And Jitter"): the n-th delay is uniform in [0, min(cap, base * 2^n)).
 * `reset()` after a connection has stayed up for a stable period.
 */
export interface BackoffOptions {
  /** First ceiling, ms. Default 500. */
  baseMs?: number;
  /** Largest ceiling, ms. Default 30 s. */
  capMs?: number;
  /**
   * Largest ceiling after a connection refused outright (nothing listens: the server is
   * restarting), ms. Default 5 s. Such a retry costs the server nothing, and a lower ceiling
   * brings a fleet back within seconds of a restart instead of up to `capMs` (issue 15).
   */
  refusedCapMs?: number;
  /** Source of randomness in [0, 1). Default Math.random. */
  random?: () => number;
}

export class Backoff {
  readonly baseMs: number;
  readonly capMs: number;
  readonly refusedCapMs: number;
  readonly #random: () => number;
  #attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.baseMs = options.baseMs ?? 500;
    this.capMs = options.capMs ?? 30_000;
    this.refusedCapMs = Math.min(this.capMs, options.refusedCapMs ?? 5_000);
    this.#random = options.random ?? Math.random;
    if (!(this.baseMs > 0 && this.capMs >= this.baseMs)) throw new RangeError('backoff needs 0 < baseMs <= capMs');
  }

  get attempt(): number {
    return this.#attempt;
  }

  /** The ceiling the next delay is drawn under. */
  ceiling(): number {
    return Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.#attempt, 30));
  }

  /** The next delay, ms; advances the attempt count. `refused`: the connection was refused outright (see refusedCapMs). */
  next(options: { refused?: boolean } = {}): number {
    const ceiling = options.refused === true ? Math.min(this.ceiling(), this.refusedCapMs) : this.ceiling();
    const delay = Math.floor(this.#random() * ceiling);
    this.#attempt++;
    return delay;
  }

  /** A delay drawn under the cap, for failures that will not heal soon (credential refused). */
  atCap(): number {
    this.#attempt = Math.max(this.#attempt, 31);
    return Math.floor(this.#random() * this.capMs);
  }

  reset(): void {
    this.#attempt = 0;
  }
}
