/**
 * Receive-side credit for one session: how many bytes the peer may still send
 * on each stream, and a bound on the session's total commitment (credit
 * granted and not used, plus bytes received and not yet read). A stream that
 * cannot be granted credit because the session is at its bound waits in the
 * starved set and is fed as soon as another stream's reader frees room.
 *
 * Credit goes back in batches (ADR 0023): a stream's consumed bytes are returned once a
 * quarter of its window has been read, or, when the peer has run out of credit, at the end
 * of the current job (a microtask), so the many small reads of one turn make one WINDOW
 * frame. (Half a window halved the WINDOW frames but cost one-stream throughput.)
 */
import type { TunnelStream } from './stream.ts';

/** Where a ledger's WINDOW frames go (the session). An object, not a closure: one less per session. */
export interface WindowSink {
  sendWindow(stream: TunnelStream, increment: number): void;
}

export class CreditLedger {
  readonly #window: number;
  readonly #max: number;
  readonly #sink: WindowSink;
  // Both sets are created when first needed and dropped when emptied: an idle session has neither
  // (two empty Sets were ~0.4 KB for each of 19,500 sessions, issue 15).
  #starved: Set<TunnelStream> | undefined;
  /** Streams whose peer is out of credit, to be granted at the end of the current job. */
  #due: Set<TunnelStream> | undefined;
  #flushQueued = false;
  /** Grants what is due; made at the first batched grant (an idle session never needs it). */
  #flush: (() => void) | undefined;
  #committed = 0;

  /**
   * @param window  credit per stream (the initial window; consumed bytes are returned up to it)
   * @param max     bound on the session's commitment, bytes
   * @param sink  sends WINDOW frames
   */
  constructor(window: number, max: number, sink: WindowSink) {
    this.#window = window;
    this.#max = max;
    this.#sink = sink;
  }

  /** Bytes of credit outstanding plus bytes unread, across streams. */
  get committed(): number {
    return this.#committed;
  }

  /** Sets up a new stream's initial receive window, as much as the session bound allows now. */
  open(stream: TunnelStream): void {
    const granted = Math.min(this.#window, Math.max(0, this.#max - this.#committed));
    stream.recvWindow = granted;
    stream.ungranted = this.#window - granted;
    this.#committed += granted;
    if (stream.ungranted > 0) this.#starve(stream);
  }

  /**
   * Makes sure the peer may send `bytes` on a stream it opened with implicit early-data
   * credit, even when the session bound allowed less: that credit was granted by protocol.
   */
  reserve(stream: TunnelStream, bytes: number): void {
    const extra = bytes - stream.recvWindow;
    if (extra <= 0) return;
    stream.recvWindow += extra;
    stream.ungranted = Math.max(0, stream.ungranted - extra);
    this.#committed += extra;
    if (stream.ungranted === 0) this.#fed(stream);
  }

  /** The application read `bytes` of the stream; return credit once a quarter window has been read (or, batched, when the peer is out of credit). */
  consumed(stream: TunnelStream, bytes: number): void {
    this.#committed -= bytes;
    if (!stream.remoteFin && !stream.destroyed) {
      stream.ungranted += bytes;
      if (stream.ungranted >= this.#window / 4) this.#grant(stream);
      else if (stream.recvWindow === 0) this.#grantSoon(stream);
    }
    this.#feedStarved();
  }

  #grantSoon(stream: TunnelStream): void {
    (this.#due ??= new Set()).add(stream);
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask((this.#flush ??= () => {
      this.#flushQueued = false;
      const due = this.#due;
      this.#due = undefined;
      for (const stream of due ?? []) if (!stream.remoteFin && !stream.destroyed) this.#grant(stream);
    }));
  }

  /** The stream is gone: its credit and unread bytes no longer count. */
  release(stream: TunnelStream): void {
    this.#fed(stream);
    this.#due?.delete(stream);
    this.#committed -= stream.recvWindow + stream.unread;
    stream.recvWindow = 0;
    stream.unread = 0;
    this.#feedStarved();
  }

  clear(): void {
    this.#starved = undefined;
    this.#due = undefined;
  }

  #starve(stream: TunnelStream): void {
    (this.#starved ??= new Set()).add(stream);
  }

  /** The stream waits for session room no longer. */
  #fed(stream: TunnelStream): void {
    if (this.#starved?.delete(stream) === true && this.#starved.size === 0) this.#starved = undefined;
  }

  #grant(stream: TunnelStream): void {
    const n = Math.min(stream.ungranted, this.#max - this.#committed);
    if (n > 0) {
      stream.ungranted -= n;
      stream.recvWindow += n;
      this.#committed += n;
      this.#sink.sendWindow(stream, n);
    }
    if (stream.ungranted > 0) this.#starve(stream);
    else this.#fed(stream);
  }

  #feedStarved(): void {
    // Iterates the set as it is: a stream fed to the end empties and drops it, which ends this loop.
    for (const stream of this.#starved ?? []) {
      if (this.#committed >= this.#max) return;
      this.#grant(stream);
    }
  }
}
