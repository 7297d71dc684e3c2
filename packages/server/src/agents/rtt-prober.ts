/**
 * When a heartbeat RTT measures the network, and quick samples for a Node's first RTT.
 *
 * A pong is read when the server's event loop gets to it: in a connect or reconnect storm the
 * loop runs hundreds of milliseconds behind, and an RTT measured then is the server's own
 * backlog. Such samples are not taken (session-status.ts). The loop is *calm* when no tick of a
 * 50 ms timer came `calmLagMs` late or later in the last `calmForMs`, and the next is not overdue.
 *
 * A Node's first RTT is the median of three samples. At the heartbeat's pace (15 s) that was
 * 30–45 s after the connect, so after a storm of 19,500 fresh agents the first RTTs were
 * written for a minute into the quiet that followed (~480 writes/s). Instead, a session without
 * a written RTT asks for its next samples at once (and again for one read while the loop was
 * busy): each calm tick pings up to `perTick` of the sessions that asked. The first RTT is then
 * written within a second of the session's first calm heartbeat, and never from storm samples;
 * after a storm the fleet's first RTTs come at the prober's pace (2,000 pings a second). One timer for the
 * whole server; nothing per session but a place in the queue while it waits.
 */
import type { Session } from '@drover/tunnel';

export interface RttProber {
  /** The loop has kept time lately: a pong read now measures the network, not our backlog. */
  calm(): boolean;
  /** Pings `session` within a tick or a few (at most `perTick` sessions a tick), if it is still open then. */
  request(session: Session): void;
  /** Sessions waiting for their ping. */
  readonly queued: number;
  /** Stops the timer; queued sessions are dropped (their heartbeat measures them). */
  close(): void;
}

export interface RttProberOptions {
  /** Timer period, ms. Default 50. */
  tickMs?: number;
  /** A tick this late or later means the loop is busy, ms. Default 50. */
  calmLagMs?: number;
  /** How long after a late tick the loop counts as busy, ms. Default 500. */
  calmForMs?: number;
  /**
   * Pings sent per tick at most. Default 100: 2,000 a second, ~10 % of a core here for the seconds
   * after a storm. Small bursts: the pongs of one burst come back together, and the last one read
   * waits for the others (a burst of 500 added ~20 ms, and rewrote 2,000 RTTs after a restart).
   */
  perTick?: number;
  /** Clock, ms (tests). */
  now?: () => number;
}

export function createRttProber(options: RttProberOptions = {}): RttProber {
  const tickMs = options.tickMs ?? 50;
  const calmLagMs = options.calmLagMs ?? 50;
  const calmForMs = options.calmForMs ?? 500;
  const perTick = options.perTick ?? 100;
  const now = options.now ?? (() => performance.now());
  const queue = new Set<Session>();
  let lastTick = now();
  /** When a tick last came late. */
  let busyAt = -Infinity;

  const tick = (): void => {
    const t = now();
    if (t - lastTick - tickMs >= calmLagMs) busyAt = t;
    lastTick = t;
    if (queue.size === 0 || !calm()) return;
    let n = 0;
    for (const session of queue) {
      queue.delete(session);
      if (session.state === 'open') session.ping();
      if (++n >= perTick) break;
    }
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();

  function calm(): boolean {
    const t = now();
    return t - busyAt >= calmForMs && t - lastTick < tickMs + calmLagMs;
  }

  return {
    calm,
    request(session) {
      queue.add(session);
    },
    get queued() {
      return queue.size;
    },
    close() {
      clearInterval(timer);
      queue.clear();
    },
  };
}
