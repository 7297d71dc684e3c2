/**
 * The server's one `upgrade` listener (docs/adr/0013): every HTTP upgrade — the agent tunnel,
 * and next the Kubernetes proxy's exec/attach/port-forward and the console's live channels — is a
 * route declared here by path prefix, with its authentication declared beside it.
 *
 * ```ts
 * upgrades.route({ prefix: '/k8s/clusters/', auth: 'user', handle(req, socket, head, user) { … } });
 * ```
 *
 * Before a handler sees a socket the router has, in order: matched the longest prefix (none: 404),
 * checked `Upgrade` is `websocket` or `SPDY/3.1` and one the route speaks (else 400), and
 * authenticated the caller as the route declares (401/403). Each refusal is an HTTP/1.1 response
 * with a Kubernetes Status body and `Connection: close` (error-status.ts), never a bare close.
 * The handler then owns the socket: it answers `101 Switching Protocols` (or refuses), and its
 * protocol's liveness bounds the connection, so the router exempts it from the idle timeout.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { RequestUser } from '../api/contract.ts';
import type { AuthenticateRequest } from '../auth/request-auth.ts';
import { requireAuthenticated } from '../auth/request-auth.ts';
import { holdOpen } from '../connection-limits.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { refuseUpgrade } from '../error-status.ts';

/** The protocols an `Upgrade` header may name, lower-cased (kubectl falls back to SPDY/3.1). */
export const UPGRADE_PROTOCOLS = ['websocket', 'spdy/3.1'] as const;
export type UpgradeProtocol = (typeof UPGRADE_PROTOCOLS)[number];

/**
 * A route's own authentication (the agent tunnel's node credential): the identity handed to the
 * handler. @throws DroverError to refuse (its status and Status body go to the client).
 */
export type UpgradeAuthenticate<I> = (req: IncomingMessage) => Promise<I>;

/** Takes over an accepted socket; `head` is what the client sent after the request headers. */
export type UpgradeHandler<I> = (req: IncomingMessage, socket: Duplex, head: Buffer, identity: I) => void | Promise<void>;

interface RouteBase {
  /**
   * The path prefix. It matches the path itself and paths below it (`/k8s/clusters` matches
   * `/k8s/clusters/c1/…`, not `/k8s/clusters2`); the longest matching prefix wins.
   */
  prefix: string;
  /** Only the prefix itself, nothing below it. Default false. */
  exact?: boolean;
  /** The protocols the route speaks. Default both. */
  protocols?: readonly UpgradeProtocol[];
}

/** A route that anyone may call (the handler gets no identity). */
export interface PublicUpgradeRoute extends RouteBase {
  auth: 'none';
  handle: UpgradeHandler<undefined>;
}

/** A route for users: bearer tokens now, browser sessions later (auth/request-auth.ts). */
export interface UserUpgradeRoute extends RouteBase {
  auth: 'user';
  handle: UpgradeHandler<RequestUser>;
}

/** A route with its own authentication. */
export interface CustomUpgradeRoute<I> extends RouteBase {
  auth: UpgradeAuthenticate<I>;
  handle: UpgradeHandler<I>;
}

export interface UpgradeRouter {
  /** Adds a route. @throws Error when a route already has this prefix. */
  route(def: PublicUpgradeRoute): void;
  route(def: UserUpgradeRoute): void;
  route<I>(def: CustomUpgradeRoute<I>): void;
  /** The `upgrade` listener (`attach` adds it). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Makes this router the server's `upgrade` listener; returns the detach function. */
  attach(server: Server): () => void;
}

export interface UpgradeRouterOptions {
  /** The shared request authentication (the same as the fastify routes'). */
  authenticateRequest: AuthenticateRequest;
  log: FastifyBaseLogger;
}

interface Entry {
  prefix: string;
  exact: boolean;
  protocols: readonly UpgradeProtocol[];
  authenticate: UpgradeAuthenticate<unknown>;
  handle: UpgradeHandler<unknown>;
}

const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0] ?? '';

