/**
 * Admission control for TLS handshakes (issue 15). Node starts a handshake for every accepted
 * connection at once. In a reconnect storm of 10,000 agents all of them then advance together,
 * each a step per turn of the event loop, so every one takes as long as all of them: nothing
 * connected for the first 8 s of such a storm, and handshakes that outlived the 10 s handshake
 * timeout were reset and paid for again.
 *
 * Here at most `maxInFlight` handshakes run; the other connections wait, unread, in arrival
 * order, and a connection that waited `maxWaitMs` is closed before any crypto (its agent backs
 * off with jitter and comes back). Handshakes then finish at the pace the CPU allows, oldest
 * first. A handshake's slot is freed when it completes or fails, when its socket closes, or at
 * the latest the handshake timeout plus a second after it started.
 */
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyBaseLogger } from 'fastify';

export interface TlsAdmissionOptions {
  /** Handshakes in progress at most. */
  maxInFlight: number;
  /** Longest wait for a slot (ms); past it the connection is closed unread. */
  maxWaitMs: number;
  /** The server's handshake timeout (ms): a slot is freed at the latest a second after it. */
  handshakeTimeoutMs: number;
}

export interface TlsAdmission {
  /** Handshakes in progress, connections waiting, and connections closed after waiting too long. */
  stats(): { inFlight: number; queued: number; shed: number };
  /** Stops the sweep timer. */
  close(): void;
}

/** Where a handshake started, and how its socket's close frees the slot. */
interface InFlight {
  raw: Socket;
  deadline: number;
  onClose: () => void;
}

/**
 * Takes over `server`'s TLS 'connection' listener (Node's, its only one when the server was just
 * created): connections reach it only through the admission queue. Call it before any other
 * 'connection' listener is added; one prepended later (the per-source caps of
 * connection-limits.ts) still sees every connection first.
 */
export function admitTlsHandshakes(server: HttpsServer, options: TlsAdmissionOptions, log: FastifyBaseLogger): TlsAdmission {
  const tlsListeners = server.listeners('connection');
  if (tlsListeners.length !== 1) throw new Error(`expected the TLS server's own connection listener only, found ${tlsListeners.length}`);
  const startHandshake = tlsListeners[0] as (socket: Socket) => void;
  server.removeListener('connection', startHandshake);

  const inFlight = new Map<string, InFlight>();
  const queue: { raw: Socket; at: number }[] = [];
  let head = 0;
  let shed = 0;
  let lastWarned = 0;
  const keyOf = (s: { remoteAddress?: string | undefined; remotePort?: number | undefined }): string | undefined =>
    s.remoteAddress === undefined || s.remotePort === undefined ? undefined : `${s.remoteAddress}|${s.remotePort}`;

  function release(key: string): void {
    const entry = inFlight.get(key);
    if (entry === undefined) return;
    inFlight.delete(key);
    entry.raw.removeListener('close', entry.onClose);
    drain();
  }

  function start(raw: Socket): void {
    const key = keyOf(raw);
    if (key === undefined || inFlight.has(key)) {
      startHandshake.call(server, raw); // closed already, or a duplicate key: nothing to hold a slot for
      return;
    }
    const onClose = (): void => release(key);
    inFlight.set(key, { raw, deadline: Date.now() + options.handshakeTimeoutMs + 1000, onClose });
    raw.once('close', onClose);
    startHandshake.call(server, raw);
  }

  /** Drops the waiting connections at the head of the queue (the oldest) that closed or waited too long. */
  function pruneHead(now: number): void {
    while (head < queue.length) {
      const first = queue[head]!;
      if (!first.raw.destroyed && now - first.at <= options.maxWaitMs) return;
      queue[head++] = undefined as never;
      if (!first.raw.destroyed) shedOne(first.raw);
    }
  }

  /** Starts waiting handshakes while slots are free. */
  function drain(): void {
    const now = Date.now();
    for (pruneHead(now); inFlight.size < options.maxInFlight && head < queue.length; pruneHead(now)) {
      const next = queue[head]!;
      queue[head++] = undefined as never;
      start(next.raw);
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
  }

  function shedOne(raw: Socket): void {
    shed++;
    raw.destroy();
    if (Date.now() - lastWarned >= 60_000) {
      lastWarned = Date.now();
      log.warn({ maxInFlight: options.maxInFlight, maxWaitMs: options.maxWaitMs, queued: queue.length - head }, 'TLS handshakes queued too long were closed: the server is at its handshake capacity');
    }
  }

  server.on('connection', (raw: Socket) => {
    if (raw.destroyed) return;
    if (inFlight.size < options.maxInFlight && head === queue.length) start(raw);
    else queue.push({ raw, at: Date.now() });
  });
  const done = (socket: TLSSocket): void => {
    const key = keyOf(socket);
    if (key !== undefined) release(key);
  };
  server.on('secureConnection', done);
  server.on('tlsClientError', (_err: Error, socket: TLSSocket) => done(socket));

  // Frees slots whose handshake never reported (no event, no close), and closes connections that
  // waited too long while no slot freed.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, entry] of inFlight) if (entry.deadline <= now) release(key);
    drain();
  }, Math.min(1000, Math.max(50, Math.floor(options.maxWaitMs / 2))));
  sweep.unref();
  server.once('close', () => clearInterval(sweep));

  return {
    stats: () => ({ inFlight: inFlight.size, queued: queue.length - head, shed }),
    close: () => clearInterval(sweep),
  };
}
