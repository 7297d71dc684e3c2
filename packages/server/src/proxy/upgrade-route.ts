/**
 * exec, attach, cp and port-forward: `/k8s/clusters/<cluster>/…` upgrades (WebSocket and SPDY/3.1)
 * as a route of the upgrade router (docs/adr/0013), which has authenticated the user (a bearer
 * header, or the bearer WebSocket subprotocol, stripped here before forwarding). Same authorization
 * as HTTP; then the upgrade goes to the apiserver through the tunnel (undici dispatch with
 * `upgrade`), its 101 with its headers is written back, and bytes are relayed both ways with
 * backpressure and half-close (relay.ts). A refusal upstream (non-101) is relayed as it came.
 */
import { STATUS_CODES } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { RequestUser } from '../api/contract.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { refuseUpgrade, toStatus } from '../error-status.ts';
import type { UserUpgradeRoute } from '../upgrade/router.ts';
import { authorizeRequest, clusterAccess } from './authorize.ts';
import type { ProxyDeps } from './deps.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts';
import { PROXY_PREFIX, splitProxyUrl } from './http-route.ts';
import { relayUpgraded } from './relay.ts';
import { ACTING_SUBRESOURCES, isPlainPath, parseRequestInfo } from './request-info.ts';

/** The body of a refused upstream upgrade relayed to the client is cut at this size (bytes). */
const MAX_REFUSAL_BODY = 64 * 1024;

type UpgradeOutcome =
  | { kind: 'upgraded'; headers: Record<string, string | string[] | undefined>; socket: Duplex }
  | { kind: 'refused'; statusCode: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** Sends the upgrade request on `pool`; resolves with the 101's socket or the refusal. */
function upgradeOn(pool: Dispatcher, opts: { method: string; path: string; headers: Record<string, string | string[]>; protocol: string }): Promise<UpgradeOutcome> {
  return new Promise((resolve, reject) => {
    let statusCode = 0;
    let headers: Record<string, string | string[] | undefined> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart() {
        // Nothing to set up: the request carries no body and no abort of its own.
      },
      onRequestUpgrade(_controller, _status, upgradedHeaders, socket) {
        resolve({ kind: 'upgraded', headers: upgradedHeaders, socket });
      },
      onResponseStart(_controller, status, responseHeaders) {
        statusCode = status;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        if (size < MAX_REFUSAL_BODY) chunks.push(chunk.subarray(0, MAX_REFUSAL_BODY - size));
        size += chunk.length;
      },
      onResponseEnd() {
        resolve({ kind: 'refused', statusCode, headers, body: Buffer.concat(chunks) });
      },
      onResponseError(_controller, err) {
        reject(err);
      },
    };
    pool.dispatch({ method: opts.method, path: opts.path, headers: opts.headers, upgrade: opts.protocol, body: null }, handler);
  });
}

function headerLines(headers: Record<string, string | string[]>): string {
  let out = '';
  for (const [name, value] of Object.entries(headers)) {
    for (const v of Array.isArray(value) ? value : [value]) out += `${name}: ${v.replace(/[\r\n]/g, '')}\r\n`;
  }
  return out;
}

/** The route to add to the upgrade router. */
export function proxyUpgradeRoute(deps: ProxyDeps): UserUpgradeRoute {
  return {
    prefix: PROXY_PREFIX,
    auth: 'user',
    handle: (req, socket, head, user) => proxyUpgrade(deps, req, socket, head, user),
  };
}

async function proxyUpgrade(deps: ProxyDeps, req: IncomingMessage, socket: Duplex, head: Buffer, user: RequestUser): Promise<void> {
  const started = Date.now();
  const time = new Date();
  const split = splitProxyUrl(req.url ?? '');
  const method = (req.method ?? 'GET').toUpperCase();
  if (split === undefined) return refuseUpgrade(socket, new DroverError('DROVER_ERR_UPGRADE_NOT_FOUND', 'no cluster in the path'));
  const { cluster, upstreamPath } = split;
  if (!isPlainPath(upstreamPath)) return refuseUpgrade(socket, new DroverError('DROVER_ERR_API_BAD_REQUEST', 'the path has a "." or ".." segment or an encoded "/"'));
  const info = parseRequestInfo(method, upstreamPath);
  const audited = ACTING_SUBRESOURCES.has(info.subresource) || (method !== 'GET' && method !== 'HEAD');
  const audit = (code: number): void => {
    if (audited) deps.audit?.record({ source: 'proxy', user: user.name, ...(user.uid === '' ? {} : { userUid: user.uid }), cluster, verb: info.subresource !== '' ? info.subresource : info.verb, method, path: info.path, code, durationMs: Date.now() - started, time });
  };
  const refuse = (err: unknown): void => {
    audit(toStatus(err).status.code);
    refuseUpgrade(socket, err);
  };

  let outcome: UpgradeOutcome;
  try {
    const access = await clusterAccess(user, cluster, deps);
    authorizeRequest(user, cluster, access.role, method, info);
    const headers = upstreamRequestHeaders(req.headers, user, access.role);
    const protocol = String(req.headers.upgrade);
    outcome = await deps.transport.withNode(cluster, access.cert, (pool) => upgradeOn(pool, { method, path: upstreamPath, headers, protocol }));
  } catch (err) {
    return refuse(isDroverError(err) ? err : new DroverError('DROVER_ERR_PROXY_UPSTREAM_FAILED', `upgrade to the apiserver of cluster "${cluster}" failed: ${(err as Error).message}`, { cause: err }));
  }
  if (socket.destroyed) {
    if (outcome.kind === 'upgraded') outcome.socket.destroy();
    return;
  }
  if (outcome.kind === 'refused') {
    audit(outcome.statusCode);
    const headers = downstreamResponseHeaders(outcome.headers);
    delete headers['content-length'];
    socket.write(`HTTP/1.1 ${outcome.statusCode} ${STATUS_CODES[outcome.statusCode] ?? 'Error'}\r\n${headerLines(headers)}content-length: ${outcome.body.length}\r\nconnection: close\r\n\r\n`);
    socket.end(outcome.body);
    return;
  }
  const upstream = outcome.socket;
  const upgradeHeader = outcome.headers.upgrade;
  const response = `HTTP/1.1 101 Switching Protocols\r\nconnection: Upgrade\r\nupgrade: ${String(upgradeHeader ?? req.headers.upgrade)}\r\n${headerLines(downstreamResponseHeaders(outcome.headers))}\r\n`;
  socket.write(response);
  if (head.length > 0) upstream.write(head);
  relayUpgraded(socket, upstream, { websocket: isWebSocket(req.headers), onClose: () => audit(101) });
}

function isWebSocket(headers: IncomingHttpHeaders): boolean {
  return String(headers.upgrade ?? '').toLowerCase() === 'websocket';
}
