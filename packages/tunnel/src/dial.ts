/**
 * What a stream connects to on the accepting side, who decides whether it may
 * (the dial policy, default deny), and how it is dialled (the dialer).
 */
import { connect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { TunnelError, TunnelErrorCodes } from './errors.ts';

export type Target = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export const tcpTarget = (host: string, port: number): Target => ({ kind: 'tcp', host, port });
export const unixTarget = (path: string): Target => ({ kind: 'unix', path });

export function formatTarget(t: Target): string {
  if (t.kind === 'unix') return `unix:${t.path}`;
  return isIP(t.host) === 6 ? `tcp:[${t.host}]:${t.port}` : `tcp:${t.host}:${t.port}`;
}

/**
 * Decides whether the peer may have a stream to `target`. Runs on the side
 * that receives the Open. Return false (or throw) to refuse with
 * CODE_DIAL_REFUSED; the session and other streams are unaffected.
 */
export type DialPolicy = (target: Target) => boolean | Promise<boolean>;

/** Refuses everything: the default. */
export const denyAll: DialPolicy = () => false;

/** One rule of {@link allowTargets}: a TCP host with some ports, or a unix socket path. */
export type AllowRule = { kind: 'tcp'; host: string; ports: readonly number[] } | { kind: 'unix'; path: string };

/** A policy that allows exactly the listed targets (hosts compared literally, case-insensitive). */
export function allowTargets(rules: readonly AllowRule[]): DialPolicy {
  return (target) =>
    rules.some((rule) =>
      rule.kind === 'tcp'
        ? target.kind === 'tcp' && rule.host.toLowerCase() === target.host.toLowerCase() && rule.ports.includes(target.port)
        : target.kind === 'unix' && rule.path === target.path,
    );
}

export interface DialOptions {
  signal: AbortSignal;
  timeoutMs: number;
}

/** Connects a target; resolves to a connected Duplex that supports half-close. */
export type Dialer = (target: Target, options: DialOptions) => Promise<Duplex>;

/** Validates a target received from the wire; returns an error message or undefined. */
export function validateTarget(t: Target): string | undefined {
  if (t.kind === 'tcp') {
    if (!t.host || t.host.length > 253) return 'tcp target needs a host of 1..253 characters';
    if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) return `tcp port ${t.port} out of range`;
    return undefined;
  }
  if (!t.path.startsWith('/') || t.path.length > 1024) return 'unix target needs an absolute path of at most 1024 characters';
  return undefined;
}

/** The default dialer: node:net with TCP_NODELAY, half-close allowed, bounded by the timeout. */
export const netDialer: Dialer = (target, { signal, timeoutMs }) =>
  new Promise<Duplex>((resolve, reject) => {
    const socket = target.kind === 'tcp'
      ? connect({ host: target.host, port: target.port, allowHalfOpen: true, noDelay: true })
      : connect({ path: target.path, allowHalfOpen: true });
    const done = (err?: Error) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      if (err) {
        socket.destroy();
        reject(err);
      } else {
        resolve(socket);
      }
    };
    const onConnect = () => done();
    const onError = (err: Error) =>
      done(new TunnelError(TunnelErrorCodes.DIAL_FAILED, `dial ${formatTarget(target)}: ${err.message}`, { cause: err }));
    const onAbort = () => done(new TunnelError(TunnelErrorCodes.CANCELLED, `dial ${formatTarget(target)} cancelled`));
    const timer = setTimeout(
      () => done(new TunnelError(TunnelErrorCodes.DIAL_TIMEOUT, `dial ${formatTarget(target)} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
