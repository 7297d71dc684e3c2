/**
 * The console's sign-in (docs/adr/0017), as a session over the Token store:
 *  - `POST /v1/session` {username, password}: checks the password (rate limited per address and
 *    backed off per account, as `/v1/login`), mints a `login` Token and answers with the session
 *    cookies (session-cookie.ts) and `{user, expiresAt, csrfToken}`; the bearer never appears in
 *    the body, so script cannot read it;
 *  - `GET /v1/session`: who the session is, when it expires and its CSRF token (`user: null`
 *    without a valid session);
 *  - `DELETE /v1/session`: revokes the session's Token (`spec.revoked`), so the cookie is
 *    worthless even if kept, and clears the cookies. Needs the CSRF token like any unsafe request.
 * Register inside a context with @fastify/rate-limit available (see app.ts).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Store } from '@drover/store';
import { isStoreError, StoreErrorCode } from '@drover/store';
import { DroverError } from '../errors.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { parseUserToken } from './bearer.ts';
import type { PasswordLogin } from './password-login.ts';
import type { MachineSecretHasher } from './machine-secret-hash.ts';
import { clearedSessionCookies, csrfCookie, newCsrfToken, sessionBearer, sessionCookies } from './session-cookie.ts';
import { mintToken } from './token-service.ts';
import type { TokenSpec, TokenStatus } from './token-service.ts';

export interface SessionRoutesOptions {
  store: Store;
  /** The password check with its per-account backoff, shared with `POST /v1/login`. */
  passwords: PasswordLogin;
  machineSecrets: MachineSecretHasher;
  /** Lifetime of a console session (the login token TTL). */
  ttlSeconds: number;
  /** Login attempts per client address per minute. */
  loginRateLimit: number;
  now?: () => Date;
}

const LoginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 253 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

/** What the console learns about its session (never the bearer). */
export interface SessionInfo {
  user: { name: string; admin: boolean };
  expiresAt: string | undefined;
  csrfToken: string;
}

const noStore = (reply: FastifyReply): FastifyReply => reply.header('cache-control', 'no-store');

/** Marks the Token `name` revoked; a Token already gone is fine. */
async function revokeToken(store: Store, name: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const token = await store.tryGet(RESOURCES.tokens, '', name);
    if (token === undefined || (token.spec as TokenSpec | undefined)?.revoked === true) return;
    try {
      await store.update(RESOURCES.tokens, { ...token, spec: { ...(token.spec as TokenSpec), revoked: true } });
      return;
    } catch (err) {
      if (!isStoreError(err, StoreErrorCode.CONFLICT)) throw err;
    }
  }
  throw new DroverError('DROVER_ERR_API_CONFLICT', `could not revoke session token ${name}: it keeps changing`);
}

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = (app: FastifyInstance, o) => {
  const now = o.now ?? (() => new Date());

  app.post<{ Body: { username: string; password: string } }>(
    '/v1/session',
    { schema: { body: LoginBody }, config: { auth: 'none', rateLimit: { max: o.loginRateLimit, timeWindow: 60_000 } } },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await o.passwords.check(username, password, request.log);
      const { object, bearer } = await mintToken(o.store, o.machineSecrets, { user: user.name, type: 'login', ttlSeconds: o.ttlSeconds, description: 'console session', now: now() });
      request.log.info({ username, tokenName: object.metadata.name }, 'console login');
      const csrfToken = newCsrfToken();
      const info: SessionInfo = { user: { name: user.name, admin: user.admin }, expiresAt: (object.status as TokenStatus | undefined)?.expiresAt, csrfToken };
      return noStore(reply).header('set-cookie', sessionCookies(bearer, csrfToken, o.ttlSeconds)).code(200).send(info);
    },
  );

  // Public, so a signed-out console asks without a 401 in the browser's console: `user` is null
  // without a valid session (none, expired, revoked, or a bearer request).
  app.get('/v1/session', { config: { auth: 'none' } }, async (request, reply) => {
    const bearer = sessionBearer(request.raw);
    if (bearer === undefined || request.headers.authorization !== undefined || request.user.via === 'anonymous') {
      return noStore(reply).send({ user: null, expiresAt: undefined, csrfToken: '' });
    }
    const token = await o.store.tryGet(RESOURCES.tokens, '', parseUserToken(bearer)?.name ?? '');
    const info: SessionInfo = {
      user: { name: request.user.name, admin: request.user.admin },
      expiresAt: (token?.status as TokenStatus | undefined)?.expiresAt,
      csrfToken: csrfCookie(request.raw),
    };
    return noStore(reply).send(info);
  });

  app.delete('/v1/session', async (request, reply) => {
    const bearer = sessionBearer(request.raw);
    const name = bearer === undefined ? undefined : parseUserToken(bearer)?.name;
    if (name === undefined || request.headers.authorization !== undefined) {
      throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', 'no console session to end');
    }
    await revokeToken(o.store, name);
    request.log.info({ user: request.user.name, tokenName: name }, 'console logout');
    return noStore(reply).header('set-cookie', clearedSessionCookies()).code(204).send();
  });
  return Promise.resolve();
};
