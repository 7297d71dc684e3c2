/**
 * What a Session needs from the thing that carries its frames: ordered,
 * message-preserving, binary. `WebSocketTransport` adapts a `ws` WebSocket;
 * `createMemoryTransportPair` gives an in-memory pair for tests.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { encodeData, FrameType, HEADER_BYTES } from './frame.ts';

/** DATA payloads below this size wait for the end of the event-loop turn with control frames. */
const COALESCE_MAX_BYTES = 16 * 1024;

export interface TransportHandlers {
  /** One frame, in order. */
  message(frame: Buffer): void;
  /** The transport is gone; called once. `error` says why when it was not a clean close. */
  close(code: number, reason: string, error?: Error): void;
}

export interface Transport {
  /** Queue a frame. `cb` runs once the frame has left this process (or failed). */
  send(frame: Buffer, cb?: (err?: Error) => void): void;
  /**
   * Optional: send one DATA frame for stream `id` carrying `body` without copying it
   * (the data path's zero-copy send). Same semantics as send; callbacks run in order.
   */
  sendData?(id: number, body: Buffer, cb?: (err?: Error | null) => void): void;
  /** Begin a clean close with a WebSocket close code and a short reason (<= 123 bytes). */
  close(code: number, reason: string): void;
  /** Drop the connection now. */
  terminate(): void;
  /** Start delivering events; called once by the Session. */
  attach(handlers: TransportHandlers): void;
}

/**
 * Adapts a `ws` WebSocket (client or server side) that is already OPEN.
 * Construct it in the same tick as the 'open' event (or the upgrade callback):
 * it listens at once and holds frames that arrive before `attach`.
 */
export class WebSocketTransport implements Transport {
  /**
   * Each WebSocket's transport, for the listeners: they are shared functions (`this` is the
   * WebSocket), not closures, which were ~0.4 KB of each of 19,500 idle sessions (issue 15).
   */
  static readonly #of = new WeakMap<WebSocket, WebSocketTransport>();
  readonly #ws: WebSocket;
  /** Bytes of WebSocket header we write ourselves: 0 when the fast path is off. */
  readonly #direct: { socket: Socket; maskBytes: number } | undefined;
  /** ws's socket, corked while this turn of the event loop writes frames (see #coalesce). */
  readonly #socket: Socket | undefined;
  #corked = false;
  #error: Error | undefined;
  #early: Buffer[] | undefined = [];
  #handlers: TransportHandlers | undefined;

  /**
   * @param options.zeroMask  the client was created with a zero masking key (wss), so
   *   frames may be written without masking; servers never mask.
   */
  constructor(ws: WebSocket, options: { zeroMask?: boolean } = {}) {
    this.#ws = ws;
    ws.binaryType = 'nodebuffer';
    const internals = ws as unknown as { _isServer?: boolean; _socket?: Socket };
    // The fast path writes WebSocket frames straight to ws's socket, which is only
    // equivalent to ws.send when no extension transforms payloads (no
    // permessage-deflate) and no masking is needed (server, or a zero key).
    if (internals._socket && ws.extensions === '' && (internals._isServer === true || options.zeroMask === true)) {
      this.#direct = { socket: internals._socket, maskBytes: internals._isServer === true ? 0 : 4 };
    }
    this.#socket = internals._socket;
    WebSocketTransport.#of.set(ws, this);
    ws.on('message', WebSocketTransport.#onWsMessage);
  }

  static #onWsMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
    const t = WebSocketTransport.#of.get(this);
    if (t === undefined) return;
    if (!isBinary) {
      t.#error = new TunnelError(TunnelErrorCodes.FRAME_MALFORMED, 'text WebSocket message on a tunnel');
      this.close(1003, TunnelErrorCodes.FRAME_MALFORMED);
      return;
    }
    if (t.#handlers !== undefined) t.#handlers.message(data);
    else t.#early?.push(data);
  }

  static #onWsError(this: WebSocket, err: Error & { code?: string }): void {
    const t = WebSocketTransport.#of.get(this);
    if (t === undefined) return;
    t.#error = err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
      ? new TunnelError(TunnelErrorCodes.FRAME_TOO_LARGE, `WebSocket message over the size limit: ${err.message}`, { cause: err })
      : err;
  }

