/**
 * The `onRequest` hook that sets `request.user`: a valid `Authorization: Bearer` token gives its
 * User; no credentials give the anonymous user, which only public paths accept. A failure is a
 * 401 Kubernetes Status with the reason ("token expired", "token revoked", "unknown token");
 * the token itself is never echoed or logged. Public paths answer anonymous callers and callers
 * with a bad token alike.
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { RequestUser } from '../api/contract.ts';
import { DroverError, isDroverError, statusBody } from '../errors.ts';
import type { Authenticator } from './authenticate.ts';
import { bearerFromHeader } from './bearer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (anonymous on public paths without credentials). */
    user: RequestUser;
  }
}

export const ANONYMOUS: RequestUser = Object.freeze<RequestUser>({
  name: 'system:anonymous',
  uid: '',
  groups: ['system:unauthenticated'],
  admin: false,
  via: 'anonymous',
});

/** Paths served without credentials. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set([
  '/cacerts',
  '/healthz',
  '/readyz',
  '/livez',
  '/v1/login',
  '/v1/version',
  '/version',
  // The agent endpoints authenticate with a registration token (body) or a node credential.
  '/v1/agent/register',
  '/v1/agent/tunnel',
]);

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** Sends `err` as a Kubernetes Status (for use in hooks, outside any error handler). */
export function sendStatus(reply: FastifyReply, err: DroverError): FastifyReply {
  if (err.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="drover"');
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
  return reply.code(err.statusCode).header('drover-error-code', err.code).type('application/json').send(statusBody(err));
}

export function createAuthHook(authenticator: Authenticator): onRequestAsyncHookHandler {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers.authorization;
    const bearer = bearerFromHeader(header);
    const isPublic = PUBLIC_PATHS.has(pathOf(request.url));
    if (bearer === undefined) {
      request.user = ANONYMOUS;
      if (isPublic) return;
      const message = header === undefined ? 'authentication required: send Authorization: Bearer <token>' : 'unsupported authorization scheme (use Bearer)';
      return sendStatus(reply, new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', message));
    }
    try {
      request.user = await authenticator.authenticate(bearer);
    } catch (err) {
      if (!isDroverError(err)) throw err;
      request.log.info({ code: err.code }, 'authentication failed');
      // A stale token does not lock a client out of /cacerts, health checks or login.
      if (isPublic) {
        request.user = ANONYMOUS;
        return;
      }
      return sendStatus(reply, err);
    }
  };
}
