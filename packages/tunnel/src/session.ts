/**
 * A tunnel session: many streams over one transport, usable from both ends.
 *
 *   const session = new Session(new WebSocketTransport(ws), { role: 'server' }).start();
 *   const stream = await session.openStream(tcpTarget('127.0.0.1', 6443), { timeoutMs: 5000 });
 *
 * Lifecycle: `start()` sends Hello and arms the timers; `close()` sends GOAWAY and drains;
 * `destroy(err)` ends everything now. Either way nothing is left behind, and `closed` resolves.
 */
import { EventEmitter } from 'node:events';
import { silentLogger, type TunnelLogger } from './logger.ts';
import { tunnel } from '@drover/protocol';
import { acceptContextOf, acceptRefusal, acceptStream, type AcceptContext } from './accept.ts';
import { CreditLedger, type WindowSink } from './credit.ts';
import type { Target } from './dial.ts';
import { acceptEarly, openEarly } from './early-data.ts';
import { CloseCodes, TunnelError, TunnelErrorCodes, errorForClose, wireCode } from './errors.ts';
import { encodeControl, encodeWindow, type ControlMessage, type DecodedControl } from './frame.ts';
import { dispatchFrame, readerCloseCode, readerError, type FrameHandlers } from './frame-dispatch.ts';
import { EARLY_DATA_CAPABILITY, helloMessage, negotiate, type PeerInfo } from './handshake.ts';
import { resolveLimits, type TunnelLimits } from './limits.ts';
import { openRefusal } from './open-refusal.ts';
import { PendingOpens, reportedThroughClose } from './pending-opens.ts';
import type { TunnelMetrics } from './metrics.ts';
import { SessionUpkeep } from './session-upkeep.ts';
import { ByteCounts, type SessionStats } from './session-stats.ts';
import type { OpenStreamOptions, SessionEvents, SessionOptions, SessionState } from './session-types.ts';
import { TunnelStream, type StreamHost } from './stream.ts';
import { StreamTable } from './stream-table.ts';
import { fromWireTarget, toWireTarget } from './target-wire.ts';
import type { Transport, TransportHandlers } from './transport.ts';
import { FairWriter } from './writer.ts';

const Code = tunnel.Code;
/** What a settled promise's resolvers become (ready(): resolved once, for the session's life). */
const settled = (): void => undefined;
export type { OpenStreamOptions, SessionEvents, SessionOptions, SessionState } from './session-types.ts';
export type { PeerInfo } from './handshake.ts';

export class Session extends EventEmitter<SessionEvents> implements StreamHost, SessionStats, WindowSink {
  readonly limits: Readonly<TunnelLimits>;
  readonly role: 'client' | 'server';
  /** Last measured ping round trip, ms. */
  rttMs: number | undefined;
  peer: PeerInfo | undefined;

  readonly #transport: Transport;
  readonly #writer: FairWriter;
  /** What accepting a peer's Open needs; made at the first (a server's sessions seldom get one). */
  #acceptContext: AcceptContext | undefined;
  readonly #options: SessionOptions;
  readonly #handlers: SessionUpkeep & FrameHandlers & TransportHandlers;
  readonly #log: TunnelLogger;
  readonly #metrics: TunnelMetrics | undefined;
  readonly #streams: StreamTable;
  readonly #opens: PendingOpens;
  readonly #credit: CreditLedger;
  /** Dials of peer-opened streams in progress; created by the first (most sessions never dial). */
  #dials: Map<number, AbortController> | undefined;
  #state: SessionState = 'handshake';
  readonly #bytes = new ByteCounts();
  #peerGoingAway = false;
  /** Both Hellos list "early-data": every Open carries EARLY_DATA_BYTES of implicit credit (early-data.ts). */
  #earlyData = false;
  #graceTimer: NodeJS.Timeout | undefined;
  #handshakeTimer: NodeJS.Timeout | undefined;
  #ready: { promise: Promise<void>; resolve(): void; reject(err: Error): void };
  #closed: { promise: Promise<Error | undefined>; resolve(err: Error | undefined): void } | undefined;
  #closeReason: Error | undefined;

  constructor(transport: Transport, options: SessionOptions) {
    super();
    this.role = options.role;
    this.limits = resolveLimits(options.limits);
    this.#transport = transport;
    this.#log = options.logger ?? silentLogger;
    this.#metrics = options.metrics;
    this.#streams = new StreamTable(this.role);
    this.#writer = new FairWriter(transport, this.limits.writeHighWaterBytes, this.limits.maxFrameBytes);
    this.#credit = new CreditLedger(this.limits.initialWindowBytes, this.limits.maxSessionBufferedBytes, this);
    this.#opens = new PendingOpens(this.#metrics);
    this.#options = options;
    this.#handlers = new Session.#Handlers(this);
    this.#ready = Promise.withResolvers<void>();
    this.#ready.promise.catch(() => undefined); // observed through openStream / closed
  }

