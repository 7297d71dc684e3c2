/**
 * Length-delimited messages over a byte stream (a tunnel stream to a service, usually): each
 * message is its bytes preceded by their length as a base-128 varint, protobuf's
 * "length-delimited" form. The tunnel still knows nothing of what the messages mean.
 *
 *   const messages = new MessageStream(stream, { maxMessageBytes: 4 << 20 }, {
 *     onMessage: (bytes) => handle(Request.decode(bytes)),
 *     onClose: (err) => cleanUp(err),
 *   });
 *   messages.send(Reply.encode(reply).finish());
 *
 * A message longer than `maxMessageBytes`, a length prefix longer than 5 bytes, or an end of
 * stream in the middle of a message destroys the stream with a TunnelError
 * (MESSAGE_TOO_LARGE / MESSAGE_TRUNCATED), which resets it on the wire with CODE_PROTOCOL.
 */
import type { Duplex } from 'node:stream';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { reportedThroughClose } from './pending-opens.ts';

/** At most 5 varint bytes: lengths are unsigned 32-bit. */
const MAX_PREFIX_BYTES = 5;

/** `bytes` with its varint length prefix. */
export function encodeMessage(bytes: Uint8Array): Buffer {
  const prefix: number[] = [];
  let n = bytes.length;
  while (n >= 0x80) {
    prefix.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  prefix.push(n);
  return Buffer.concat([Buffer.from(prefix), bytes]);
}

/**
 * Splits received bytes into messages. State: reading a length prefix (`#need` undefined) or a
 * body of `#need` bytes. Memory is bounded by `maxMessageBytes` plus one chunk.
 */
export class MessageReader {
  readonly #max: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #need: number | undefined;

  constructor(maxMessageBytes: number) {
    this.#max = maxMessageBytes;
  }

  /** True while part of a message (prefix or body) is held. */
  get partial(): boolean {
    return this.#buffered > 0 || this.#need !== undefined;
  }

  /**
   * Adds received bytes; returns the messages they complete, in order.
   * @throws TunnelError MESSAGE_TOO_LARGE for a length over the limit or a prefix over 5 bytes
   */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
    }
    const out: Buffer[] = [];
    for (;;) {
      if (this.#need === undefined) {
        const prefix = this.#readPrefix();
        if (prefix === undefined) return out;
        this.#take(prefix.bytes);
        this.#need = prefix.length;
      }
      if (this.#buffered < this.#need) return out;
      out.push(this.#take(this.#need));
      this.#need = undefined;
    }
  }

  #readPrefix(): { length: number; bytes: number } | undefined {
    let length = 0;
    let i = 0;
    for (const chunk of this.#chunks) {
      for (const byte of chunk) {
        length += (byte & 0x7f) * 2 ** (7 * i);
        i += 1;
        if ((byte & 0x80) === 0) {
          if (length > this.#max) throw new TunnelError(TunnelErrorCodes.MESSAGE_TOO_LARGE, `message of ${length} bytes exceeds the limit of ${this.#max}`);
          return { length, bytes: i };
        }
        if (i >= MAX_PREFIX_BYTES) throw new TunnelError(TunnelErrorCodes.MESSAGE_TOO_LARGE, `message length prefix longer than ${MAX_PREFIX_BYTES} bytes`);
      }
    }
    return undefined;
  }

  /** Removes and returns the first `n` buffered bytes (copying only when they span chunks). */
  #take(n: number): Buffer {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (first !== undefined && first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const chunk = this.#chunks[0]!;
      const used = Math.min(chunk.length, n - at);
      chunk.copy(out, at, 0, used);
      at += used;
      if (used === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(used);
    }
    return out;
  }
}

/** Who a {@link MessageStream} reports to. */
export interface MessageHandler {
  /** One message, in order. */
  onMessage(bytes: Buffer): void;
  /** The stream is gone (called once); `err` is undefined when both sides ended it cleanly. */
  onClose(err: Error | undefined): void;
}

/**
 * Messages over a Duplex. Whoever holds it sends with `send`, ends its side with `end` (the
 * peer's end then closes it), or aborts with `destroy`. Reports to a handler object, not events:
 * a server holds one for each of 19,500 idle agents, and an emitter with its listeners, plus a
 * closure per listener on the stream, were ~0.7 KB of each (issue 15). The stream's listeners are
 * shared functions that find their MessageStream by the stream.
 */
export class MessageStream {
  static readonly #of = new WeakMap<Duplex, MessageStream>();
  readonly #stream: Duplex;
  readonly #reader: MessageReader;
  readonly #handler: MessageHandler;
  #closed = false;

  constructor(stream: Duplex, options: { maxMessageBytes: number }, handler: MessageHandler) {
    this.#stream = stream;
    this.#reader = new MessageReader(options.maxMessageBytes);
    this.#handler = handler;
    MessageStream.#of.set(stream, this);
    stream.on('data', MessageStream.#onData);
    stream.on('end', MessageStream.#onEnd);
    // Errors are reported through 'close' (stream.errored). A tunnel stream already carries the
    // session's listener for its life; a second would make its 'error' listeners an array,
    // ~0.1 KB of every idle agent's command channel on the server (issue 15).
    if (!stream.listeners('error').includes(reportedThroughClose)) stream.on('error', reportedThroughClose);
    stream.on('close', MessageStream.#onClose);
    // Already closed (a peer's reset read together with its OpenOk closes the stream before the
    // opener's `await` resumes): 'close' will not come again, so report it in a later turn.
    if (stream.closed) setImmediate(() => this.#finish(stream.errored ?? undefined));
  }

  static #onData(this: Duplex, chunk: Buffer): void {
    const m = MessageStream.#of.get(this);
    if (m !== undefined) m.#receive(chunk);
  }

  static #onEnd(this: Duplex): void {
    const m = MessageStream.#of.get(this);
    if (m !== undefined && m.#reader.partial) m.destroy(new TunnelError(TunnelErrorCodes.MESSAGE_TRUNCATED, 'the stream ended in the middle of a message'));
    // Our side may have ended first (a server shutdown ends every command channel): end() again
    // would only make an ERR_STREAM_ALREADY_FINISHED, stack trace included, for nobody.
    else if (!this.writableEnded && !this.destroyed) this.end();
  }

  static #onClose(this: Duplex): void {
    const m = MessageStream.#of.get(this);
    if (m !== undefined) m.#finish(this.errored ?? undefined);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one message; false (and nothing sent) once the stream is closed or ending. */
  send(bytes: Uint8Array): boolean {
    if (this.#closed || this.#stream.writableEnded || this.#stream.destroyed) return false;
    this.#stream.write(encodeMessage(bytes));
    return true;
  }

  /** Half-closes our side: the peer reads the end, ends its side, and the stream closes. */
  end(): void {
    if (!this.#stream.writableEnded) this.#stream.end();
  }

  /** Aborts the stream now (a tunnel stream is reset with the error's code). */
  destroy(err?: Error): void {
    this.#stream.destroy(err);
  }

  #receive(chunk: Buffer): void {
    let messages: Buffer[];
    try {
      messages = this.#reader.push(chunk);
    } catch (err) {
      this.destroy(err as Error);
      return;
    }
    for (const m of messages) {
      if (this.#closed || this.#stream.destroyed) return;
      this.#handler.onMessage(m);
    }
  }

  #finish(err: Error | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    MessageStream.#of.delete(this.#stream);
    this.#handler.onClose(err);
  }
}
