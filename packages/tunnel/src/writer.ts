/**
 * The fair writer: streams with data and credit wait in a round-robin queue and
 * send one frame per turn, so a bulk transfer cannot starve another stream.
 * Data is handed to the transport only while fewer than `highWater` bytes are
 * in flight (session-level backpressure from the socket); control frames skip
 * the queue, so they wait behind at most `highWater` bytes of data.
 */
import { encodeData, encodeDataHeader, HEADER_BYTES } from './frame.ts';
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

  /** Sends one DATA frame, counting it against the in-flight bound; `done` runs once it is out. */
  data(id: number, payload: Buffer, done?: () => void): void {
    const n = HEADER_BYTES + payload.length;
    this.#inflight += n;
    this.bytesOut += n;
    const sent = () => {
      done?.();
      this.#inflight -= n;
      if (this.#inflight < this.#highWater && this.#head < this.#ready.length) this.pump();
    };
    if (this.#transport.sendParts) this.#transport.sendParts(encodeDataHeader(id), payload, sent);
    else this.#transport.send(encodeData(id, payload), sent);
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
      if (this.#head > 256 && this.#head * 2 > this.#ready.length) {
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
