/**
 * The streams of one session, by id: id allocation (odd for the client, even for
 * the server, never reused), the peer's ids in order, counts for limits and
 * metrics, and the SyncStreams reconciliation that finds streams the peer has
 * forgotten.
 */
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { MAX_STREAM_ID } from './frame.ts';
import type { TunnelStream } from './stream.ts';

export class StreamTable {
  /**
   * The only stream while there is one; with more, all are in `#many`. Most sessions hold one
   * stream for days (the command channel), and a Map's table was ~0.2 KB of each (ADR 0029).
   */
  #one: TunnelStream | undefined;
  #many: Map<number, TunnelStream> | undefined;
  readonly #peerParity: number;
  #nextId: number;
  #highestPeerId = 0;
  #peerStreams = 0;
  #removals = 0;

  constructor(role: 'client' | 'server') {
    this.#nextId = role === 'client' ? 1 : 2;
    this.#peerParity = role === 'client' ? 0 : 1;
  }

  get size(): number {
    return this.#many?.size ?? (this.#one === undefined ? 0 : 1);
  }
  /** Streams the peer opened. */
  get peerCount(): number {
    return this.#peerStreams;
  }
  /** Streams we opened. */
  get localCount(): number {
    return this.size - this.#peerStreams;
  }
  /**
   * Streams that have left the table so far. Only a stream leaving can make the peer hold one
   * this side forgot (the peer learns of every new one from its Open or OpenOk), so a SyncStreams
   * is owed after a removal, not after an addition (session-upkeep.ts).
   */
  get removals(): number {
    return this.#removals;
  }
  /** The highest stream id the peer has opened so far. */
  get highestPeerId(): number {
    return this.#highestPeerId;
  }

  get(id: number): TunnelStream | undefined {
    return this.#one?.id === id ? this.#one : this.#many?.get(id);
  }

  /** The streams, in the order they were added. */
  values(): Iterable<TunnelStream> {
    return this.#many?.values() ?? (this.#one === undefined ? [] : [this.#one]);
  }

  ids(): number[] {
    return Array.from(this.values(), (s) => s.id);
  }

  /** The next id of ours, or undefined when the id space is used up. */
  allocate(): number | undefined {
    if (this.#nextId > MAX_STREAM_ID - 2) return undefined;
    const id = this.#nextId;
    this.#nextId += 2;
    return id;
  }

  /** Accepts a peer-opened id: it must have the peer's parity and be higher than any before. */
  claimPeerId(id: number): boolean {
    if (id % 2 !== this.#peerParity || id <= this.#highestPeerId) return false;
    this.#highestPeerId = id;
    return true;
  }

  add(stream: TunnelStream): void {
    if (this.#many !== undefined) this.#many.set(stream.id, stream);
    else if (this.#one === undefined) this.#one = stream;
    else {
      this.#many = new Map([[this.#one.id, this.#one], [stream.id, stream]]);
      this.#one = undefined;
    }
    if (!stream.local) this.#peerStreams++;
  }

  /** Removes the stream if it is the one registered under its id; returns whether it was. */
  remove(stream: TunnelStream): boolean {
    if (this.get(stream.id) !== stream) return false;
    if (this.#one === stream) this.#one = undefined;
    else if (this.#many !== undefined) {
      this.#many.delete(stream.id);
      if (this.#many.size <= 1) {
        this.#one = this.#many.values().next().value;
        this.#many = undefined;
      }
    }
    this.#removals++;
    if (!stream.local) this.#peerStreams--;
    return true;
  }

  /**
   * Streams the peer no longer holds, given its SyncStreams: ones it opened that it does
   * not list, and ones we opened that it has seen (id <= highestSeenOfOurs) but does not
   * list. Streams finished on the wire in both directions are only draining locally.
   */
  forgotten(peerIds: readonly number[], highestSeenOfOurs: number): TunnelStream[] {
    const held = new Set(peerIds);
    const out: TunnelStream[] = [];
    for (const stream of this.values()) {
      if (held.has(stream.id) || stream.wireDone) continue;
      if (!stream.local || stream.id <= highestSeenOfOurs) out.push(stream);
    }
    return out;
  }

  /** Aborts the streams {@link forgotten} names with STREAM_RESET; returns how many. */
  abortForgotten(peerIds: readonly number[], highestSeenOfOurs: number): number {
    const streams = this.forgotten(peerIds, highestSeenOfOurs);
    for (const stream of streams) stream.abort(new TunnelError(TunnelErrorCodes.STREAM_RESET, `stream ${stream.id} is unknown to the peer (sync)`));
    return streams.length;
  }

  /** Bytes received and not yet read, across streams. */
  unreadBytes(): number {
    let n = 0;
    for (const s of this.values()) n += s.unread;
    return n;
  }

  /** Streams with data waiting and no credit. */
  zeroWindowCount(): number {
    let n = 0;
    for (const s of this.values()) if (s.sendCredit === 0 && s.writableLength > 0) n++;
    return n;
  }
}
