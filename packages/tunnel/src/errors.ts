import { tunnel } from '@drover/protocol';

const Code = tunnel.Code;

/**
 * Stable error codes of the tunnel. Never reuse or renumber a code; retire it instead.
 * `wire` is the protocol Code a peer sees for it (OpenError, Reset, GoAway).
 */
export const TunnelErrorCodes = {
  /** A frame was shorter than its header. Closes the session (1002). */
  FRAME_TRUNCATED: 'DROVER_ERR_TUNNEL_FRAME_TRUNCATED',
  /** A frame had an unknown type byte. Closes the session (1002). */
  FRAME_UNKNOWN_TYPE: 'DROVER_ERR_TUNNEL_FRAME_UNKNOWN_TYPE',
  /** A frame exceeded the announced maximum. Closes the session (1009). */
  FRAME_TOO_LARGE: 'DROVER_ERR_TUNNEL_FRAME_TOO_LARGE',
  /** A frame's body did not decode, or was empty where it may not be. Closes the session (1002). */
  FRAME_MALFORMED: 'DROVER_ERR_TUNNEL_FRAME_MALFORMED',
  /** A frame broke the session rules (frame before Hello, reused stream id, ...). Closes the session (1002). */
  PROTOCOL: 'DROVER_ERR_TUNNEL_PROTOCOL',
  /** The peer refused our Hello, or we refused the peer's (4001). */
  HANDSHAKE_REFUSED: 'DROVER_ERR_TUNNEL_HANDSHAKE_REFUSED',
  /** The peer's Hello did not arrive within handshakeTimeoutMs. */
  HANDSHAKE_TIMEOUT: 'DROVER_ERR_TUNNEL_HANDSHAKE_TIMEOUT',
  /** No frame from the peer within deadPeerTimeoutMs (4002). */
  PEER_TIMEOUT: 'DROVER_ERR_TUNNEL_PEER_TIMEOUT',
  /** The session is closed (locally or by the peer); the stream or open cannot go on. */
  SESSION_CLOSED: 'DROVER_ERR_TUNNEL_SESSION_CLOSED',
  /** The session is draining after GOAWAY (ours or the peer's) and takes no new streams. */
  GOING_AWAY: 'DROVER_ERR_TUNNEL_GOING_AWAY',
  /** The peer did not answer an Open within the timeout. */
  OPEN_TIMEOUT: 'DROVER_ERR_TUNNEL_OPEN_TIMEOUT',
  /** The caller aborted an Open, or destroyed a stream. */
  CANCELLED: 'DROVER_ERR_TUNNEL_CANCELLED',
  /** The accepting side's dial policy refused the target. */
  DIAL_REFUSED: 'DROVER_ERR_TUNNEL_DIAL_REFUSED',
  /** The accepting side could not reach the target. */
  DIAL_FAILED: 'DROVER_ERR_TUNNEL_DIAL_FAILED',
  /** The accepting side's dial timed out. */
  DIAL_TIMEOUT: 'DROVER_ERR_TUNNEL_DIAL_TIMEOUT',
  /** A length-delimited message (message-stream.ts) exceeded its limit, or its length prefix was malformed; the stream is reset (CODE_PROTOCOL). */
  MESSAGE_TOO_LARGE: 'DROVER_ERR_TUNNEL_MESSAGE_TOO_LARGE',
  /** A message stream ended in the middle of a message; the stream is reset (CODE_PROTOCOL). */
  MESSAGE_TRUNCATED: 'DROVER_ERR_TUNNEL_MESSAGE_TRUNCATED',
  /** A service target towards a peer whose Hello lacks the "services" capability; never sent. */
  SERVICE_UNSUPPORTED: 'DROVER_ERR_TUNNEL_SERVICE_UNSUPPORTED',
  /** A peer sent more than its credit; the stream was reset. */
  FLOW_CONTROL: 'DROVER_ERR_TUNNEL_FLOW_CONTROL',
  /** Too many streams, opens or dials at once. */
  STREAM_LIMIT: 'DROVER_ERR_TUNNEL_STREAM_LIMIT',
  /** The session's buffers or pending tables are full. */
  RESOURCE_EXHAUSTED: 'DROVER_ERR_TUNNEL_RESOURCE_EXHAUSTED',
  /** The peer reset the stream with a code we cannot map more precisely, or forgot it. */
  STREAM_RESET: 'DROVER_ERR_TUNNEL_STREAM_RESET',
  /** The far end of the stream (the dialled socket) failed. */
  IO: 'DROVER_ERR_TUNNEL_IO',
  /** The peer speaks no version we support. */
  VERSION_UNSUPPORTED: 'DROVER_ERR_TUNNEL_VERSION_UNSUPPORTED',
  /** The server's CA does not match the pinned checksum. */
  CA_MISMATCH: 'DROVER_ERR_TUNNEL_CA_MISMATCH',
  /** TLS verification failed (chain, hostname, dates). */
  TLS: 'DROVER_ERR_TUNNEL_TLS',
  /** The WebSocket could not be established (refused, HTTP status, proxy failure). */
  CONNECT_FAILED: 'DROVER_ERR_TUNNEL_CONNECT_FAILED',
  /** A bug: a state the code thought impossible. */
  INTERNAL: 'DROVER_ERR_TUNNEL_INTERNAL',
} as const;

