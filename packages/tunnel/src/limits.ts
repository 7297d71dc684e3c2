/**
 * Every bound and timeout of the tunnel, in one table. A session takes
 * `Partial<TunnelLimits>` and fills the rest from {@link DEFAULT_LIMITS}.
 * Sizes are bytes, durations milliseconds.
 */
export interface TunnelLimits {
  /** Largest DATA payload this side sends or accepts in one frame. */
  maxFrameBytes: number;
  /** Credit granted to the peer for each new stream (like HTTP/2's initial window). */
  initialWindowBytes: number;
  /** Upper bound on bytes received but not yet read by the application, plus outstanding credit, across all streams of a session. */
  maxSessionBufferedBytes: number;
  /** Bytes handed to the WebSocket and not yet written to the socket; the writer pauses above it. Control frames wait behind at most this much data. */
  writeHighWaterBytes: number;
  /** Streams the peer may hold open with us at once; more Opens get CODE_STREAM_LIMIT. */
  maxStreams: number;
  /** Local openStream calls waiting for the peer's answer; more fail at once. */
  maxPendingOpens: number;
  /** Dials in progress on our side for the peer's Opens; more get CODE_RESOURCE_EXHAUSTED. */
  maxPendingDials: number;
  /** Default wait for OpenOk/OpenError after sending Open. */
  openTimeoutMs: number;
  /** How long our dialer may take to connect a target the peer asked for. */
  dialTimeoutMs: number;
  /** Both Hellos must have crossed within this time. */
  handshakeTimeoutMs: number;
  /** Interval between Pings. */
  pingIntervalMs: number;
  /** A session that hears nothing from its peer for this long is dead. */
  deadPeerTimeoutMs: number;
  /** Interval between SyncStreams messages. */
  syncIntervalMs: number;
  /** Default grace period for open streams after GOAWAY. */
  goAwayGraceMs: number;
  /** Bytes a stream's writable side buffers before write() returns false. */
  streamWriteBufferBytes: number;
}

export const DEFAULT_LIMITS: Readonly<TunnelLimits> = Object.freeze({
  // 32 KiB less the 9 bytes of WebSocket + frame header, so a DATA message is exactly
  // 32 KiB and two fill one 64 KiB socket read: ws must copy a message that straddles
  // two reads, which at 64 KiB frames was every message (~20 % of the agent's CPU).
  maxFrameBytes: 32 * 1024 - 9,
  initialWindowBytes: 1024 * 1024, // 1 MiB per stream
  maxSessionBufferedBytes: 64 * 1024 * 1024, // 64 MiB per session
  writeHighWaterBytes: 512 * 1024,
  maxStreams: 1024,
  maxPendingOpens: 256,
  maxPendingDials: 128,
  openTimeoutMs: 10_000, // 10 s
  dialTimeoutMs: 5_000, // 5 s
  handshakeTimeoutMs: 10_000, // 10 s
  pingIntervalMs: 10_000, // 10 s
  deadPeerTimeoutMs: 30_000, // 30 s: three missed pings
  syncIntervalMs: 60_000, // 60 s, as remotedialer
  goAwayGraceMs: 30_000, // 30 s
  streamWriteBufferBytes: 64 * 1024,
});

/** Resolved limits by their overrides' JSON: sessions with the same terms share one frozen object. */
const resolved = new Map<string, Readonly<TunnelLimits>>();
const MAX_RESOLVED = 16;

/**
 * Fills unset limits from the defaults and checks their relations; throws RangeError on nonsense.
 * Equal overrides give the same frozen object (a server's 19,500 sessions share one, issue 15).
 */
export function resolveLimits(overrides: Partial<TunnelLimits> = {}): Readonly<TunnelLimits> {
  const key = JSON.stringify(overrides);
  const known = resolved.get(key);
  if (known !== undefined) return known;
  const limits = check(overrides);
  if (resolved.size < MAX_RESOLVED) resolved.set(key, limits);
  return limits;
}

function check(overrides: Partial<TunnelLimits>): Readonly<TunnelLimits> {
  const limits: TunnelLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof TunnelLimits, number | undefined][]) {
    if (value !== undefined) limits[key] = value;
  }
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) throw new RangeError(`tunnel limit ${key} must be a positive integer, got ${String(value)}`);
  }
  if (limits.maxFrameBytes > 16 * 1024 * 1024) throw new RangeError('tunnel limit maxFrameBytes must be <= 16 MiB');
  if (limits.initialWindowBytes > 0x7fffffff) throw new RangeError('tunnel limit initialWindowBytes must fit in 31 bits');
  if (limits.deadPeerTimeoutMs <= limits.pingIntervalMs) throw new RangeError('tunnel limit deadPeerTimeoutMs must exceed pingIntervalMs');
  return Object.freeze(limits);
}
