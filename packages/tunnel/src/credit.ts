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

export class CreditLedger {
  readonly #window: number;
  readonly #max: number;
  readonly #sendWindow: (stream: TunnelStream, increment: number) => void;
  readonly #starved = new Set<TunnelStream>();
  /** Streams whose peer is out of credit, to be granted at the end of the current job. */
  readonly #due = new Set<TunnelStream>();
  #flushQueued = false;
  readonly #flush = (): void => {
    this.#flushQueued = false;
    for (const stream of this.#due) if (!stream.remoteFin && !stream.destroyed) this.#grant(stream);
    this.#due.clear();
  };
  #committed = 0;

  /**
   * @param window  credit per stream (the initial window; consumed bytes are returned up to it)
   * @param max     bound on the session's commitment, bytes
   * @param sendWindow  sends a WINDOW frame
   */
  constructor(window: number, max: number, sendWindow: (stream: TunnelStream, increment: number) => void) {
    this.#window = window;
    this.#max = max;
    this.#sendWindow = sendWindow;
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
    if (stream.ungranted > 0) this.#starved.add(stream);
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
    if (stream.ungranted === 0) this.#starved.delete(stream);
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
    this.#due.add(stream);
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask(this.#flush);
  }

  /** The stream is gone: its credit and unread bytes no longer count. */
  release(stream: TunnelStream): void {
    this.#starved.delete(stream);
    this.#due.delete(stream);
    this.#committed -= stream.recvWindow + stream.unread;
    stream.recvWindow = 0;
    stream.unread = 0;
    this.#feedStarved();
  }

  clear(): void {
    this.#starved.clear();
    this.#due.clear();
  }

  #grant(stream: TunnelStream): void {
    const n = Math.min(stream.ungranted, this.#max - this.#committed);
    if (n > 0) {
      stream.ungranted -= n;
      stream.recvWindow += n;
      this.#committed += n;
      this.#sendWindow(stream, n);
    }
    if (stream.ungranted > 0) this.#starved.add(stream);
    else this.#starved.delete(stream);
  }

  #feedStarved(): void {
    for (const stream of this.#starved) {
      if (this.#committed >= this.#max) return;
      this.#grant(stream);
    }
  }
}
