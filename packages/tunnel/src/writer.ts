/**
 * The fair writer: streams with data and credit wait in a round-robin queue and
 * send one frame per turn, so a bulk transfer cannot starve another stream.
 * Data is handed to the transport only while fewer than `highWater` bytes are
 * in flight (session-level backpressure from the socket); control frames skip
 * the queue, so they wait behind at most `highWater` bytes of data.
 *
 * No allocation per frame here: the transport's send callbacks run in order, so one
 * bound callback takes each frame's size (and the pool chunk it frees, if any) off a FIFO.
 */
import { encodeData, HEADER_BYTES } from './frame.ts';
import { releaseChunk } from './receive-buffer.ts';
import type { TunnelStream } from './stream.ts';
import type { Transport } from './transport.ts';

export class FairWriter {
  readonly #transport: Transport;
  readonly #highWater: number;
  #maxFrame: number;
  #ready: TunnelStream[] = [];
  #head = 0;
  #inflight = 0;
  #pumping = false;
  /** Sizes of DATA frames handed to the transport and not yet sent, oldest first, and the pool chunk each frees. */
  readonly #sizes: number[] = [];
  readonly #frees: (Buffer | undefined)[] = [];
  /** A send failed: callbacks may no longer match frames, so pool chunks are no longer reused. */
  #failed = false;
  readonly #sent = (err?: Error | null): void => {
    const n = this.#sizes.shift() ?? 0;
    const chunk = this.#frees.shift();
    if (err) this.#failed = true;
    else if (chunk !== undefined && !this.#failed) releaseChunk(chunk);
    this.#inflight -= n;
    if (this.#inflight < this.#highWater && this.#head < this.#ready.length) this.pump();
  };
  /** Total bytes handed to the transport (frames, headers included). */
  bytesOut = 0;

  constructor(transport: Transport, highWater: number, maxFrame: number) {
    this.#transport = transport;
    this.#highWater = highWater;
    this.#maxFrame = maxFrame;
  }

  /** Lowers the DATA frame size to what the peer accepts. */
  setMaxFrame(bytes: number): void {
    this.#maxFrame = bytes;
  }

  get inflight(): number {
    return this.#inflight;
  }

  /** Puts a stream in the ready queue (once) and sends what the window allows. */
  wake(stream: TunnelStream): void {
    if (!stream.queued) {
      stream.queued = true;
      this.#ready.push(stream);
    }
    this.pump();
  }

  /** Sends a control frame ahead of queued data. */
  control(frame: Buffer): void {
    this.bytesOut += frame.length;
    this.#transport.send(frame);
  }

  /**
   * Sends one DATA frame, counting it against the in-flight bound. `frees`: a receive-buffer
   * pool chunk that goes back to its pool once this frame is out (its last frame).
   */
  data(id: number, payload: Buffer, frees?: Buffer): void {
    const n = HEADER_BYTES + payload.length;
    this.#inflight += n;
    this.bytesOut += n;
    this.#sizes.push(n);
    this.#frees.push(frees);
    if (this.#transport.sendData) this.#transport.sendData(id, payload, this.#sent);
    else this.#transport.send(encodeData(id, payload), this.#sent);
  }

  pump(): void {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#inflight < this.#highWater && this.#head < this.#ready.length) {
        const stream = this.#ready[this.#head++]!;
        stream.queued = false;
        if (stream.destroyed) continue;
        if (stream.writeSome(this.#maxFrame) && !stream.queued) {
          stream.queued = true;
          this.#ready.push(stream);
        }
      }
      if (this.#head > 0 && this.#head === this.#ready.length) {
        // All sent: length 0 lets V8 drop the array's backing store, which an idle session
        // would otherwise keep at the size its busiest moment grew it to.
        this.#ready.length = 0;
        this.#head = 0;
      } else if (this.#head > 256 && this.#head * 2 > this.#ready.length) {
        this.#ready = this.#ready.slice(this.#head);
        this.#head = 0;
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Forgets every queued stream (session teardown). */
  clear(): void {
    for (let i = this.#head; i < this.#ready.length; i++) this.#ready[i]!.queued = false;
    this.#ready = [];
    this.#head = 0;
  }
}
