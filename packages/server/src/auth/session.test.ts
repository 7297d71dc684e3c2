/**
 * The console's session cookie on the whole server (inject): login sets HttpOnly/Secure/Strict
 * cookies and never returns the bearer; the cookie authenticates API reads; unsafe methods need the
 * CSRF header and a same origin; logout revokes the Token; an expired session is a 401; a bearer
 * request ignores the cookie; a cookie-authenticated upgrade needs a same Origin (real socket).
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildServer } from '../app.ts';
import { parseConfig } from '../config.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { ensureAdmin } from './users.ts';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './session-cookie.ts';

const PASSWORD = 'console session password';
const G = '/apis/management.drover.dev/v1';
let t: TempStore;
let app: FastifyInstance;
let clock = Date.now();

beforeAll(async () => {
  t = await createTempStore();
  const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_TLS: 'false', DROVER_LOGIN_TOKEN_TTL: '3600' }, []);
  if (parsed.help) throw new Error('unexpected help');
  await ensureAdmin(t.store, PASSWORD);
  app = await buildServer(parsed.config, { store: t.store, now: () => new Date(clock), controllers: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

interface Session {
  cookie: string;
  csrf: string;
  bearer: string;
  setCookies: string[];
  body: { user: { name: string; admin: boolean }; expiresAt: string; csrfToken: string };
}

function cookiesFrom(res: LightMyRequestResponse): string[] {
  const h = res.headers['set-cookie'];
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
}

async function login(): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'admin', password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const setCookies = cookiesFrom(res);
  const value = (name: string): string => setCookies.find((c) => c.startsWith(`${name}=`))!.split(';')[0]!.slice(name.length + 1);
  const bearer = value(SESSION_COOKIE);
  const csrf = value(CSRF_COOKIE);
  return { cookie: `${SESSION_COOKIE}=${bearer}; ${CSRF_COOKIE}=${csrf}`, csrf, bearer, setCookies, body: res.json() };
}

const clusterBody = (name: string) => ({ apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name } });

describe('console session cookie', () => {
  it('login sets an HttpOnly, Secure, SameSite=Strict __Host- session cookie and never returns the bearer', async () => {
    const s = await login();
    const session = s.setCookies.find((c) => c.startsWith(SESSION_COOKIE))!;
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; SameSite=Strict/i);
    expect(session).toMatch(/; Path=\//i);
    expect(session).toMatch(/; Max-Age=3600/i);
    const csrf = s.setCookies.find((c) => c.startsWith(CSRF_COOKIE))!;
    expect(csrf).not.toMatch(/HttpOnly/i);
    expect(s.bearer).toMatch(/^drover_login-/);
    expect(JSON.stringify(s.body)).not.toContain(s.bearer);
    expect(s.body).toMatchObject({ user: { name: 'admin', admin: true }, csrfToken: s.csrf });
    expect(Date.parse(s.body.expiresAt)).toBeGreaterThan(clock);
  });

  it('a wrong password is a 401 Status and sets no cookie', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'admin', password: 'wrong password' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ kind: 'Status', code: 401 });
    expect(cookiesFrom(res)).toEqual([]);
  });

  it('the cookie authenticates API reads and GET /v1/session', async () => {
    const s = await login();
    const list = await app.inject({ url: `${G}/clusters`, headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
    const who = await app.inject({ url: '/v1/session', headers: { cookie: s.cookie } });
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ user: { name: 'admin' }, csrfToken: s.csrf, expiresAt: s.body.expiresAt });
    expect((await app.inject({ url: '/v1/session' })).json()).toMatchObject({ user: null });
    expect((await app.inject({ url: `${G}/clusters` })).statusCode).toBe(401);
  });

  it('an unsafe cookie request needs the CSRF header equal to the cookie, and a same origin', async () => {
    const s = await login();
    const post = (headers: Record<string, string>, name: string) => app.inject({ method: 'POST', url: `${G}/clusters`, headers: { cookie: s.cookie, ...headers }, payload: clusterBody(name) });
    const none = await post({}, 'csrf-none');
    expect(none.statusCode).toBe(403);
    expect(none.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_CSRF');
    expect((await post({ [CSRF_HEADER]: 'x'.repeat(s.csrf.length) }, 'csrf-wrong')).statusCode).toBe(403);
    expect((await post({ [CSRF_HEADER]: s.csrf, origin: 'https://evil.example' }, 'csrf-origin')).statusCode).toBe(403);
    expect((await post({ [CSRF_HEADER]: s.csrf, 'sec-fetch-site': 'cross-site' }, 'csrf-site')).statusCode).toBe(403);
    const ok = await post({ [CSRF_HEADER]: s.csrf, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' }, 'csrf-ok');
    expect(ok.statusCode).toBe(201);
    // Nothing was created by the refused requests.
    expect((await t.store.tryGet(RESOURCES.clusters, '', 'csrf-none'))).toBeUndefined();
  });

  it('a bearer request ignores the cookie and needs no CSRF token', async () => {
    const s = await login();
    const res = await app.inject({ method: 'POST', url: `${G}/clusters`, headers: { cookie: s.cookie, authorization: `Bearer ${s.bearer}` }, payload: clusterBody('bearer-ok') });
    expect(res.statusCode).toBe(201);
  });

  it('logout revokes the session Token: the old cookie no longer authenticates', async () => {
    const s = await login();
    const noCsrf = await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie: s.cookie, [CSRF_HEADER]: s.csrf } });
    expect(out.statusCode).toBe(204);
    expect(cookiesFrom(out).every((c) => /Max-Age=0/i.test(c))).toBe(true);
    const name = /^drover_([^_]+)_/.exec(s.bearer)![1]!;
    expect((await t.store.get(RESOURCES.tokens, '', name)).spec).toMatchObject({ revoked: true, type: 'login' });
    const after = await app.inject({ url: `${G}/clusters`, headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_TOKEN_REVOKED');
  });

  it('an expired session is a 401 naming the expiry', async () => {
    const s = await login();
    const saved = clock;
    clock += 3601_000;
    try {
      expect((await app.inject({ url: '/v1/session', headers: { cookie: s.cookie } })).json()).toMatchObject({ user: null });
      const res = await app.inject({ url: `${G}/clusters`, headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_TOKEN_EXPIRED');
    } finally {
      clock = saved;
    }
  });

  it('a cookie-authenticated upgrade needs an Origin naming this server (the shared authenticator on the upgrade router)', async () => {
    const s = await login();
    const port = (app.server.address() as AddressInfo).port;
    app.drover.upgrades.route({ prefix: '/console-test-upgrade', auth: 'user', handle: (_req, socket) => void socket.end('HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n') });
    /** The status line the server answers an upgrade with the session cookie and `origin`. */
    const at = (origin: string | undefined): Promise<string> =>
      new Promise<string>((resolve, reject) => {
        const sock = connect(port, '127.0.0.1');
        let text = '';
        sock.setEncoding('utf8');
        sock.on('data', (c: string) => (text += c));
        sock.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
        sock.on('error', reject);
        const lines = ['GET /console-test-upgrade HTTP/1.1', `Host: 127.0.0.1:${port}`, 'Connection: Upgrade', 'Upgrade: websocket', `Cookie: ${s.cookie}`, ...(origin === undefined ? [] : [`Origin: ${origin}`])];
        sock.write(`${lines.join('\r\n')}\r\n\r\n`);
      });
    expect(await at(undefined)).toBe('HTTP/1.1 403 Forbidden');
    expect(await at('https://evil.example')).toBe('HTTP/1.1 403 Forbidden');
    expect(await at(`https://127.0.0.1:${port}`)).toBe('HTTP/1.1 204 No Content');
  });
});
