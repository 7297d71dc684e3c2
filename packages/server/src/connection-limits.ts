/**
 * Bounds on client connections (issue 9, finding 5): how long a client may take to send its
 * request headers and body, how long a connection may sit idle or kept alive, how long a TLS
 * handshake may take, and how many connections one source and all sources together may hold.
 * The values come from the config table (config.ts, DROVER_* variables, milliseconds).
 *
 * Long-lived routes are exempt **by route**: their handler calls {@link holdOpen} once the request
 * is accepted (a watch's response, an agent tunnel after its upgrade). The header and body
 * timeouts only ever cover receiving the request, so they never cut a long response.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { isIPv4, isIPv6 } from 'node:net';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config.ts';

export type ConnectionLimits = Pick<
  ServerConfig,
  | 'headersTimeoutMs'
  | 'requestTimeoutMs'
  | 'idleTimeoutMs'
  | 'keepAliveTimeoutMs'
  | 'tlsHandshakeTimeoutMs'
  | 'maxConnections'
  | 'maxConnectionsPerSource'
  | 'maxConnectionsPerLoopbackSource'
>;

/**
 * How often Node checks requests against the header and body timeouts: a slow client is cut at
 * most this late. Half the shorter timeout, within 100 ms … 1 s (Node's default is 30 s).
 */
export function checkingIntervalMs(limits: ConnectionLimits): number {
  return Math.max(100, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 2)));
}

/** Options of `http(s).createServer` (and tls) that fastify passes through. */
export function nodeServerOptions(limits: ConnectionLimits): { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number; handshakeTimeout: number } {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: checkingIntervalMs(limits),
    handshakeTimeout: limits.tlsHandshakeTimeoutMs,
  };
}

/** Options of the fastify factory: body timeout, idle (socket inactivity) and keep-alive timeouts. */
export function fastifyTimeoutOptions(limits: ConnectionLimits): { requestTimeout: number; connectionTimeout: number; keepAliveTimeout: number } {
  return { requestTimeout: limits.requestTimeoutMs, connectionTimeout: limits.idleTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs };
}

/**
 * Exempts the connection of a long-lived route (watch, agent tunnel, and later the proxy's
 * watches, `logs -f`, exec and port-forward) from the idle timeout; its own liveness (watch
 * timeoutSeconds, tunnel pings) bounds it instead.
 */
export function holdOpen(socket: Duplex | Socket | null | undefined): void {
  (socket as Partial<Socket> | null | undefined)?.setTimeout?.(0);
}

/** Loopback sources: a TLS proxy in front of the server, or a benchmark's agents on this host. */
export function isLoopback(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(a)) return a.startsWith('127.');
  return isIPv6(a) && a === '::1';
}

/**
 * Caps the connections of `server`: `maxConnections` in all (Node drops new ones past it) and
 * `maxConnectionsPerSource` per remote address (`maxConnectionsPerLoopbackSource` for loopback,
 * where a local TLS proxy makes every client one source). A connection over a cap is destroyed
 * before any byte is read. Returns the live count per source (for tests and metrics).
 */
export function capConnections(server: Server, limits: ConnectionLimits, log: FastifyBaseLogger): ReadonlyMap<string, number> {
  server.maxConnections = limits.maxConnections;
  const open = new Map<string, number>();
  // One warning a minute per kind of refusal, not one per refused connection.
  const lastWarned = { source: 0, global: 0 };
  const warn = (kind: keyof typeof lastWarned, fields: Record<string, unknown>, msg: string): void => {
    if (Date.now() - lastWarned[kind] < 60_000) return;
    lastWarned[kind] = Date.now();
    log.warn(fields, msg);
  };
  // One close listener for every socket (it runs with the socket as `this`; its address was read
  // at the connection, so it is still known): a closure per connection lived as long as the
  // connection (an agent tunnel: days), ~0.3 KB each.
  function release(this: Socket): void {
    const source = this.remoteAddress ?? '';
    const left = (open.get(source) ?? 1) - 1;
    if (left <= 0) open.delete(source);
    else open.set(source, left);
  }
  server.prependListener('connection', (socket: Socket) => {
    const source = socket.remoteAddress ?? '';
    const cap = isLoopback(source) ? limits.maxConnectionsPerLoopbackSource : limits.maxConnectionsPerSource;
    const count = open.get(source) ?? 0;
    if (count >= cap) {
      warn('source', { source, cap }, 'connection refused: too many connections from one source');
      socket.destroy();
      return;
    }
    open.set(source, count + 1);
    socket.on('close', release);
  });
  server.on('drop', (data?: { remoteAddress?: string }) => {
    warn('global', { source: data?.remoteAddress, cap: limits.maxConnections }, 'connection refused: server connection cap reached');
  });
  return open;
}
