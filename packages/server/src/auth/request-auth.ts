/**
 * Who is calling: `authenticateRequest(req)` turns a request's credentials into a RequestUser, the
 * same way for fastify routes (the `onRequest` hook below) and for raw upgrades (the upgrade
 * router, upgrade/router.ts). A valid `Authorization: Bearer` token gives its User; no credentials
 * give the anonymous user, which only routes declared `config: { auth: 'none' }` accept. A failure
 * is a 401 Kubernetes Status with the reason ("token expired", "token revoked", "unknown token");
 * the token itself is never echoed or logged. Public routes answer anonymous callers and callers
 * with a bad token alike.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { RequestUser } from '../api/contract.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { sendStatus } from '../error-status.ts';
import type { Authenticator } from './authenticate.ts';
import { BEARER_SUBPROTOCOL_PREFIX, bearerFromHeader, bearerFromSubprotocols } from './bearer.ts';
import { checkCookieRequest, sessionBearer } from './session-cookie.ts';

/** Who may call a route: `user` (the default) needs credentials; `none` also serves anonymous callers. */
export type RouteAuth = 'none' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller (anonymous on public routes without credentials). */
    user: RequestUser;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route (default `user`). Public routes say `none` where they are declared,
     * so there is no list of public paths to keep in step with the routes.
     */
    auth?: RouteAuth;
  }
}

/** The part of a request authentication reads (a fastify request's raw message, an upgrade's request). */
export interface CredentialCarrier {
  headers: IncomingHttpHeaders;
  /** The HTTP method; a session cookie on an unsafe one needs the CSRF token (auth/session-cookie.ts). */
  method?: string | undefined;
}

/**
 * The caller of a request: ANONYMOUS without credentials, else the user its credentials stand for.
 * @throws DroverError 401 (DROVER_ERR_AUTH_*) for credentials that do not authenticate.
 */
export type AuthenticateRequest = (req: CredentialCarrier) => Promise<RequestUser>;

export const ANONYMOUS: RequestUser = Object.freeze<RequestUser>({
  name: 'system:anonymous',
  uid: '',
  groups: ['system:unauthenticated'],
  admin: false,
  via: 'anonymous',
});

/**
 * Bearer tokens: `Authorization: Bearer`, or on a WebSocket upgrade without that header the
 * `base64url.bearer.authorization.k8s.io.<token>` subprotocol (browsers; the proxy strips it before
 * forwarding). Then the console's session cookie (auth/session-cookie.ts), read after those, so
 * every route and upgrade path accepts it at once; a cookie-authenticated request must pass the
 * CSRF / Origin checks (a bearer, being sent on purpose, needs none). `allowedOrigins`: origins
 * besides the request's own Host that may use a session (the external URL's).
 */
export function createRequestAuthenticator(authenticator: Authenticator, allowedOrigins: readonly string[] = []): AuthenticateRequest {
  return async (req) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      // Browsers cannot set headers on a WebSocket: the token may come as a subprotocol.
      const fromProtocol = req.headers.upgrade === undefined ? undefined : bearerFromSubprotocols(req.headers['sec-websocket-protocol']);
      if (fromProtocol === '') throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', `malformed ${BEARER_SUBPROTOCOL_PREFIX}<token> WebSocket subprotocol`);
      if (fromProtocol !== undefined) return authenticator.authenticate(fromProtocol);
      const session = sessionBearer(req);
      if (session === undefined) return ANONYMOUS;
      checkCookieRequest(req, allowedOrigins);
      return authenticator.authenticate(session);
    }
    const bearer = bearerFromHeader(header);
    if (bearer === undefined) throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', 'unsupported authorization scheme (use Bearer)');
    return authenticator.authenticate(bearer);
  };
}

/** `user` unless anonymous. @throws DroverError DROVER_ERR_AUTH_UNAUTHENTICATED for the anonymous user. */
export function requireAuthenticated(user: RequestUser): RequestUser {
  if (user === ANONYMOUS) throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', 'authentication required: send Authorization: Bearer <token>');
  return user;
}

/** The `onRequest` hook that sets `request.user` and refuses anonymous callers of non-public routes. */
export function createAuthHook(authenticateRequest: AuthenticateRequest): onRequestAsyncHookHandler {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    const isPublic = request.routeOptions.config.auth === 'none';
    try {
      request.user = await authenticateRequest(request.raw);
      if (!isPublic) requireAuthenticated(request.user);
    } catch (err) {
      if (!isDroverError(err)) throw err;
      // A stale token does not lock a client out of /cacerts, health checks or login.
      if (isPublic) {
        request.log.info({ code: err.code }, 'authentication failed');
        request.user = ANONYMOUS;
        return;
      }
      if (request.headers.authorization !== undefined) request.log.info({ code: err.code }, 'authentication failed');
      return sendStatus(reply, err);
    }
  };
}
