/**
 * The accepting side of an Open: ask the dial policy, dial the target within
 * the dial timeout, then answer OpenOk and bridge the socket to the stream, or
 * answer OpenError with a code. A service target is not dialled: its handler
 * gets the stream itself after OpenOk. A refusal or failure ends this stream only.
 */
import type { TunnelLogger } from './logger.ts';
import { tunnel } from '@drover/protocol';
import { bridge } from './bridge.ts';
import { denyAll, formatTarget, netDialer, type DialPolicy, type Dialer, type ServiceHandler } from './dial.ts';
import { TunnelError, TunnelErrorCodes, wireCode } from './errors.ts';
import type { ControlMessage } from './frame.ts';
import type { TunnelLimits } from './limits.ts';
import type { SessionOptions } from './session-types.ts';
import type { TunnelStream } from './stream.ts';

export interface AcceptContext {
  policy: DialPolicy;
  dialer: Dialer;
  /** Handlers of the named services this side serves. */
  services: ReadonlyMap<string, ServiceHandler>;
  dialTimeoutMs: number;
  log: TunnelLogger;
  sendControl(id: number, control: ControlMessage): void;
  wake(stream: TunnelStream): void;
}

/** Shared by every session that serves none (a Map per session was ~250 bytes each of 19,500). */
const NO_SERVICES: ReadonlyMap<string, ServiceHandler> = new Map();

/** A session's accept context from its options (deny-all policy, net dialer and no services by default). */
export function acceptContextOf(options: SessionOptions, limits: Readonly<TunnelLimits>, log: TunnelLogger, io: Pick<AcceptContext, 'sendControl' | 'wake'>): AcceptContext {
  return { policy: options.dialPolicy ?? denyAll, dialer: options.dialer ?? netDialer, services: options.services ?? NO_SERVICES, dialTimeoutMs: limits.dialTimeoutMs, log, ...io };
}

/** Why a peer's Open is refused before any dial (wire code and message), or undefined to accept it. */
export function acceptRefusal(s: { open: boolean; peerStreams: number; dials: number; limits: Readonly<TunnelLimits> }): { code: number; message: string } | undefined {
  if (!s.open) return { code: tunnel.Code.CODE_GOING_AWAY, message: 'session is going away' };
  if (s.peerStreams >= s.limits.maxStreams) return { code: tunnel.Code.CODE_STREAM_LIMIT, message: `at most ${s.limits.maxStreams} streams` };
  if (s.dials >= s.limits.maxPendingDials) return { code: tunnel.Code.CODE_RESOURCE_EXHAUSTED, message: `at most ${s.limits.maxPendingDials} dials at once` };
  return undefined;
}

export async function acceptStream(ctx: AcceptContext, stream: TunnelStream, signal: AbortSignal): Promise<void> {
  const what = formatTarget(stream.target);
  try {
    let allowed = false;
    try {
      allowed = await ctx.policy(stream.target);
    } catch (err) {
      ctx.log.warn({ err, target: what }, 'tunnel dial policy threw; refusing');
    }
    if (!allowed) throw new TunnelError(TunnelErrorCodes.DIAL_REFUSED, `dial policy refuses ${what}`);
    signal.throwIfAborted();
    if (stream.target.kind === 'service') {
      const serve = ctx.services.get(stream.target.name);
      if (serve === undefined) throw new TunnelError(TunnelErrorCodes.DIAL_FAILED, `nothing serves ${what} here`);
      stream.state = 'open';
      ctx.sendControl(stream.id, { openOk: { initialWindow: stream.acceptWindow } });
      serve(stream);
      return;
    }
    const socket = await ctx.dialer(stream.target, { signal, timeoutMs: ctx.dialTimeoutMs });
    if (signal.aborted || stream.destroyed) {
      socket.destroy();
      return;
    }
    stream.state = 'open';
    ctx.sendControl(stream.id, { openOk: { initialWindow: stream.acceptWindow } });
    bridge(stream, socket);
    if (stream.canSend) ctx.wake(stream);
  } catch (err) {
    if (stream.destroyed) return;
    const code = err instanceof TunnelError ? wireCode(err) : tunnel.Code.CODE_DIAL_FAILED;
    ctx.log.debug({ streamId: stream.id, target: what, err }, 'tunnel open refused');
    ctx.sendControl(stream.id, { openError: { code, message: (err as Error).message } });
    stream.abort(err as Error);
  }
}
