/**
 * The frame codec: one WebSocket message is one frame.
 *
 *   byte 0      type (FrameType)
 *   bytes 1..4  stream id, u32 big-endian (0 = session)
 *   bytes 5..   payload: raw bytes (DATA), u32 credit increment (WINDOW),
 *               or a protobuf `drover.v1.Control` (CONTROL)
 *
 * `decodeFrame` never throws anything but a TunnelError with a specific code,
 * so the session can close with that code (see proto/drover/v1/tunnel.proto).
 */
import { tunnel, type drover } from '@drover/protocol';
import { TunnelError, TunnelErrorCodes } from './errors.ts';

export const FrameType = { DATA: 0, WINDOW: 1, CONTROL: 2 } as const;
export const HEADER_BYTES = 5;
/** Largest CONTROL payload accepted; SyncStreams for maxStreams ids fits well inside. */
export const MAX_CONTROL_BYTES = 64 * 1024;
export const MAX_STREAM_ID = 0xffffffff;

export type ControlMessage = drover.v1.Control.$Properties;
export type DecodedControl = ReturnType<typeof tunnel.Control.decode>;

export type Frame =
  | { type: typeof FrameType.DATA; id: number; payload: Buffer }
  | { type: typeof FrameType.WINDOW; id: number; increment: number }
  | { type: typeof FrameType.CONTROL; id: number; control: DecodedControl };

/** DATA frame: header plus a copy of `payload` (callers may reuse their buffer). */
export function encodeData(id: number, payload: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame[0] = FrameType.DATA;
  frame.writeUInt32BE(id, 1);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

export function encodeWindow(id: number, increment: number): Buffer {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + 4);
  frame[0] = FrameType.WINDOW;
  frame.writeUInt32BE(id, 1);
  frame.writeUInt32BE(increment, HEADER_BYTES);
  return frame;
}

export function encodeControl(id: number, control: ControlMessage): Buffer {
  const body = tunnel.Control.encode(control).finish();
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame[0] = FrameType.CONTROL;
  frame.writeUInt32BE(id, 1);
  frame.set(body, HEADER_BYTES);
  return frame;
}

function fail(code: (typeof TunnelErrorCodes)[keyof typeof TunnelErrorCodes], message: string, cause?: unknown): never {
  throw new TunnelError(code, message, { cause });
}

/**
 * Parses one frame. `maxFrameBytes` is the DATA payload limit this side
 * announced. Throws TunnelError FRAME_TRUNCATED, FRAME_UNKNOWN_TYPE,
 * FRAME_TOO_LARGE or FRAME_MALFORMED; never anything else.
 */
export function decodeFrame(buf: Buffer, maxFrameBytes: number): Frame {
  if (buf.length < HEADER_BYTES) fail(TunnelErrorCodes.FRAME_TRUNCATED, `frame of ${buf.length} bytes is shorter than the ${HEADER_BYTES}-byte header`);
  const type = buf[0];
  const id = buf.readUInt32BE(1);
  const length = buf.length - HEADER_BYTES;
  switch (type) {
    case FrameType.DATA:
      if (length === 0) fail(TunnelErrorCodes.FRAME_MALFORMED, `empty DATA frame on stream ${id}`);
      if (length > maxFrameBytes) fail(TunnelErrorCodes.FRAME_TOO_LARGE, `DATA frame of ${length} bytes exceeds the ${maxFrameBytes}-byte limit`);
      if (id === 0) fail(TunnelErrorCodes.FRAME_MALFORMED, 'DATA frame on stream 0');
      return { type, id, payload: buf.subarray(HEADER_BYTES) };
    case FrameType.WINDOW: {
      if (length !== 4) fail(length < 4 ? TunnelErrorCodes.FRAME_TRUNCATED : TunnelErrorCodes.FRAME_MALFORMED, `WINDOW frame payload of ${length} bytes, expected 4`);
      const increment = buf.readUInt32BE(HEADER_BYTES);
      if (increment === 0 || id === 0) fail(TunnelErrorCodes.FRAME_MALFORMED, `WINDOW frame with increment ${increment} on stream ${id}`);
      return { type, id, increment };
    }
    case FrameType.CONTROL: {
      if (length > MAX_CONTROL_BYTES) fail(TunnelErrorCodes.FRAME_TOO_LARGE, `CONTROL frame of ${length} bytes exceeds ${MAX_CONTROL_BYTES}`);
      let control: DecodedControl;
      try {
        control = tunnel.Control.decode(buf.subarray(HEADER_BYTES));
      } catch (err) {
        fail(TunnelErrorCodes.FRAME_MALFORMED, `CONTROL frame on stream ${id} does not decode: ${(err as Error).message}`, err);
      }
      if (!control.body) fail(TunnelErrorCodes.FRAME_MALFORMED, `CONTROL frame on stream ${id} carries no known message`);
      return { type, id, control };
    }
    default:
      fail(TunnelErrorCodes.FRAME_UNKNOWN_TYPE, `unknown frame type 0x${(type ?? 0).toString(16).padStart(2, '0')}`);
  }
}
