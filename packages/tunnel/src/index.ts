export { Session, type SessionOptions, type OpenStreamOptions, type PeerInfo, type SessionState, type SessionEvents } from './session.ts';
export { TunnelStream } from './stream.ts';
export { WebSocketTransport, createMemoryTransportPair, type Transport, type TransportHandlers, type MemoryTransportPair } from './transport.ts';
export { allowTargets, denyAll, formatTarget, netDialer, tcpTarget, unixTarget, type AllowRule, type DialOptions, type DialPolicy, type Dialer, type Target } from './dial.ts';
export { bridge } from './bridge.ts';
export { TunnelError, TunnelErrorCodes, CloseCodes, isTunnelError, type TunnelErrorCode } from './errors.ts';
export { DEFAULT_LIMITS, resolveLimits, type TunnelLimits } from './limits.ts';
export { createTunnelMetrics, type TunnelMetrics } from './metrics.ts';
export { decodeFrame, encodeControl, encodeData, encodeWindow, FrameType, HEADER_BYTES } from './frame.ts';
