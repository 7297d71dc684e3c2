/**
 * The web console's static files (packages/console, docs/adr/0017) at `/`, same origin as the API.
 *
 * One public `GET /*` route, below every API route (find-my-way prefers static and parametric
 * routes), serves a built file when the path names one, and otherwise the single-page app's
 * `index.html` — but only for a GET that accepts `text/html` outside the API prefixes, so an API
 * 404 never turns into HTML: anything else is a 404 Status (401 for an anonymous caller, as the
 * API answers). Hashed assets under `/assets/` are cached for a year; `index.html` never.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DroverError } from './errors.ts';

/** Paths the console never answers with HTML: the API and the server's own endpoints. */
export const API_PREFIXES = ['/api', '/apis', '/k8s', '/v1', '/version', '/openapi', '/metrics', '/cacerts', '/healthz', '/livez', '/readyz'] as const;

/** True when `path` is one of the API prefixes or below one. */
export function isApiPath(path: string): boolean {
  return API_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`));
}

/** True when the Accept header names text/html (a browser navigation), not only *\/\*. */
export function acceptsHtml(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return type?.trim() === 'text/html' && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** The CSP of the console's HTML: its own scripts only, API calls to its own origin. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Drover</title>
<p>The Drover console is not built. Run <code>./scripts/start</code> (it builds it), or
<code>pnpm --filter @drover/console build</code>, then reload.</p>`;

function filesUnder(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.add(`/${relative(dir, full).split(sep).join('/')}`);
    }
  };
  walk(dir);
  return out;
}

function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CSP)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-cache');
}

/**
 * Registers the console at `/` from `dir` (vite's output). A missing `dir` serves a page saying how
 * to build it, so the API still runs without a bundle.
 */
export async function registerConsole(app: FastifyInstance, dir: string): Promise<void> {
  const built = existsSync(join(dir, 'index.html')) && statSync(dir).isDirectory();
  const files = built ? filesUnder(dir) : new Set<string>();
  if (built) await app.register(fastifyStatic, { root: dir, serve: false });

  const notFound = (request: FastifyRequest, path: string): never => {
    if (request.user.via === 'anonymous') throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', 'authentication required: send Authorization: Bearer <token>');
    throw new DroverError('DROVER_ERR_API_NOT_FOUND', `the server could not find the requested resource (${path.slice(0, 256)})`);
  };

  app.get('/*', { config: { auth: 'none' } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path)) return notFound(request, path);
    if (built && path !== '/index.html' && files.has(path)) {
      const immutable = path.startsWith('/assets/');
      return reply.header('x-content-type-options', 'nosniff').sendFile(path.slice(1), { immutable, maxAge: immutable ? '365d' : 0 });
    }
    if (!acceptsHtml(request.headers.accept)) return notFound(request, path);
    if (!built) return htmlHeaders(reply).type('text/html; charset=utf-8').send(NOT_BUILT);
    return htmlHeaders(reply).sendFile('index.html', { maxAge: 0, immutable: false, cacheControl: false });
  });
}
