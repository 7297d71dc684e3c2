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
  readonly #streams = new Map<number, TunnelStream>();
  readonly #peerParity: number;
  #nextId: number;
  #highestPeerId = 0;
  #peerStreams = 0;
  #version = 0;

  constructor(role: 'client' | 'server') {
    this.#nextId = role === 'client' ? 1 : 2;
    this.#peerParity = role === 'client' ? 0 : 1;
  }

  get size(): number {
    return this.#streams.size;
  }
  /** Streams the peer opened. */
  get peerCount(): number {
    return this.#peerStreams;
  }
  /** Streams we opened. */
  get localCount(): number {
    return this.#streams.size - this.#peerStreams;
  }
  /** Changes whenever the set of ids or the highest peer id does (what a SyncStreams says). */
  get version(): number {
    return this.#version;
  }
  /** The highest stream id the peer has opened so far. */
  get highestPeerId(): number {
    return this.#highestPeerId;
  }

  get(id: number): TunnelStream | undefined {
    return this.#streams.get(id);
  }

  values(): IterableIterator<TunnelStream> {
    return this.#streams.values();
  }

  ids(): number[] {
    return [...this.#streams.keys()];
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
    this.#version++;
    return true;
  }

  add(stream: TunnelStream): void {
    this.#streams.set(stream.id, stream);
    this.#version++;
    if (!stream.local) this.#peerStreams++;
  }

  /** Removes the stream if it is the one registered under its id; returns whether it was. */
  remove(stream: TunnelStream): boolean {
    if (this.#streams.get(stream.id) !== stream) return false;
    this.#streams.delete(stream.id);
    this.#version++;
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
    for (const stream of this.#streams.values()) {
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
    for (const s of this.#streams.values()) n += s.unread;
    return n;
  }

  /** Streams with data waiting and no credit. */
  zeroWindowCount(): number {
    let n = 0;
    for (const s of this.#streams.values()) if (s.sendCredit === 0 && s.writableLength > 0) n++;
    return n;
  }
}
