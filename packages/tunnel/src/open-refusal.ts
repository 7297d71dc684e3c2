/**
 * Why a session may not open a stream now (Session.openStream): checked in this order, before an
 * id is allocated or anything is sent.
 */
import { formatTarget, type Target } from './dial.ts';
import { TunnelError, TunnelErrorCodes, sessionNotOpenError } from './errors.ts';
import { SERVICES_CAPABILITY, type PeerInfo } from './handshake.ts';
import type { TunnelLimits } from './limits.ts';
import type { SessionState } from './session-types.ts';

export interface OpenContext {
  state: SessionState;
  peerGoingAway: boolean;
  peer: PeerInfo | undefined;
  limits: Readonly<TunnelLimits>;
  pendingOpens: number;
  localStreams: number;
}

/** The error an open of `target` fails with now, or undefined when it may go ahead. */
export function openRefusal(s: OpenContext, target: Target, signal: AbortSignal | undefined): TunnelError | undefined {
  if (s.state !== 'open') return sessionNotOpenError(s.state === 'closing');
  if (s.peerGoingAway) return new TunnelError(TunnelErrorCodes.GOING_AWAY, 'the peer sent GOAWAY; open new streams on a new session');
  if (target.kind === 'service' && s.peer?.capabilities.includes(SERVICES_CAPABILITY) !== true) {
    return new TunnelError(TunnelErrorCodes.SERVICE_UNSUPPORTED, `the peer (${s.peer?.implementation || 'unknown implementation'}) does not serve services (no "${SERVICES_CAPABILITY}" capability); cannot open ${formatTarget(target)}`);
  }
  if (signal?.aborted) return new TunnelError(TunnelErrorCodes.CANCELLED, `open ${formatTarget(target)} cancelled`, { cause: signal.reason });
  if (s.pendingOpens >= s.limits.maxPendingOpens) return new TunnelError(TunnelErrorCodes.RESOURCE_EXHAUSTED, `${s.pendingOpens} opens already pending (limit ${s.limits.maxPendingOpens})`);
  if (s.localStreams >= (s.peer?.maxStreams ?? s.limits.maxStreams)) return new TunnelError(TunnelErrorCodes.STREAM_LIMIT, `the peer accepts at most ${s.peer?.maxStreams} streams`);
  return undefined;
}