  get state(): SessionState {
    return this.#state;
  }

  /** Resolves when the session has ended, with the reason (undefined after a clean local close). */
  get closed(): Promise<Error | undefined> {
    // Made when first asked for: a server's idle sessions listen for 'close' instead (~0.3 KB each).
    this.#closed ??= this.#state === 'closed' ? { promise: Promise.resolve(this.#closeReason), resolve: settled } : Promise.withResolvers();
    return this.#closed.promise;
  }

  /** Attaches to the transport, sends Hello and arms the handshake timer. */
  start(): this {
    this.#metrics?.register(this);
    this.#sendControl(0, helloMessage(this.limits));
    this.#handshakeTimer = setTimeout(() => {
      this.#fail(new TunnelError(TunnelErrorCodes.HANDSHAKE_TIMEOUT, `no Hello from the peer within ${this.limits.handshakeTimeoutMs} ms`), CloseCodes.HANDSHAKE_REFUSED);
    }, this.limits.handshakeTimeoutMs).unref();
    // Last: attach() may deliver frames it holds (the Hello that clears the timer) at once.
    this.#transport.attach(this.#handlers);
    return this;
  }

  /** Resolves once both Hellos have crossed; rejects if the session ends first. */
  ready(): Promise<void> {
    return this.#ready.promise;
  }

  /**
   * Asks the peer to connect a stream to `target`. Resolves with the stream once the peer answers
   * OpenOk; rejects with a TunnelError (DIAL_REFUSED, DIAL_FAILED, OPEN_TIMEOUT, CANCELLED,
   * GOING_AWAY, ...) otherwise. A service target towards a peer without the "services"
   * capability fails at once with SERVICE_UNSUPPORTED (nothing is sent).
   */
  async openStream(target: Target, options: OpenStreamOptions = {}): Promise<TunnelStream> {
    const { signal } = options;
    signal?.throwIfAborted();
    await this.#ready.promise;
    const refusal = openRefusal({ state: this.#state, peerGoingAway: this.#peerGoingAway, peer: this.peer, limits: this.limits, pendingOpens: this.#opens.size, localStreams: this.#streams.localCount }, target, signal);
    if (refusal !== undefined) throw refusal;
    const id = this.#streams.allocate();
    if (id === undefined) throw new TunnelError(TunnelErrorCodes.GOING_AWAY, 'stream ids exhausted; open a new session');
    const stream = this.#newStream(id, target, true, 'opening');
    this.#sendControl(id, { open: { target: toWireTarget(target), initialWindow: stream.recvWindow } });
    const opened = this.#opens.wait(stream, options.timeoutMs ?? this.limits.openTimeoutMs, signal);
    return this.#earlyData ? openEarly(stream, opened, options.early === true) : opened;
  }

  #newStream(id: number, target: Target, local: boolean, state: 'opening' | 'accepting'): TunnelStream {
    const stream = new TunnelStream(this, id, target, local, state, this.limits.streamWriteBufferBytes);
    this.#credit.open(stream);
    this.#streams.add(stream);
    stream.on('error', reportedThroughClose);
    return stream;
  }

  #onOpen(id: number, open: NonNullable<DecodedControl['open']>): void {
    if (!this.#streams.claimPeerId(id)) {
      this.#fail(new TunnelError(TunnelErrorCodes.PROTOCOL, `peer opened stream ${id}: wrong parity or reused id (highest so far ${this.#streams.highestPeerId})`));
      return;
    }
    const target = fromWireTarget(open.target);
    if (typeof target === 'string') return this.#sendControl(id, { openError: { code: Code.CODE_PROTOCOL, message: target } });
    const refusal = acceptRefusal({ open: this.#state === 'open', peerStreams: this.#streams.peerCount, dials: this.#dials?.size ?? 0, limits: this.limits });
    if (refusal !== undefined) return this.#sendControl(id, { openError: refusal });
    const stream = this.#newStream(id, target, false, 'accepting');
    stream.sendCredit = open.initialWindow ?? 0;
    stream.acceptWindow = this.#earlyData ? acceptEarly(stream, this.#credit) : stream.recvWindow;
    const controller = new AbortController();
    const dials = (this.#dials ??= new Map());
    dials.set(id, controller);
    this.#acceptContext ??= acceptContextOf(this.#options, this.limits, this.#log, { sendControl: (sid, control) => this.#sendControl(sid, control), wake: (s) => this.wakeWriter(s) });
    void acceptStream(this.#acceptContext, stream, controller.signal).finally(() => dials.delete(id));
  }

  /** The credit ledger's WINDOW frames (WindowSink). */
  sendWindow(stream: TunnelStream, increment: number): void {
    if (this.#state !== 'closed') this.#writer.control(encodeWindow(stream.id, increment));
  }

  wakeWriter(stream: TunnelStream): void {
    if (this.#state !== 'closed') this.#writer.wake(stream);
  }

  sendData(id: number, payload: Buffer, frees?: Buffer): void {
    this.#writer.data(id, payload, frees);
  }

  sendFin(stream: TunnelStream): void {
    this.#sendControl(stream.id, { fin: {} });
  }

  sendReset(stream: TunnelStream, err: Error | null): void {
    if (this.#state === 'closed') return;
    this.#sendControl(stream.id, { reset: { code: err ? wireCode(err) : Code.CODE_CANCELLED, message: err?.message ?? '' } });
  }

  consumed(stream: TunnelStream, bytes: number): void {
    this.#credit.consumed(stream, bytes);
  }

  released(stream: TunnelStream): void {
    if (!this.#streams.remove(stream)) return;
    this.#dials?.get(stream.id)?.abort();
    this.#credit.release(stream);
    this.#opens.released(stream);
    if (this.#state === 'closing' && this.#streams.size === 0) this.#finishClose();
  }

  #onFrame(buf: Buffer): void {
    if (this.#state === 'closed') return;
    this.#handlers.liveness.heard();
    this.#bytes.received(buf.length);
    try {
      dispatchFrame(buf, this.#handlers);
    } catch (err) {
      const tErr = readerError(err);
      this.#fail(tErr, readerCloseCode(tErr));
    }
  }

  /**
   * The session's side of frame dispatch (frame-dispatch.ts) and its upkeep (session-upkeep.ts):
   * one small object per session with its methods on shared prototypes (a nested class reaches the
   * session's private members); twelve closures cost ~0.8 KB per idle session at 19,500 (issue 15).
   */
  static readonly #Handlers = class extends SessionUpkeep implements FrameHandlers, TransportHandlers {
    readonly maxFrameBytes: number;
    constructor(s: Session) {
      super(s);
      this.maxFrameBytes = s.limits.maxFrameBytes;
    }
    message(frame: Buffer): void {
      this.s.#onFrame(frame);
    }
    close(code: number, reason: string, error?: Error): void {
      this.s.#onTransportClose(code, reason, error);
    }
    get streams(): StreamTable {
      return this.s.#streams;
    }
    get metrics(): TunnelMetrics | undefined {
      return this.s.#metrics;
    }
    get log(): TunnelLogger {
      return this.s.#log;
    }
    fail(err: TunnelError, closeCode: number, terminate: boolean): void {
      this.s.#fail(err, closeCode, terminate);
    }
    handshaking(): boolean {
      return this.s.#state === 'handshake';
    }
    stream(id: number): TunnelStream | undefined {
      return this.s.#streams.get(id);
    }
    sendControl(id: number, control: ControlMessage): void {
      this.s.#sendControl(id, control);
    }
    hello(hello: NonNullable<DecodedControl['hello']>): void {
      this.s.#onHello(hello);
    }
    helloRefused(refused: NonNullable<DecodedControl['helloRefused']>): void {
      this.s.#fail(new TunnelError(TunnelErrorCodes.HANDSHAKE_REFUSED, `peer refused the handshake: ${refused.message}`, { remoteCode: refused.code ?? 0 }), CloseCodes.HANDSHAKE_REFUSED);
    }
    open(id: number, open: NonNullable<DecodedControl['open']>): void {
      this.s.#onOpen(id, open);
    }
    openOk(id: number, initialWindow: number): void {
      this.s.#opens.accepted(id, initialWindow);
    }
    openError(id: number, code: number | null | undefined, message: string | null | undefined): void {
      this.s.#opens.refused(id, code, message);
    }
    goAway(goAway: NonNullable<DecodedControl['goAway']>): void {
      const s = this.s;
      s.#peerGoingAway = true;
      s.#log.info({ message: goAway.message, graceMs: goAway.graceMs }, 'tunnel peer is going away');
      s.emit('goaway', { message: goAway.message ?? '', graceMs: goAway.graceMs ?? 0 });
    }
  };

  #onHello(hello: NonNullable<DecodedControl['hello']>): void {
    if (this.#state !== 'handshake') throw new TunnelError(TunnelErrorCodes.PROTOCOL, 'second Hello');
    const peer = negotiate(hello, this.limits, this.role);
    if ('refusal' in peer) {
      this.#sendControl(0, { helloRefused: { code: Code.CODE_VERSION_UNSUPPORTED, message: peer.refusal } });
      return this.#fail(new TunnelError(TunnelErrorCodes.VERSION_UNSUPPORTED, peer.refusal), CloseCodes.HANDSHAKE_REFUSED);
    }
    this.peer = peer;
    this.#earlyData = peer.capabilities.includes(EARLY_DATA_CAPABILITY);
    if (peer.maxFrameBytes !== this.limits.maxFrameBytes) this.#writer.setMaxFrame(peer.maxFrameBytes);
    this.#state = 'open';
    clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined; // a cleared Timeout held for the session's life is ~130 bytes
    this.#handlers.startUpkeep(peer);
    this.#ready.resolve();
    // Settled for good: keep the promise, not its two resolvers and their context (~0.2 KB).
    this.#ready = { promise: this.#ready.promise, resolve: settled, reject: settled };
    this.emit('ready', peer);
  }

  /** Sends a Ping now, returns its id (undefined unless open); its answer sets `rttMs` and emits 'rtt' with the id (match it: an earlier pong may still come). */
  ping(): number | undefined {
    if (this.#state === 'closed' || this.#state === 'handshake') return undefined;
    return this.#handlers.sendPing();
  }

  #sendControl(id: number, control: ControlMessage): void {
    if (this.#state === 'closed') return;
    this.#writer.control(encodeControl(id, control));
  }

  /** Graceful close: sends GOAWAY, refuses new streams, lets open ones finish for up to `graceMs`, then resets the rest and closes. */
  close(options: { graceMs?: number; message?: string } = {}): Promise<Error | undefined> {
    if (this.#state === 'closing' || this.#state === 'closed') return this.closed;
    if (this.#state === 'handshake') {
      this.#finishClose();
      return this.closed;
    }
    this.#state = 'closing';
    const graceMs = options.graceMs ?? this.limits.goAwayGraceMs;
    this.#sendControl(0, { goAway: { code: Code.CODE_GOING_AWAY, message: options.message ?? 'closing', graceMs } });
    if (this.#streams.size === 0) {
      this.#finishClose();
    } else {
      this.#graceTimer = setTimeout(() => {
        const err = new TunnelError(TunnelErrorCodes.GOING_AWAY, `session closed after a ${graceMs} ms grace period`);
        for (const stream of [...this.#streams.values()]) stream.destroy(err);
        this.#finishClose();
      }, graceMs).unref();
    }
    return this.closed;
  }

  #finishClose(): void {
    if (this.#state === 'closed') return;
    this.#transport.close(CloseCodes.NORMAL, 'goaway');
    this.#cleanup(undefined);
  }

  /** Ends the session now: every stream and pending open fails with `err` (default SESSION_CLOSED). */
  destroy(err?: Error): void {
    if (this.#state === 'closed') return;
    this.#transport.terminate();
    this.#cleanup(err);
  }

  #fail(err: TunnelError, closeCode: number = CloseCodes.PROTOCOL, terminate = false): void {
    if (this.#state === 'closed') return;
    this.#log.warn({ code: err.code, err: err.message }, 'tunnel session failed');
    if (terminate) this.#transport.terminate();
    else this.#transport.close(closeCode, err.code);
    this.#cleanup(err);
  }

  #onTransportClose(code: number, reason: string, error: Error | undefined): void {
    if (this.#state === 'closed') return;
    this.#cleanup(errorForClose(code, reason, error));
  }

  #cleanup(err: Error | undefined): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#handlers.stopUpkeep();
    clearTimeout(this.#graceTimer);
    clearTimeout(this.#handshakeTimer);
    this.#writer.clear();
    // An error only for someone to fail: a shutdown closes 10,000 idle sessions (issue 15).
    if (this.#opens.size > 0 || this.#streams.size > 0 || this.#ready.reject !== settled) {
      const streamErr = err ?? new TunnelError(TunnelErrorCodes.SESSION_CLOSED, 'the session is closed');
      this.#opens.rejectAll(streamErr);
      for (const stream of [...this.#streams.values()]) stream.abort(streamErr);
      this.#ready.reject(streamErr);
    }
    for (const c of this.#dials?.values() ?? []) c.abort();
    this.#credit.clear();
    this.#metrics?.unregister(this);
    this.#closeReason = err;
    this.#closed?.resolve(err);
    this.emit('close', err);
    this.removeAllListeners();
  }

  get openStreams(): number {
    return this.#streams.size;
  }
  get pendingOpens(): number {
    return this.#opens.size;
  }
  get bufferedBytes(): number {
    return this.#streams.unreadBytes();
  }
  get zeroWindowStreams(): number {
    return this.#streams.zeroWindowCount();
  }
  /** Bytes of credit granted and not used plus bytes unread: the session's receive-memory commitment. */
  get committedBytes(): number {
    return this.#credit.committed;
  }
  takeByteCounts(): { in: number; out: number } {
    return this.#bytes.take(this.#writer.bytesOut);
  }
  /** Frame bytes received over the session's life. */
  get bytesReceived(): number {
    return this.#bytes.inTotal;
  }
  /** Frame bytes sent over the session's life. */
  get bytesSent(): number {
    return this.#writer.bytesOut;
  }
}
