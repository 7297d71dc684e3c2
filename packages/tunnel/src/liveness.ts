/**
 * Liveness for one session: when we last heard from the peer, pings in flight
 * and the measured round trip. The session's upkeep (session-upkeep.ts) calls `tick()`
 * once a tick period and acts on the answer; any frame from the peer counts as a sign of life.
 */
import { performance } from 'node:perf_hooks';

/** Pings kept waiting for their pong; an older one's pong is unknown. */
const UNANSWERED = 8;

/** One clock for every session (a default parameter's arrow was a closure per session). */
const monotonicMs = (): number => performance.now();

export class Liveness {
  #pingIntervalMs: number;
  #deadAfterMs: number;
  /** When each of the last {@link UNANSWERED} pings went out, by id % UNANSWERED (NaN: answered). */
  readonly #sentAt: number[] = new Array<number>(UNANSWERED).fill(Number.NaN);
  readonly #now: () => number;
  #lastRecvAt: number;
  #lastPingAt = 0;
  #seq = 0;
  /** The peer leads the heartbeat (see retune): ping only when it has missed its turn. */
  #follower = false;

  /** `now`: a monotonic clock in ms (tests drive one). */
  constructor(pingIntervalMs: number, deadAfterMs: number, now: () => number = monotonicMs) {
    this.#pingIntervalMs = pingIntervalMs;
    this.#deadAfterMs = deadAfterMs;
    this.#now = now;
    this.#lastRecvAt = now();
  }

  /** Silence after which tick() says dead, ms. */
  get deadAfterMs(): number {
    return this.#deadAfterMs;
  }

  /**
   * The heartbeat agreed in the handshake (handshake.ts); before the timers start. `follow`: the
   * peer (a server that announced its heartbeat) leads: this side pings only after an interval and
   * a tick of silence, the longest the leader's own ping can take, so in a healthy session only the
   * leader pings and every round trip is measured where it is kept (the server writes it on the
   * Node). Taking turns, the server measured only the half it pinged itself: three samples for a
   * Node's RTT took six exchanges.
   */
  retune(pingIntervalMs: number, deadAfterMs: number, follow = false): void {
    this.#pingIntervalMs = pingIntervalMs;
    this.#deadAfterMs = deadAfterMs;
    this.#follower = follow;
  }

  /** How often the session should call tick(), ms. */
  get tickMs(): number {
    return Math.max(1, Math.min(this.#pingIntervalMs, Math.floor(this.#deadAfterMs / 4)));
  }

  heard(): void {
    this.#lastRecvAt = this.#now();
  }

  /**
   * 'dead' (with the silence in ms), 'ping' when a ping is due, or undefined. After the first,
   * a ping is due only when the peer has also been silent for an interval: when the peer's own
   * ping (or anything else) was heard, its pong keeps the peer's silence short too. Both ends
   * used to ping every interval; now they take turns: a third fewer heartbeat frames for an idle
   * fleet (19,500 sessions sent ~2,600 a second each way, issue 15). Neither side's
   * silence grows past an interval plus a tick and a round trip.
   */
  tick(): { dead: number } | 'ping' | undefined {
    const now = this.#now();
    const silence = now - this.#lastRecvAt;
    if (silence > this.#deadAfterMs) return { dead: Math.round(silence) };
    if (now - this.#lastPingAt < this.#pingIntervalMs) return undefined;
    if (this.#follower) return silence >= this.#pingIntervalMs + this.tickMs ? 'ping' : undefined;
    return this.#lastPingAt === 0 || silence >= this.#pingIntervalMs ? 'ping' : undefined;
  }

  /** Records a ping being sent; returns its id. Keeps the last 8 unanswered. */
  sendPing(): number {
    const id = (this.#seq = (this.#seq + 1) >>> 0);
    const now = this.#now();
    this.#lastPingAt = now;
    this.#sentAt[id % UNANSWERED] = now;
    return id;
  }

  /** The round trip in ms for a pong, or undefined for an unknown (or already answered) id. */
  pong(id: number): number | undefined {
    // Ids are sequential: one of the last UNANSWERED sent (wrapping at 2^32) has its slot.
    if (((this.#seq - id) >>> 0) >= UNANSWERED) return undefined;
    const slot = id % UNANSWERED;
    const sentAt = this.#sentAt[slot]!;
    if (Number.isNaN(sentAt)) return undefined;
    this.#sentAt[slot] = Number.NaN;
    return this.#now() - sentAt;
  }
}