export type TunnelErrorCode = (typeof TunnelErrorCodes)[keyof typeof TunnelErrorCodes];

/** WebSocket close codes the tunnel uses. */
export const CloseCodes = {
  NORMAL: 1000,
  PROTOCOL: 1002,
  TOO_LARGE: 1009,
  INTERNAL: 1011,
  HANDSHAKE_REFUSED: 4001,
  PEER_TIMEOUT: 4002,
} as const;

export interface TunnelErrorOptions {
  cause?: unknown;
  /** The protocol code the peer sent, when the error came from the peer. */
  remoteCode?: number;
  /** Extra fields for the message reader (expected/actual checksum, http status, ...). */
  details?: Record<string, unknown>;
}

/** Every error the tunnel produces: a stable `code`, a message and, when wrapping, a `cause`. */
export class TunnelError extends Error {
  override readonly name = 'TunnelError';
  readonly code: TunnelErrorCode;
  readonly remoteCode: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: TunnelErrorCode, message: string, options: TunnelErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.remoteCode = options.remoteCode;
    this.details = options.details;
  }
}

const toWire = new Map<TunnelErrorCode, number>([
  [TunnelErrorCodes.DIAL_REFUSED, Code.CODE_DIAL_REFUSED],
  [TunnelErrorCodes.DIAL_FAILED, Code.CODE_DIAL_FAILED],
  [TunnelErrorCodes.DIAL_TIMEOUT, Code.CODE_DIAL_TIMEOUT],
  [TunnelErrorCodes.CANCELLED, Code.CODE_CANCELLED],
  [TunnelErrorCodes.OPEN_TIMEOUT, Code.CODE_CANCELLED],
  [TunnelErrorCodes.FLOW_CONTROL, Code.CODE_FLOW_CONTROL],
  [TunnelErrorCodes.STREAM_LIMIT, Code.CODE_STREAM_LIMIT],
  [TunnelErrorCodes.PROTOCOL, Code.CODE_PROTOCOL],
  [TunnelErrorCodes.MESSAGE_TOO_LARGE, Code.CODE_PROTOCOL],
  [TunnelErrorCodes.MESSAGE_TRUNCATED, Code.CODE_PROTOCOL],
  [TunnelErrorCodes.GOING_AWAY, Code.CODE_GOING_AWAY],
  [TunnelErrorCodes.SESSION_CLOSED, Code.CODE_GOING_AWAY],
  [TunnelErrorCodes.IO, Code.CODE_IO],
  [TunnelErrorCodes.VERSION_UNSUPPORTED, Code.CODE_VERSION_UNSUPPORTED],
  [TunnelErrorCodes.RESOURCE_EXHAUSTED, Code.CODE_RESOURCE_EXHAUSTED],
]);

