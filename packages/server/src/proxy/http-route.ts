/**
 * `/k8s/clusters/<cluster>/…` over HTTP, every method: authenticate (the server's hook set
 * `request.user`), authorize (authorize.ts), then forward to the cluster's apiserver through the
 * tunnel (transport.ts) with Drover's impersonation headers (headers.ts). An encapsulated plugin
 * that parses no body: the client's request stream goes upstream as it arrives, and the response
 * streams back through fastify's pipe, chunk by chunk with backpressure (watch, `logs -f`).
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { holdOpen } from '../connection-limits.ts';
import { DroverError } from '../errors.ts';
import { sendStatus } from '../error-status.ts';
import { authorizeRequest, clusterAccess } from './authorize.ts';
import { DeferredBody } from './deferred-body.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts';
import type { ProxyDeps } from './deps.ts';
import { isPlainPath, parseRequestInfo } from './request-info.ts';
import type { RequestInfo } from './request-info.ts';

export const PROXY_PREFIX = '/k8s/clusters/';

/** The cluster named by a proxied URL and the path (with query) to send to its apiserver. */
export function splitProxyUrl(url: string): { cluster: string; upstreamPath: string } | undefined {
  if (!url.startsWith(PROXY_PREFIX)) return undefined;
  const rest = url.slice(PROXY_PREFIX.length);
  const end = rest.search(/[/?]/);
  const raw = end < 0 ? rest : rest.slice(0, end);
  let cluster: string;
  try {
    cluster = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (cluster === '') return undefined;
  const tail = end < 0 ? '' : rest.slice(end);
  return { cluster, upstreamPath: tail.startsWith('/') ? tail : `/${tail}` };
}

/** Requests that stay open: exempt from the idle timeout here and from undici's body timeout upstream. */
export function isLongRunning(info: RequestInfo, upstreamPath: string): boolean {
  if (info.verb === 'watch') return true;
  const q = upstreamPath.indexOf('?');
  return q >= 0 && /(?:^|&)follow=(?:true|1)(?:&|$)/i.test(upstreamPath.slice(q + 1));
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function proxyHttpPlugin(deps: ProxyDeps): FastifyPluginAsync {
  // eslint-disable-next-line @typescript-eslint/require-await -- fastify plugins are async functions
  return async (app) => {
    // Bodies are not parsed: the handler passes the raw request stream on.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    app.setErrorHandler((err, request, reply) => {
      if (!reply.sent && !reply.raw.headersSent) return sendStatus(reply, err, 'kube');
      request.log.debug({ err }, 'proxied response failed');
      return reply;
    });
    const handler = (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => forward(deps, request, reply);
    app.all('/k8s/clusters/:cluster', handler);
    app.all('/k8s/clusters/:cluster/*', handler);
  };
}

async function forward(deps: ProxyDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const started = Date.now();
  const time = new Date();
  const split = splitProxyUrl(request.raw.url ?? '');
  if (split === undefined) throw new DroverError('DROVER_ERR_API_NOT_FOUND', 'the server could not find the requested resource');
  const { cluster, upstreamPath } = split;
  if (!isPlainPath(upstreamPath)) throw new DroverError('DROVER_ERR_API_BAD_REQUEST', 'the path has a "." or ".." segment or an encoded "/"');
  const method = request.method;
  const info = parseRequestInfo(method, upstreamPath);
  const user = request.user;
  const audited = method !== 'GET' && method !== 'HEAD' && deps.audit !== undefined;
  if (audited) {
    reply.raw.once('close', () => {
      deps.audit?.record({ source: 'proxy', user: user.name, ...(user.uid === '' ? {} : { userUid: user.uid }), cluster, verb: info.verb, method, path: info.path, code: reply.raw.statusCode, durationMs: Date.now() - started, time });
    });
  }

  const access = await clusterAccess(user, cluster, deps);
  authorizeRequest(user, cluster, access.role, method, info);
  const headers = upstreamRequestHeaders(request.headers, user, access.role);
  const longRunning = isLongRunning(info, upstreamPath);
  if (longRunning) holdOpen(request.raw.socket);

  const aborted = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) aborted.abort(new Error('client went away'));
  });
  const withBody = hasBody(request.raw);
  let previous: DeferredBody | null = null;
  const res = await deps.transport.withNode(cluster, access.cert, async (pool, node) => {
    // A failed dial sent nothing; should a body have been read all the same, no other node may get the rest.
    if (previous?.started === true) throw new DroverError('DROVER_ERR_PROXY_UPSTREAM_FAILED', `the request body was partly read for another node than "${node}"`);
    const body = withBody ? new DeferredBody(request.raw) : null;
    previous = body;
    return pool.request({
      method,
      path: upstreamPath,
      headers,
      body,
      signal: aborted.signal,
      ...(longRunning ? { bodyTimeout: 0 } : {}),
    });
  });
  return reply.code(res.statusCode).headers(downstreamResponseHeaders(res.headers)).send(res.body);
}
