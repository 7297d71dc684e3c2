/**
 * Where WebSocket frames end in a byte stream (RFC 6455 §5.2), so the proxy can close a client
 * properly when the upstream fails after the 101: a Close frame may only go out between frames.
 * The tracker reads frame headers (masked or not) and counts payload bytes; it never buffers data.
 */

/** Frame reader states. */
const HEADER = 0;
const PAYLOAD = 1;

export class FrameBoundaryTracker {
  #state = HEADER;
  /** Header bytes seen of the current frame (at most 14). */
  #header = Buffer.alloc(14);
  #headerLen = 0;
  /** Payload bytes still to come of the current frame. */
  #remaining = 0;

  /** True between frames: a whole number of frames has passed. */
  get atBoundary(): boolean {
    return this.#state === HEADER && this.#headerLen === 0;
  }

  /** Accounts for `chunk`, which the caller forwards as it is. */
  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#state === PAYLOAD) {
        const take = Math.min(this.#remaining, chunk.length - i);
        this.#remaining -= take;
        i += take;
        if (this.#remaining === 0) this.#state = HEADER;
        continue;
      }
      this.#header[this.#headerLen++] = chunk[i++]!;
      const need = this.#headerNeeded();
      if (need !== undefined && this.#headerLen === need) this.#startPayload();
    }
  }

  /** Header length once its first two bytes are known. */
  #headerNeeded(): number | undefined {
    if (this.#headerLen < 2) return undefined;
    const b1 = this.#header[1]!;
    const len7 = b1 & 0x7f;
    return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
  }

  #startPayload(): void {
    const len7 = this.#header[1]! & 0x7f;
    let len: number;
    if (len7 === 126) len = this.#header.readUInt16BE(2);
    else if (len7 === 127) len = Number(this.#header.readBigUInt64BE(2));
    else len = len7;
    this.#headerLen = 0;
    this.#remaining = len;
    this.#state = len === 0 ? HEADER : PAYLOAD;
  }
}

/** A server-to-client (unmasked) Close frame with `code` and a reason (printable ASCII, cut to 123 bytes). */
export function closeFrame(code: number, reason: string): Buffer {
  const text = Buffer.from(reason.replace(/[^\x20-\x7e]/g, '?').slice(0, 123), 'ascii');
  const frame = Buffer.alloc(4 + text.length);
  frame[0] = 0x88;
  frame[1] = 2 + text.length;
  frame.writeUInt16BE(code, 2);
  text.copy(frame, 4);
  return frame;
}