  static #onWsClose(this: WebSocket, code: number, reason: Buffer): void {
    const t = WebSocketTransport.#of.get(this);
    if (t === undefined) return;
    WebSocketTransport.#of.delete(this);
    t.#handlers?.close(code, reason.toString(), t.#error);
  }

  static #uncorkLater(t: WebSocketTransport): void {
    t.#uncork();
  }

  #uncork(): void {
    if (!this.#corked) return;
    this.#corked = false;
    this.#socket?.uncork();
  }

  attach(handlers: TransportHandlers): void {
    const ws = this.#ws;
    const early = this.#early ?? [];
    this.#early = undefined;
    this.#handlers = handlers;
    for (const frame of early) handlers.message(frame);
    ws.on('error', WebSocketTransport.#onWsError);
    ws.on('close', WebSocketTransport.#onWsClose);
    if (ws.readyState !== ws.OPEN) {
      // Closed before we attached: report it as a close.
      queueMicrotask(() => handlers.close(1006, 'not open', this.#error));
    }
  }

  send(frame: Buffer, cb?: (err?: Error) => void): void {
    if (this.#ws.readyState !== this.#ws.OPEN) {
      cb?.(new TunnelError(TunnelErrorCodes.SESSION_CLOSED, 'WebSocket is not open'));
      return;
    }
    if (frame.length < COALESCE_MAX_BYTES) this.#coalesce();
    else if (this.#corked) this.#uncork();
    this.#ws.send(frame, { binary: true, compress: false }, cb);
  }

  /**
   * Frames written during one turn of the event loop leave in one writev: the socket is
   * corked at the first frame and uncorked when the turn's I/O callbacks have run
   * (setImmediate). An Open, its early DATA, a response's DATA and FIN, the WINDOW frames
   * a read returns: each was its own syscall (and its own wake-up of the peer), ~50 µs
   * of kernel time apiece on this machine kind (ADR 0020).
   */
  #coalesce(): void {
    if (this.#corked || this.#socket === undefined) return;
    this.#corked = true;
    this.#socket.cork();
    setImmediate(WebSocketTransport.#uncorkLater, this);
  }

  sendData(id: number, body: Buffer, cb?: (err?: Error | null) => void): void {
    const direct = this.#direct;
    if (direct === undefined || this.#ws.readyState !== this.#ws.OPEN) {
      this.send(encodeData(id, body), cb);
      return;
    }
    const length = HEADER_BYTES + body.length;
    const lenBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
    const wsHeader = 2 + lenBytes + direct.maskBytes;
    // The WebSocket header and ours in one small buffer (from Node's pool slab); the payload as is.
    const first = Buffer.allocUnsafe(wsHeader + HEADER_BYTES);
    first[0] = 0x82; // FIN + binary
    const maskBit = direct.maskBytes ? 0x80 : 0;
    if (lenBytes === 0) first[1] = maskBit | length;
    else if (lenBytes === 2) {
      first[1] = maskBit | 126;
      first.writeUInt16BE(length, 2);
    } else {
      first[1] = maskBit | 127;
      first.writeUInt32BE(0, 2);
      first.writeUInt32BE(length, 6);
    }
    if (direct.maskBytes) first.fill(0, 2 + lenBytes, wsHeader); // zero key: payload goes as is
    first[wsHeader] = FrameType.DATA;
    first.writeUInt32BE(id, wsHeader + 1);
    const socket = direct.socket;
    // Small DATA joins the turn's batch; a bulk frame goes out now (with whatever the batch
    // holds): holding 32 KiB frames until the end of the turn halved one-stream throughput.
    if (body.length < COALESCE_MAX_BYTES) this.#coalesce();
    else if (this.#corked) this.#uncork();
    socket.cork();
    socket.write(first);
    socket.write(body, cb);
    socket.uncork();
  }

  close(code: number, reason: string): void {
    if (this.#ws.readyState === this.#ws.CLOSED) return;
    this.#ws.close(code, reason);
  }

  terminate(): void {
    this.#ws.terminate();
  }
}

/**
 * A connected in-memory pair. Frames are delivered asynchronously and in order.
 * `sever()` silently stops delivery both ways (a dead peer, a dropped NAT entry);
 * `kill()` closes both ends with 1006 as a reset TCP connection would.
 */
export interface MemoryTransportPair {
  a: Transport;
  b: Transport;
  sever(): void;
  kill(): void;
}

class MemoryTransport implements Transport {
  peer!: MemoryTransport;
  handlers: TransportHandlers | undefined;
  readonly inbox: Buffer[] = [];
  scheduled = false;
  closed = false;
  severed = false;

  attach(handlers: TransportHandlers): void {
    this.handlers = handlers;
    this.#schedule();
  }

  send(frame: Buffer, cb?: (err?: Error) => void): void {
    if (this.closed) {
      cb?.(new TunnelError(TunnelErrorCodes.SESSION_CLOSED, 'transport closed'));
      return;
    }
    if (!this.severed) this.peer.deliver(frame);
    if (cb) setImmediate(cb);
  }

  deliver(frame: Buffer): void {
    if (this.closed) return;
    this.inbox.push(frame);
    this.#schedule();
  }

  #schedule(): void {
    if (this.scheduled || !this.handlers) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inbox.length > 0 && !this.closed) this.handlers?.message(this.inbox.shift()!);
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    const peer = this.peer;
    const severed = this.severed;
    this.#end(code, reason);
    if (!severed) setImmediate(() => peer.#end(code, reason));
  }

  terminate(): void {
    if (this.closed) return;
    const peer = this.peer;
    const severed = this.severed;
    this.#end(1006, '');
    if (!severed) setImmediate(() => peer.#end(1006, ''));
  }

  #end(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.inbox.length = 0;
    const handlers = this.handlers;
    setImmediate(() => handlers?.close(code, reason));
  }
}

export function createMemoryTransportPair(): MemoryTransportPair {
  const a = new MemoryTransport();
  const b = new MemoryTransport();
  a.peer = b;
  b.peer = a;
  return {
    a,
    b,
    sever() {
      a.severed = true;
      b.severed = true;
    },
    kill() {
      a.terminate();
    },
  };
}
