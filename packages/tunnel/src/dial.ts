/**
 * What a stream connects to on the accepting side, who decides whether it may
 * (the dial policy, default deny), and how it is dialled (the dialer).
 */
import { connect, isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { markReceiving, receiveOption } from './receive-buffer.ts';

/**
 * A TCP address, a unix socket, or a named in-process service of the accepting side (served by
 * a {@link ServiceHandler} instead of a dial; needs the peer's "services" capability).
 */
export type Target = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string } | { kind: 'service'; name: string };

export const tcpTarget = (host: string, port: number): Target => ({ kind: 'tcp', host, port });
export const unixTarget = (path: string): Target => ({ kind: 'unix', path });
export const serviceTarget = (name: string): Target => ({ kind: 'service', name });

/**
 * Serves one stream of a named service (Target.service) on the accepting side. It owns the
 * stream from then on: it reads, writes, ends or destroys it. Runs after the dial policy allowed
 * the target and OpenOk was sent.
 */
export type ServiceHandler = (stream: Duplex) => void;

/** Service names: 1..63 of [a-z0-9.-], starting and ending with a letter or digit. */
const SERVICE_NAME = /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/;

export function formatTarget(t: Target): string {
  if (t.kind === 'unix') return `unix:${t.path}`;
  if (t.kind === 'service') return `service:${t.name}`;
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

/** One rule of {@link allowTargets}: a TCP host with some ports, a unix socket path, or a service name. */
export type AllowRule = { kind: 'tcp'; host: string; ports: readonly number[] } | { kind: 'unix'; path: string } | { kind: 'service'; name: string };

function allows(rule: AllowRule, target: Target): boolean {
  switch (rule.kind) {
    case 'tcp':
      return target.kind === 'tcp' && rule.host.toLowerCase() === target.host.toLowerCase() && rule.ports.includes(target.port);
    case 'unix':
      return target.kind === 'unix' && rule.path === target.path;
    case 'service':
      return target.kind === 'service' && rule.name === target.name;
  }
}

/** A policy that allows exactly the listed targets (hosts compared literally, case-insensitive). */
export function allowTargets(rules: readonly AllowRule[]): DialPolicy {
  return (target) => rules.some((rule) => allows(rule, target));
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
  if (t.kind === 'service') return SERVICE_NAME.test(t.name) ? undefined : 'service target needs a name of 1..63 characters of [a-z0-9.-]';
  if (!t.path.startsWith('/') || t.path.length > 1024) return 'unix target needs an absolute path of at most 1024 characters';
  return undefined;
}

/**
 * The default dialer: node:net with TCP_NODELAY, half-close allowed, bounded by the timeout.
 * Reads go through the shared receive buffer (receive-buffer.ts). Services are never dialled.
 */
export const netDialer: Dialer = (target, { signal, timeoutMs }) =>
  new Promise<Duplex>((resolve, reject) => {
    if (target.kind === 'service') {
      reject(new TunnelError(TunnelErrorCodes.DIAL_FAILED, `${formatTarget(target)} is a service, not an address`));
      return;
    }
    const onread = receiveOption(() => socket);
    const socket: Socket = markReceiving(target.kind === 'tcp'
      ? connect({ host: target.host, port: target.port, allowHalfOpen: true, noDelay: true, onread })
      : connect({ path: target.path, allowHalfOpen: true, onread }));
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
