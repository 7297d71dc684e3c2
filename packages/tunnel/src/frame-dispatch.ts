/**
 * Frame dispatch: one received frame, decoded and routed. DATA and WINDOW go
 * to their stream; Fin, Reset and Ping are answered here; every other control
 * message goes to the session through `FrameHandlers`.
 *
 * Contract: `dispatchFrame` throws only a TunnelError (a bad frame, a frame out
 * of order, an unknown message). The session then fails with the close code
 * `readerCloseCode` gives; anything else thrown by a handler is wrapped as
 * INTERNAL by `readerError`.
 */
import { tunnel } from '@drover/protocol';
import { CloseCodes, TunnelError, TunnelErrorCodes, errorFromWire } from './errors.ts';
import { FrameType, decodeFrame, type ControlMessage, type DecodedControl } from './frame.ts';
import type { TunnelStream } from './stream.ts';

const Code = tunnel.Code;

type Body<K extends keyof DecodedControl> = NonNullable<DecodedControl[K]>;

/** What dispatch needs from its session. */
export interface FrameHandlers {
  /** DATA payload limit this side announced, bytes. */
  readonly maxFrameBytes: number;
  /** True until both Hellos have crossed: only Hello or HelloRefused may arrive. */
  handshaking(): boolean;
  /** The live stream with this id, if any. */
  stream(id: number): TunnelStream | undefined;
  /** Queue one control message on the wire (dropped once the session is closed). */
  sendControl(id: number, control: ControlMessage): void;
  hello(hello: Body<'hello'>): void;
  helloRefused(refused: Body<'helloRefused'>): void;
  /** The peer asks this side to dial a stream with the peer's id `id`. */
  open(id: number, open: Body<'open'>): void;
  openOk(id: number, initialWindow: number): void;
  /** `code` and `message` as received: absent fields stay absent (PendingOpens picks the fallback). */
  openError(id: number, code: number | null | undefined, message: string | null | undefined): void;
  pong(id: number): void;
  goAway(goAway: Body<'goAway'>): void;
  syncStreams(ids: number[], highestPeerId: number): void;
}

/** Decodes `buf` and acts on it. Throws a TunnelError for a frame the peer must not send. */
export function dispatchFrame(buf: Buffer, h: FrameHandlers): void {
  const frame = decodeFrame(buf, h.maxFrameBytes);
  if (h.handshaking() && (frame.type !== FrameType.CONTROL || !(frame.control.hello || frame.control.helloRefused))) {
    throw new TunnelError(TunnelErrorCodes.PROTOCOL, 'the first frame must be Hello');
  }
  switch (frame.type) {
    case FrameType.DATA: {
      const stream = h.stream(frame.id);
      // DATA may precede our OpenOk only when the session agreed "early-data" (stream.early).
      if (stream === undefined || (stream.state !== 'open' && !(stream.early && stream.state === 'accepting'))) {
        h.sendControl(frame.id, { reset: { code: Code.CODE_UNKNOWN_STREAM, message: `no open stream ${frame.id}` } });
        return;
      }
      const violation = stream.receive(frame.payload);
      if (violation) stream.destroy(violation);
      return;
    }
    case FrameType.WINDOW: {
      const stream = h.stream(frame.id);
      if (stream && !stream.addCredit(frame.increment)) {
        stream.destroy(new TunnelError(TunnelErrorCodes.FLOW_CONTROL, `credit overflow on stream ${frame.id}`));
      }
      return;
    }
    case FrameType.CONTROL:
      return dispatchControl(frame.id, frame.control, h);
  }
}

function dispatchControl(id: number, c: DecodedControl, h: FrameHandlers): void {
  switch (c.body) {
    case 'hello':
      return h.hello(c.hello);
    case 'helloRefused':
      return h.helloRefused(c.helloRefused);
    case 'open':
      return h.open(id, c.open);
    case 'openOk':
      return h.openOk(id, c.openOk.initialWindow ?? 0);
    case 'openError':
      return h.openError(id, c.openError.code, c.openError.message);
    case 'fin':
      return h.stream(id)?.receiveFin();
    case 'reset':
      return h.stream(id)?.abort(errorFromWire(c.reset.code, c.reset.message, `stream ${id} reset by peer`));
    case 'ping':
      return h.sendControl(0, { pong: { id: c.ping.id ?? 0 } });
    case 'pong':
      return h.pong(c.pong.id ?? 0);
    case 'goAway':
      return h.goAway(c.goAway);
    case 'syncStreams':
      return h.syncStreams(c.syncStreams.streamIds ?? [], c.syncStreams.highestPeerId ?? 0);
    default:
      throw new TunnelError(TunnelErrorCodes.FRAME_MALFORMED, `unknown control message ${String(c.body)}`);
  }
}

/** What a failure while reading a frame becomes: the TunnelError itself, else INTERNAL with the cause. */
export function readerError(err: unknown): TunnelError {
  if (err instanceof TunnelError) return err;
  return new TunnelError(TunnelErrorCodes.INTERNAL, `tunnel reader failed: ${(err as Error).message}`, { cause: err });
}

/** The WebSocket close code for a reader failure (see proto/drover/v1/tunnel.proto). */
export function readerCloseCode(err: TunnelError): number {
  if (err.code === TunnelErrorCodes.FRAME_TOO_LARGE) return CloseCodes.TOO_LARGE;
  if (err.code === TunnelErrorCodes.INTERNAL) return CloseCodes.INTERNAL;
  return CloseCodes.PROTOCOL;
}
