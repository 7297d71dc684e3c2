/**
 * One multiplexed stream: a Node Duplex whose writes become DATA frames within
 * the credit the peer granted, and whose reads return credit as the
 * application consumes bytes. The session owns the wire; the stream only keeps
 * its own state and asks its host to act.
 */
import { Duplex } from 'node:stream';
import type { Target } from './dial.ts';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { isPoolChunk } from './receive-buffer.ts';

const EMPTY = Buffer.alloc(0);

/** What a stream needs from its session. */
export interface StreamHost {
  /** The stream has data and credit: schedule it on the fair writer. */
  wakeWriter(stream: TunnelStream): void;
  /** Send our FIN for the stream (all its DATA has been handed to the writer). */
  sendFin(stream: TunnelStream): void;
  /** Send Reset for the stream with the code matching `err`. */
  sendReset(stream: TunnelStream, err: Error | null): void;
  /** The application consumed `bytes` of the stream's received data. */
  consumed(stream: TunnelStream, bytes: number): void;
  /** The stream is gone; forget it and release its buffers. */
  released(stream: TunnelStream): void;
  /** Send one DATA frame; `frees` is a receive-buffer pool chunk to reuse once the frame is out. */
  sendData(id: number, payload: Buffer, frees?: Buffer): void;
}

/** opening: our Open is in flight; accepting: the peer's Open is being dialled; open: both sides agreed. */
export type StreamState = 'opening' | 'accepting' | 'open';

export class TunnelStream extends Duplex {
  readonly id: number;
  readonly target: Target;
  /** True when this side sent the Open. */
  readonly local: boolean;
  state: StreamState;

  /** Bytes we may still send (granted by the peer). */
  sendCredit = 0;
  /** Bytes the peer may still send us (credit we granted and it has not used). */
  recvWindow = 0;
  /** Consumed bytes whose credit we have not yet returned to the peer. */
  ungranted = 0;
  /** Set while the stream sits in the fair writer's ready queue. */
  queued = false;
  localFinSent = false;
  remoteFin = false;
  /** Bytes received and handed to the readable side but not yet consumed. */
  unread = 0;
  /**
   * Opener: DATA may go out before OpenOk (openStream's `early`). Accepter: the session
   * agreed "early-data", so DATA may arrive while the dial is in progress.
   */
  early = false;
  /** Accepter: the credit OpenOk grants (the window less what the Open carried implicitly). */
  acceptWindow = 0;

  readonly #host: StreamHost;
  #pending: Buffer | null = null;
  #pendingOffset = 0;
  #pendingCb: ((err?: Error | null) => void) | null = null;
  #pushed = 0;
  #accounted = 0;
  #resetByPeer = false;

  constructor(host: StreamHost, id: number, target: Target, local: boolean, state: StreamState, writeBufferBytes: number) {
    super({ allowHalfOpen: true, writableHighWaterMark: writeBufferBytes, readableHighWaterMark: writeBufferBytes });
    this.#host = host;
    this.id = id;
    this.target = target;
    this.local = local;
    this.state = state;
  }

  /** Both directions finished cleanly on the wire; no more frames will flow. */
  get wireDone(): boolean {
    return this.localFinSent && this.remoteFin;
  }

  /** True when the stream has bytes waiting and credit to send them. */
  get canSend(): boolean {
    return this.#pending !== null && this.sendCredit > 0 && this.#sendable();
  }

  #sendable(): boolean {
    return this.state === 'open' || (this.early && this.state === 'opening');
  }

  // ---- writable side -------------------------------------------------------

  override _write(chunk: Buffer, _encoding: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.#pending = chunk;
    this.#pendingOffset = 0;
    this.#pendingCb = cb;
    this.#host.wakeWriter(this);
  }

  /**
   * Called by the fair writer: sends at most one frame of up to `maxFrame`
   * bytes. Returns true when the stream could send more right away.
   */
  writeSome(maxFrame: number): boolean {
    const chunk = this.#pending;
    if (chunk === null || this.sendCredit <= 0 || !this.#sendable()) return false;
    const n = Math.min(chunk.length - this.#pendingOffset, this.sendCredit, maxFrame);
    const last = this.#pendingOffset + n === chunk.length;
    // A receive-buffer chunk goes back to its pool once the frame with its last byte is out
    // (frames of one session leave in order, so the earlier ones are out too).
    const frees = last && isPoolChunk(chunk) ? chunk : undefined;
    this.#host.sendData(this.id, n === chunk.length ? chunk : chunk.subarray(this.#pendingOffset, this.#pendingOffset + n), frees);
    this.sendCredit -= n;
    this.#pendingOffset += n;
    if (last) {
      const cb = this.#pendingCb;
      this.#pending = null;
      this.#pendingCb = null;
      cb?.();
    }
    return this.canSend;
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.#host.sendFin(this);
    this.localFinSent = true;
    cb();
  }

  /** The peer granted more credit. Returns false when the grant overflows 31 bits (a protocol violation). */
  addCredit(increment: number): boolean {
    this.sendCredit += increment;
    if (this.sendCredit > 0x7fffffff) return false;
    if (this.#pending !== null) this.#host.wakeWriter(this);
    return true;
  }

  // ---- readable side -------------------------------------------------------

  /** A DATA frame for this stream. Returns an error code when the peer broke the rules. */
  receive(payload: Buffer): TunnelError | undefined {
    if (this.remoteFin) return new TunnelError(TunnelErrorCodes.PROTOCOL, `DATA after FIN on stream ${this.id}`);
    if (payload.length > this.recvWindow) {
      return new TunnelError(TunnelErrorCodes.FLOW_CONTROL, `peer sent ${payload.length} bytes on stream ${this.id} with only ${this.recvWindow} bytes of credit`);
    }
    this.recvWindow -= payload.length;
    this.#pushed += payload.length;
    this.unread += payload.length;
    this.push(payload);
    return undefined;
  }

  override _read(): void {
    const delivered = this.#pushed - this.readableLength;
    const n = delivered - this.#accounted;
    if (n > 0) {
      this.#accounted = delivered;
      this.unread -= n;
      this.#host.consumed(this, n);
    }
    // Data arrives on its own schedule, so there is nothing to push now. An empty
    // push clears Readable's "reading" flag, so the next read() calls _read again
    // and consumption keeps being counted; otherwise credit would only be returned
    // on the next DATA frame, which never comes once the peer's credit is spent.
    if (!this.remoteFin) this.push(EMPTY);
  }

  /** The peer sent FIN: no more data will arrive. */
  receiveFin(): void {
    this.remoteFin = true;
    this.push(null);
  }

  /** The peer reset the stream (or the session ended it): fail it without answering. */
  abort(err: Error): void {
    this.#resetByPeer = true;
    this.destroy(err);
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.#resetByPeer && !this.wireDone) this.#host.sendReset(this, err);
    const pendingCb = this.#pendingCb;
    this.#pending = null;
    this.#pendingCb = null;
    this.#host.released(this);
    pendingCb?.(err ?? new TunnelError(TunnelErrorCodes.CANCELLED, `stream ${this.id} destroyed`));
    cb(err);
  }

  // Socket look-alikes, so HTTP clients that tune sockets accept a stream.
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
