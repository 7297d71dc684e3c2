/**
 * The Hello exchange: what we announce, and whether the peer's Hello is
 * acceptable. The agreed version is min(ours, theirs) and must be at least
 * both sides' minimum.
 */
import { TUNNEL_PROTOCOL_MIN_VERSION, TUNNEL_PROTOCOL_VERSION } from '@drover/protocol';
import type { ControlMessage, DecodedControl } from './frame.ts';
import type { TunnelLimits } from './limits.ts';

/** The peer understands Target.service (tunnel.proto). */
export const SERVICES_CAPABILITY = 'services';
/**
 * Both sides list it: every Open carries {@link EARLY_DATA_BYTES} of implicit credit, so the
 * opener may send that much DATA (and FIN) before OpenOk, and OpenOk grants the rest of the
 * window on top (tunnel.proto, ADR 0020).
 */
export const EARLY_DATA_CAPABILITY = 'early-data';
/** Credit an Open carries implicitly when "early-data" is agreed. A protocol constant. */
export const EARLY_DATA_BYTES = 64 * 1024;
export const CAPABILITIES = ['sync-streams', 'goaway', SERVICES_CAPABILITY, EARLY_DATA_CAPABILITY];
const IMPLEMENTATION = 'drover-tunnel/0.1.0';

export interface PeerInfo {
  version: number;
  capabilities: readonly string[];
  implementation: string;
  /** DATA payload limit for what we send: the smaller of the peer's and ours. */
  maxFrameBytes: number;
  /** Streams the peer accepts from us at once. */
  maxStreams: number;
  /** The heartbeat interval this side keeps, ms: its own, or a server's longer one (see heartbeat()). */
  pingIntervalMs: number;
  /** Silence after which this side ends the session, ms: its own, or a server's longer one. */
  deadPeerTimeoutMs: number;
  /** A client whose server announced its heartbeat: the server leads it (Liveness.retune). */
  followsHeartbeat: boolean;
}

export function helloMessage(limits: Readonly<TunnelLimits>): ControlMessage {
  return {
    hello: {
      version: TUNNEL_PROTOCOL_VERSION,
      minVersion: TUNNEL_PROTOCOL_MIN_VERSION,
      capabilities: CAPABILITIES,
      limits: { maxFrameBytes: limits.maxFrameBytes, maxStreams: limits.maxStreams, pingIntervalMs: limits.pingIntervalMs, deadPeerTimeoutMs: limits.deadPeerTimeoutMs },
      implementation: IMPLEMENTATION,
    },
  };
}

/** The peer's terms, or a refusal message when no version is common. */
export function negotiate(hello: NonNullable<DecodedControl['hello']>, limits: Readonly<TunnelLimits>, role: 'client' | 'server'): PeerInfo | { refusal: string } {
  const peerVersion = hello.version ?? 0;
  const peerMin = hello.minVersion ?? 0;
  const version = Math.min(peerVersion, TUNNEL_PROTOCOL_VERSION);
  if (version < Math.max(peerMin, TUNNEL_PROTOCOL_MIN_VERSION) || version < 1) {
    return { refusal: `peer speaks protocol versions ${peerMin}..${peerVersion}, this side ${TUNNEL_PROTOCOL_MIN_VERSION}..${TUNNEL_PROTOCOL_VERSION}` };
  }
  return {
    version,
    capabilities: interned(hello.capabilities ?? []),
    implementation: interned([hello.implementation ?? ''])[0]!,
    maxFrameBytes: Math.min(hello.limits?.maxFrameBytes || limits.maxFrameBytes, limits.maxFrameBytes),
    maxStreams: hello.limits?.maxStreams || limits.maxStreams,
    ...heartbeat(hello.limits, limits, role),
  };
}

/** Distinct capability lists and implementation names kept by {@link interned}. */
const MAX_INTERNED = 64;
const internedLists = new Map<string, readonly string[]>();

/**
 * One shared frozen copy of a peer's list: a server holds every agent's Hello terms for the
 * session's life, and 19,500 agents of a few versions announce a few distinct lists (a copy each
 * was ~0.5 KB per session, issue 15). Past {@link MAX_INTERNED} distinct lists a peer keeps its own.
 */
function interned(list: readonly string[]): readonly string[] {
  const key = list.join('\u0000');
  const known = internedLists.get(key);
  if (known !== undefined) return known;
  // Flat copies: a decoded string can be a tree of pieces, larger than its text.
  const copy = Object.freeze(list.map((s) => Buffer.from(s, 'utf8').toString('utf8')));
  if (internedLists.size < MAX_INTERNED) internedLists.set(key, copy);
  return copy;
}

/** The longest heartbeat interval or dead-peer timeout a server's Hello can set for a client. */
const MAX_HEARTBEAT_MS = 10 * 60_000;

/**
 * The heartbeat this side keeps. A client takes the server's interval and dead-peer timeout where
 * they are longer than its own, so the server sets a fleet's heartbeat without touching its agents
 * (19,500 idle sessions cost one heartbeat exchange each per interval, issue 15). Each pair is
 * valid (dead > interval), so the larger of each is too. A server keeps its own: an agent cannot
 * make the server wait longer to notice it died. Values that are not a valid pair, or are over
 * 10 min, are ignored.
 */
function heartbeat(
  peer: { pingIntervalMs?: number | null; deadPeerTimeoutMs?: number | null } | null | undefined,
  limits: Readonly<TunnelLimits>,
  role: 'client' | 'server',
): { pingIntervalMs: number; deadPeerTimeoutMs: number; followsHeartbeat: boolean } {
  const own = { pingIntervalMs: limits.pingIntervalMs, deadPeerTimeoutMs: limits.deadPeerTimeoutMs, followsHeartbeat: false };
  if (role === 'server') return own;
  const interval = peer?.pingIntervalMs ?? 0;
  const dead = peer?.deadPeerTimeoutMs ?? 0;
  if (!(interval > 0 && dead > interval && dead <= MAX_HEARTBEAT_MS)) return own;
  return { pingIntervalMs: Math.max(interval, limits.pingIntervalMs), deadPeerTimeoutMs: Math.max(dead, limits.deadPeerTimeoutMs), followsHeartbeat: true };
}
