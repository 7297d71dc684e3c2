/**
 * The console's browser session (docs/adr/0017): an HttpOnly, Secure, SameSite=Strict cookie
 * holding a login Token's bearer, so a session is an ordinary revocable Token (token-service.ts)
 * and the shared authenticator (request-auth.ts) reads it after the Authorization header.
 *
 * A cookie is sent by the browser on its own, so a request authenticated by it must show it came
 * from the console itself:
 *  - an unsafe method (anything but GET, HEAD, OPTIONS) carries the CSRF token in the
 *    `X-Drover-CSRF` header, equal to the CSRF cookie (double submit; the `__Host-` prefix keeps a
 *    sibling host from planting either cookie), and its `Origin` / `Sec-Fetch-Site`, when present,
 *    name this origin;
 *  - an upgrade (WebSocket) must carry an `Origin` naming this origin: browsers send no custom
 *    headers and, in Chrome, no `Sec-Fetch-Site` on upgrades.
 * A request with an Authorization header is authenticated by that header alone; its cookie is
 * ignored, so CLI and kubectl callers never need a CSRF token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import { DroverError } from '../errors.ts';

/** The session cookie: the login Token's bearer. HttpOnly. */
export const SESSION_COOKIE = '__Host-drover-session';
/** The CSRF cookie: random, readable by the console's script, echoed in {@link CSRF_HEADER}. */
export const CSRF_COOKIE = '__Host-drover-csrf';
/** The header an unsafe cookie-authenticated request repeats the CSRF cookie in. */
export const CSRF_HEADER = 'x-drover-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the cookie checks read of a request (a fastify request's raw message, an upgrade request). */
export interface CookieRequest {
  headers: IncomingHttpHeaders;
  method?: string | undefined;
}

function cookiesOf(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const raw = headers.cookie;
  return raw === undefined || raw === '' ? {} : parseCookie(raw);
}

/** The session cookie's bearer, or undefined when the request carries none. */
export function sessionBearer(req: CookieRequest): string | undefined {
  const v = cookiesOf(req.headers)[SESSION_COOKIE];
  return v === undefined || v === '' ? undefined : v;
}

/** The CSRF cookie's value, or '' when the request carries none. */
export function csrfCookie(req: CookieRequest): string {
  return cookiesOf(req.headers)[CSRF_COOKIE] ?? '';
}

/** A fresh CSRF token (random, base64url). */
export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

const forbidden = (message: string): DroverError => new DroverError('DROVER_ERR_AUTH_CSRF', message);

/** True when `origin` (an Origin header) names the origin the request was sent to. */
function sameOrigin(origin: string, req: CookieRequest, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (allowedOrigins.includes(parsed.origin)) return true;
  const host = req.headers.host;
  if (host === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return false;
  try {
    // Through URL so a default port (":443" / ":80") compares equal either way.
    return new URL(`${parsed.protocol}//${host}`).host === parsed.host;
  } catch {
    return false;
  }
}

/**
 * Refuses a cookie-authenticated request that may have been forged by another site (see the file
 * comment). `allowedOrigins` adds origins beyond the request's own Host (the external URL's).
 * @throws DroverError DROVER_ERR_AUTH_CSRF (403)
 */
export function checkCookieRequest(req: CookieRequest, allowedOrigins: readonly string[] = []): void {
  const origin = req.headers.origin;
  const isUpgrade = req.headers.upgrade !== undefined;
  if (isUpgrade) {
    if (origin === undefined) throw forbidden('a session-authenticated upgrade must carry an Origin header');
    if (!sameOrigin(origin, req, allowedOrigins)) throw forbidden(`origin ${origin.slice(0, 128)} may not use this session`);
    return;
  }
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return;
  if (origin !== undefined && !sameOrigin(origin, req, allowedOrigins)) throw forbidden(`origin ${origin.slice(0, 128)} may not use this session`);
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') throw forbidden(`a ${site} request may not use this session`);
  const header = req.headers[CSRF_HEADER];
  const cookie = cookiesOf(req.headers)[CSRF_COOKIE];
  if (typeof header !== 'string' || cookie === undefined || header.length === 0) {
    throw forbidden(`missing CSRF token: send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`);
  }
  const a = Buffer.from(header);
  const b = Buffer.from(cookie);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw forbidden('CSRF token does not match the session');
}

/** The Set-Cookie values that start a session of `maxAgeSeconds`. */
export function sessionCookies(bearer: string, csrf: string, maxAgeSeconds: number): string[] {
  const common = { path: '/', secure: true, sameSite: 'strict' as const, maxAge: maxAgeSeconds };
  return [stringifySetCookie({ name: SESSION_COOKIE, value: bearer, ...common, httpOnly: true }), stringifySetCookie({ name: CSRF_COOKIE, value: csrf, ...common })];
}

/** The Set-Cookie values that end a session in the browser. */
export function clearedSessionCookies(): string[] {
  const common = { path: '/', secure: true, sameSite: 'strict' as const, maxAge: 0 };
  return [stringifySetCookie({ name: SESSION_COOKIE, value: '', ...common, httpOnly: true }), stringifySetCookie({ name: CSRF_COOKIE, value: '', ...common })];
}