/** The protocol an `Upgrade` header asks for, or undefined when it is not one the router takes. */
export function upgradeProtocolOf(header: string | undefined): UpgradeProtocol | undefined {
  const p = (header ?? '').trim().toLowerCase();
  return UPGRADE_PROTOCOLS.find((known) => known === p);
}

function matches(entry: Entry, path: string): boolean {
  if (path === entry.prefix) return true;
  if (entry.exact || !path.startsWith(entry.prefix)) return false;
  return entry.prefix.endsWith('/') || path[entry.prefix.length] === '/';
}

export function createUpgradeRouter(options: UpgradeRouterOptions): UpgradeRouter {
  const { log } = options;
  /** Longest prefix first, so the first match is the longest. */
  const entries: Entry[] = [];

  const authUser: UpgradeAuthenticate<RequestUser> = async (req) => requireAuthenticated(await options.authenticateRequest(req));
  const authNone: UpgradeAuthenticate<undefined> = () => Promise.resolve(undefined);

  function route(def: PublicUpgradeRoute | UserUpgradeRoute | CustomUpgradeRoute<unknown>): void {
    if (!def.prefix.startsWith('/')) throw new Error(`upgrade route prefix must start with "/": ${def.prefix}`);
    if (entries.some((e) => e.prefix === def.prefix)) throw new Error(`upgrade route ${def.prefix} is declared twice`);
    const authenticate = def.auth === 'none' ? authNone : def.auth === 'user' ? authUser : def.auth;
    entries.push({ prefix: def.prefix, exact: def.exact ?? false, protocols: def.protocols ?? UPGRADE_PROTOCOLS, authenticate, handle: def.handle as UpgradeHandler<unknown> });
    entries.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  async function dispatch(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const path = pathOf(req.url);
    const entry = entries.find((e) => matches(e, path));
    if (entry === undefined) return refuseUpgrade(socket, new DroverError('DROVER_ERR_UPGRADE_NOT_FOUND', `no upgrade endpoint at ${path.slice(0, 256)}`));
    const protocol = upgradeProtocolOf(req.headers.upgrade);
    if (protocol === undefined || !entry.protocols.includes(protocol)) {
      const offered = entry.protocols.map((p) => (p === 'websocket' ? 'websocket' : 'SPDY/3.1')).join(' or ');
      return refuseUpgrade(socket, new DroverError('DROVER_ERR_UPGRADE_PROTOCOL', `${path.slice(0, 256)} takes an upgrade to ${offered}, not "${(req.headers.upgrade ?? '').slice(0, 64)}"`));
    }
    let identity: unknown;
    try {
      identity = await entry.authenticate(req);
    } catch (err) {
      if (isDroverError(err)) {
        log.info({ code: err.code, path: entry.prefix, remoteAddress: req.socket.remoteAddress }, 'upgrade refused');
        return refuseUpgrade(socket, err);
      }
      log.error({ err, path: entry.prefix }, 'upgrade authentication failed');
      return refuseUpgrade(socket, new DroverError('DROVER_ERR_INTERNAL', 'internal error'));
    }
    if (socket.destroyed) return;
    // Long-lived by route: from here the route's protocol (pings, stream timeouts) bounds the
    // connection, not the idle timeout (connection-limits.ts).
    holdOpen(socket);
    await entry.handle(req, socket, head, identity);
  }

  // One listener for every socket: it lives as long as the socket (an agent tunnel: days), and a
  // closure per socket would keep its context (the request and its headers, ~2 KB) with it.
  const onSocketError = (err: Error): void => log.debug({ err }, 'upgrade socket error');

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = pathOf(req.url).slice(0, 256);
    socket.on('error', onSocketError);
    dispatch(req, socket, head).catch((err: unknown) => {
      // The handler may already have switched protocols: no HTTP answer is possible any more.
      log.error({ err, url }, 'upgrade failed');
      socket.destroy();
    });
  }

  return {
    route,
    handleUpgrade,
    attach(server) {
      server.on('upgrade', handleUpgrade);
      return () => server.off('upgrade', handleUpgrade);
    },
  };
}