const fromWire = new Map<number, TunnelErrorCode>([
  [Code.CODE_DIAL_REFUSED, TunnelErrorCodes.DIAL_REFUSED],
  [Code.CODE_DIAL_FAILED, TunnelErrorCodes.DIAL_FAILED],
  [Code.CODE_DIAL_TIMEOUT, TunnelErrorCodes.DIAL_TIMEOUT],
  [Code.CODE_CANCELLED, TunnelErrorCodes.CANCELLED],
  [Code.CODE_FLOW_CONTROL, TunnelErrorCodes.FLOW_CONTROL],
  [Code.CODE_STREAM_LIMIT, TunnelErrorCodes.STREAM_LIMIT],
  [Code.CODE_PROTOCOL, TunnelErrorCodes.PROTOCOL],
  [Code.CODE_GOING_AWAY, TunnelErrorCodes.GOING_AWAY],
  [Code.CODE_UNKNOWN_STREAM, TunnelErrorCodes.STREAM_RESET],
  [Code.CODE_IO, TunnelErrorCodes.IO],
  [Code.CODE_VERSION_UNSUPPORTED, TunnelErrorCodes.VERSION_UNSUPPORTED],
  [Code.CODE_RESOURCE_EXHAUSTED, TunnelErrorCodes.RESOURCE_EXHAUSTED],
]);

/** The protocol code to send to the peer for a local error. */
export function wireCode(err: unknown): number {
  if (err instanceof TunnelError) return toWire.get(err.code) ?? Code.CODE_INTERNAL;
  return Code.CODE_CANCELLED;
}

/** The local error for a code the peer sent. */
export function errorFromWire(remoteCode: number | null | undefined, message: string | null | undefined, what: string): TunnelError {
  const code = fromWire.get(remoteCode ?? 0) ?? TunnelErrorCodes.STREAM_RESET;
  const name = Code[remoteCode ?? 0] ?? `code ${String(remoteCode)}`;
  return new TunnelError(code, `${what}: ${name}${message ? `: ${message}` : ''}`, { remoteCode: remoteCode ?? 0 });
}

/** True when `err` is a TunnelError with the given code. */
export function isTunnelError(err: unknown, code?: TunnelErrorCode): err is TunnelError {
  return err instanceof TunnelError && (code === undefined || err.code === code);
}

/** The error streams see when the transport closes under a session. */
export function errorForClose(code: number, reason: string, error: Error | undefined): TunnelError {
  if (error instanceof TunnelError) return error;
  if (code === CloseCodes.NORMAL) return new TunnelError(TunnelErrorCodes.SESSION_CLOSED, 'the peer closed the session');
  if (code === CloseCodes.HANDSHAKE_REFUSED) return new TunnelError(TunnelErrorCodes.HANDSHAKE_REFUSED, `the peer refused the handshake (${reason})`);
  if (code === CloseCodes.PEER_TIMEOUT) return new TunnelError(TunnelErrorCodes.PEER_TIMEOUT, `the peer timed us out (${reason})`);
  return new TunnelError(TunnelErrorCodes.SESSION_CLOSED, `the connection closed (code ${code}${reason ? `, ${reason}` : ''})`, { cause: error });
}

/** Why a stream cannot be opened on a session that is not open: going away (closing) or closed. */
export function sessionNotOpenError(closing: boolean): TunnelError {
  return closing
    ? new TunnelError(TunnelErrorCodes.GOING_AWAY, 'the session is going away')
    : new TunnelError(TunnelErrorCodes.SESSION_CLOSED, 'the session is closed');
}
