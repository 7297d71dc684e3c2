/**
 * What the metrics read from a session, and its byte counters. Apart from metrics.ts so that a
 * session (and so the agent) does not load prom-client: the agent has no registry, and
 * prom-client with its dependencies was ~4 MiB of the idle agent's RSS (issue 15).
 */

/** The per-session figures the metrics read at scrape time. */
export interface SessionStats {
  readonly openStreams: number;
  readonly pendingOpens: number;
  readonly bufferedBytes: number;
  readonly zeroWindowStreams: number;
  /** Bytes received/sent since the last scrape; the reader resets them. */
  takeByteCounts(): { in: number; out: number };
}

/**
 * A session's byte counts between scrapes: received bytes are added on the read path (one
 * addition per frame), sent bytes are read from the writer's running total at scrape time.
 */
export class ByteCounts {
  #in = 0;
  #inTotal = 0;
  #outReported = 0;

  received(n: number): void {
    this.#in += n;
    this.#inTotal += n;
  }

  /** Bytes received over the session's life (the tunnel view shows it). */
  get inTotal(): number {
    return this.#inTotal;
  }

  /** The bytes in and out since the last call; `outTotal` is the writer's running total. */
  take(outTotal: number): { in: number; out: number } {
    const counts = { in: this.#in, out: outTotal - this.#outReported };
    this.#in = 0;
    this.#outReported = outTotal;
    return counts;
  }
}
