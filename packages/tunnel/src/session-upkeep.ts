/**
 * A session's periodic upkeep: the heartbeat and the stream sync, run by a tick wheel
 * (tick-wheel.ts) from the end of the handshake until the session ends. One registration per
 * session: the wheel calls `onPeriod` once a heartbeat tick (or once a sync interval, if that is
 * shorter), and the sync runs on every n-th call, n = sync interval ÷ period (rounded).
 *
 * - Heartbeat: each tick acts on Liveness's verdict (liveness.ts): send a Ping, or end a session
 *   whose peer has been silent too long (PEER_TIMEOUT; the transport is dropped, no close
 *   handshake). A Pong gives the round trip: `rttMs`, the 'rtt' event and the RTT metric.
 * - Stream sync: a SyncStreams goes out only after a period in which a stream left this side's
 *   table; a SyncStreams received drops the streams the peer has forgotten
 *   (StreamTable.abortForgotten).
 *
 * ~20,000 sessions live in one process, so the upkeep is no object of its own: it is the base
 * class of the session's frame handlers object (session.ts), whose methods sit on shared
 * prototypes. The abstract members are its host interface: the nested class implements them to
 * reach the session's private state. No #private methods here: they would give every instance a
 * class brand field.
 */
import { CloseCodes, TunnelError, TunnelErrorCodes } from './errors.ts';
import type { ControlMessage } from './frame.ts';
import type { PeerInfo } from './handshake.ts';
import { Liveness } from './liveness.ts';
import type { TunnelLogger } from './logger.ts';
import type { TunnelMetrics } from './metrics.ts';
import type { Session } from './session.ts';
import type { StreamTable } from './stream-table.ts';
import { everyPeriod, stopPeriod } from './tick-wheel.ts';

export abstract class SessionUpkeep {
  /** The session (its public members; the rest through the abstract members). */
  readonly s: Session;
  /** When the peer was last heard (any frame), and our pings in flight. */
  readonly liveness: Liveness;
  /** The wheel's period and slot while registered (slot -1: not registered). */
  #periodMs = 0;
  #slot = -1;
  /** Periods between two stream syncs (0: the peer takes no SyncStreams), and since the last. */
  #syncEvery = 0;
  #sinceSync = 0;
  /** The stream table's removals our last SyncStreams covered (none at the start: nothing to tell). */
  #syncedRemovals = 0;

  constructor(s: Session) {
    this.s = s;
    this.liveness = new Liveness(s.limits.pingIntervalMs, s.limits.deadPeerTimeoutMs);
  }

  /** The session's streams. */
  abstract get streams(): StreamTable;
  abstract get metrics(): TunnelMetrics | undefined;
  abstract get log(): TunnelLogger;
  /** Queue one control message on the wire (dropped once the session is closed). */
  abstract sendControl(id: number, control: ControlMessage): void;
  /** End the session with `err`; `terminate`: drop the transport without a close handshake. */
  abstract fail(err: TunnelError, closeCode: number, terminate: boolean): void;

  /** Once both Hellos have crossed: the heartbeat they agreed, and the stream sync if the peer takes SyncStreams. */
  startUpkeep(peer: PeerInfo): void {
    this.liveness.retune(peer.pingIntervalMs, peer.deadPeerTimeoutMs, peer.followsHeartbeat);
    const tick = this.liveness.tickMs;
    const sync = peer.capabilities.includes('sync-streams') ? this.s.limits.syncIntervalMs : 0;
    this.#periodMs = sync > 0 ? Math.min(tick, sync) : tick;
    this.#syncEvery = sync > 0 ? Math.max(1, Math.round(sync / this.#periodMs)) : 0;
    this.#slot = everyPeriod(this.#periodMs, this);
  }

  /** When the session ends. */
  stopUpkeep(): void {
    if (this.#slot < 0) return;
    stopPeriod(this.#periodMs, this, this.#slot);
    this.#slot = -1;
  }

  /** The wheel's call: the heartbeat tick (Liveness decides from the clock), and the sync when due. */
  onPeriod(): void {
    this.tick();
    if (this.#syncEvery === 0 || ++this.#sinceSync < this.#syncEvery) return;
    this.#sinceSync = 0;
    this.sendSync();
  }

  /** One heartbeat tick: a Ping when one is due, or the end of a session whose peer went silent. */
  tick(): void {
    const t = this.liveness.tick();
    if (t === 'ping') {
      this.s.ping();
      return;
    }
    if (t) this.fail(new TunnelError(TunnelErrorCodes.PEER_TIMEOUT, `no frame from the peer for ${t.dead} ms (limit ${this.liveness.deadAfterMs} ms)`), CloseCodes.PEER_TIMEOUT, true);
  }

  /** Session.ping() on an open session: a Ping now; returns its id. */
  sendPing(): number {
    const id = this.liveness.sendPing();
    this.sendControl(0, { ping: { id } });
    return id;
  }

  /** A Pong: updates `rttMs` and emits 'rtt' with the ping's id (a pong to an unknown ping is ignored). */
  pong(id: number): void {
    const rtt = this.liveness.pong(id);
    if (rtt === undefined) return;
    this.s.rttMs = rtt;
    this.metrics?.observeRtt(rtt / 1000);
    this.s.emit('rtt', rtt, id);
  }

  /**
   * A SyncStreams when a stream left this side's table since the last one: only a removal can
   * leave the peer holding a stream we forgot. A new stream needs none: the peer learns of it
   * from its Open or OpenOk, and the next removal's sync carries the set and the highest peer id
   * as they are then. 10,000 idle sessions syncing every minute cost ~2 % of a core (ADR 0025),
   * and a sync after each session's first stream (its command channel) was two frames per
   * session in the minute after a connect storm.
   */
  sendSync(): void {
    const streams = this.streams;
    if (this.s.state === 'closed' || streams.removals === this.#syncedRemovals) return;
    this.#syncedRemovals = streams.removals;
    this.sendControl(0, { syncStreams: { streamIds: streams.ids(), highestPeerId: streams.highestPeerId } });
  }

  /** The peer's SyncStreams: ends the streams it no longer holds. */
  syncStreams(ids: number[], highestSeenOfOurs: number): void {
    const reaped = this.streams.abortForgotten(ids, highestSeenOfOurs);
    if (reaped === 0) return;
    this.metrics?.countReaped(reaped);
    this.log.warn({ count: reaped }, 'tunnel dropped streams the peer had forgotten');
  }
}
