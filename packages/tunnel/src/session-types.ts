/** Options, states and events of a tunnel Session (see session.ts). */
import type { DialPolicy, Dialer, ServiceHandler } from './dial.ts';
import type { PeerInfo } from './handshake.ts';
import type { TunnelLimits } from './limits.ts';
import type { TunnelLogger } from './logger.ts';
import type { TunnelMetrics } from './metrics.ts';

export interface SessionOptions {
  /** 'client' dialled the WebSocket and opens odd stream ids; 'server' accepted it and opens even ids. */
  role: 'client' | 'server';
  limits?: Partial<TunnelLimits>;
  /** Decides the peer's Opens. Default: refuse everything. */
  dialPolicy?: DialPolicy;
  /** Connects targets the policy allowed. Default: node:net. */
  dialer?: Dialer;
  /**
   * Named in-process services (Target.service) this side serves, by name. The dial policy must
   * allow a service too. Announced by the "services" capability whether or not any are given.
   */
  services?: ReadonlyMap<string, ServiceHandler>;
  logger?: TunnelLogger;
  metrics?: TunnelMetrics;
}

export interface OpenStreamOptions {
  signal?: AbortSignal;
  /** Default: limits.openTimeoutMs. */
  timeoutMs?: number;
  /**
   * Resolve with the stream at once instead of after OpenOk, when the peer agreed to
   * "early-data": up to EARLY_DATA_BYTES written now travel right behind the Open, which
   * saves the caller a tunnel round trip (a client's request need not wait for the dial).
   * An open that then fails (refused, dial failed, timed out, cancelled) destroys the
   * stream with the same TunnelError openStream would have rejected with. Towards a peer
   * without the capability this option changes nothing: the promise waits for OpenOk.
   */
  early?: boolean;
}

export type SessionState = 'handshake' | 'open' | 'closing' | 'closed';

export interface SessionEvents {
  ready: [peer: PeerInfo];
  /** The peer sent GOAWAY: open no new streams here. */
  goaway: [info: { message: string; graceMs: number }];
  /** A pong came back: its round trip and the id of the ping it answers. */
  rtt: [ms: number, pingId: number];
  /** The session ended; `err` is undefined after a clean local close. */
  close: [err: Error | undefined];
}
