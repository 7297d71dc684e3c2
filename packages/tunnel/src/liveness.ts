/**
 * Liveness for one session: when we last heard from the peer, pings in flight
 * and the measured round trip. The session calls `tick()` on an interval and
 * acts on the answer; any frame from the peer counts as a sign of life.
 */
import { performance } from 'node:perf_hooks';

export class Liveness {
  readonly #pingIntervalMs: number;
  readonly #deadAfterMs: number;
  readonly #sentAt = new Map<number, number>();
  #lastRecvAt = performance.now();
  #lastPingAt = 0;
  #seq = 0;

  constructor(pingIntervalMs: number, deadAfterMs: number) {
    this.#pingIntervalMs = pingIntervalMs;
    this.#deadAfterMs = deadAfterMs;
  }

  /** How often the session should call tick(), ms. */
  get tickMs(): number {
    return Math.max(1, Math.min(this.#pingIntervalMs, Math.floor(this.#deadAfterMs / 4)));
  }

  heard(): void {
    this.#lastRecvAt = performance.now();
  }

  /** 'dead' (with the silence in ms), 'ping' when a ping is due, or undefined. */
  tick(): { dead: number } | 'ping' | undefined {
    const now = performance.now();
    const silence = now - this.#lastRecvAt;
    if (silence > this.#deadAfterMs) return { dead: Math.round(silence) };
    return now - this.#lastPingAt >= this.#pingIntervalMs ? 'ping' : undefined;
  }

  /** Records a ping being sent; returns its id. Keeps at most 8 unanswered. */
  sendPing(): number {
    const id = (this.#seq = (this.#seq + 1) >>> 0);
    const now = performance.now();
    this.#lastPingAt = now;
    this.#sentAt.set(id, now);
    if (this.#sentAt.size > 8) this.#sentAt.delete(this.#sentAt.keys().next().value!);
    return id;
  }

  /** The round trip in ms for a pong, or undefined for an unknown id. */
  pong(id: number): number | undefined {
    const sentAt = this.#sentAt.get(id);
    if (sentAt === undefined) return undefined;
    this.#sentAt.delete(id);
    return performance.now() - sentAt;
  }
}
