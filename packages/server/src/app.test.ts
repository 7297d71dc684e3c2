import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import { parseConfig } from './config.ts';
import type { ServerConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { ensureAdmin } from './auth/users.ts';
import { RESOURCES } from './kinds/resources.ts';
import { createTempStore } from './testing.ts';
import type { TempStore } from './testing.ts';

const PASSWORD = 'correct horse battery';
let t: TempStore;
let app: FastifyInstance;
let config: ServerConfig;
const logLines: string[] = [];
let clock = Date.now();

function testConfig(dir: string, extra: Record<string, string> = {}): ServerConfig {
  const parsed = parseConfig({ DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_LOGIN_RATE_LIMIT: '5', ...extra }, []);
  if (parsed.help) throw new Error('unexpected help');
  return parsed.config;
}

beforeAll(async () => {
  t = await createTempStore();
  config = testConfig(t.dir);
  await ensureAdmin(t.store, PASSWORD);
  const logger = createLogger({ level: 'debug' }, { write: (s: string) => void logLines.push(s) });
  app = await buildServer(config, { store: t.store, logger, now: () => new Date(clock), controllers: false });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const login = (username: string, password: string, ip = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/v1/login', payload: { username, password }, remoteAddress: ip });

async function tokenFor(ip = '10.9.9.9'): Promise<string> {
  const res = await login('admin', PASSWORD, ip);
  expect(res.statusCode).toBe(200);
  return res.json<{ token: string }>().token;
}

describe('public endpoints', () => {
  it('serves /cacerts: exactly ca.crt, checksum = sha256 of the body', async () => {
    const res = await app.inject({ url: '/cacerts' });
    expect(res.statusCode).toBe(200);
    const file = await readFile(join(config.dataDir, 'pki', 'ca.crt'));
    expect(res.rawPayload.equals(file)).toBe(true);
    const sum = createHash('sha256').update(res.rawPayload).digest('hex');
    expect(sum).toBe(app.drover.caChecksum);
    expect(createHash('sha256').update(file).digest('hex')).toBe(sum);
    expect((await app.inject({ url: '/v1/version' })).json()).toMatchObject({ caChecksum: sum });
  });

  it('answers health and readiness without credentials; metrics are not served here (metrics-server.ts)', async () => {
    expect((await app.inject({ url: '/healthz' })).body).toBe('ok');
    // A stale token does not lock a client out of public paths.
    expect((await app.inject({ url: '/cacerts', headers: { authorization: 'Bearer drover_gone_AAAAAAAAAAAAAAAAAAAAAAAA' } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/readyz' })).body).toBe('ok');
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    // Public because their routes say so (config.auth 'none'): the HEAD twin of a GET too.
    expect((await app.inject({ method: 'HEAD', url: '/livez' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/version' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/agent/tunnel' })).statusCode).toBe(400);
    const metrics = await app.drover.metrics.registry.metrics();
    expect(metrics).toContain('drover_http_requests_total{method="GET",route="/healthz",status="200"}');
    expect(metrics).toContain('drover_server_process_cpu_seconds_total');
  });

  it('refuses a protected route without credentials with a 401 Status', async () => {
    const res = await app.inject({ url: '/v1/kubeconfig' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
    expect(res.headers['www-authenticate']).toContain('Bearer');
    const basic = await app.inject({ url: '/v1/kubeconfig', headers: { authorization: 'Basic YTpi' } });
    expect(basic.json<{ message: string }>().message).toContain('Bearer');
  });
});

describe('login', () => {
  it('returns a token for the right password', async () => {
    const res = await login('admin', PASSWORD, '10.0.0.1');
    expect(res.statusCode).toBe(200);
    const { token, expiresAt } = res.json<{ token: string; expiresAt: string }>();
    expect(token).toMatch(/^drover_login-[a-z0-9]{10}_[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - clock).toBe(12 * 3600 * 1000);
    const name = token.split('_')[1]!;
    const stored = await t.store.get(RESOURCES.tokens, '', name);
    expect(JSON.stringify(stored)).not.toContain(token.slice(token.indexOf('_', 7) + 1));
    expect(stored.spec).toMatchObject({ user: 'admin', type: 'login' });
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await login('admin', 'nope', '10.0.0.2');
    const unknown = await login('mallory', 'nope', '10.0.0.2');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message: 'invalid username or password' });
    }
  });

  it('rejects a malformed body with a 400 Status', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin' }, remoteAddress: '10.0.0.3' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
  });

  it('rate-limits login attempts per client address', async () => {
    const codes: number[] = [];
    // A name per attempt: the per-account delay (auth/login-backoff.ts) is not what is tested here.
    for (let i = 0; i < 7; i++) codes.push((await login(`nobody-${i}`, 'wrong', '10.0.0.4')).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await login('admin', PASSWORD, '10.0.0.4');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ kind: 'Status', reason: 'TooManyRequests' });
    expect((await login('admin', PASSWORD, '10.0.0.5')).statusCode).toBe(200);
  });
});

describe('bearer tokens', () => {
  const kubeconfig = (token: string) => app.inject({ url: '/v1/kubeconfig', headers: { authorization: `Bearer ${token}` } });

  it('answers unknown, malformed, wrong-secret, revoked and expired tokens with 401 and a reason', async () => {
    const good = await tokenFor('10.1.0.1');
    const name = good.split('_')[1]!;
    const cases: [string, string][] = [
      ['drover_nosuch-token_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'unknown token'],
      ['garbage', 'unknown token'],
      [`drover_${name}_${'A'.repeat(43)}`, 'unknown token'],
    ];
    for (const [token, message] of cases) {
      const res = await kubeconfig(token);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ kind: 'Status', reason: 'Unauthorized', message });
      expect(res.body).not.toContain(token);
    }
    expect((await kubeconfig(good)).statusCode).toBe(200);

    clock += 12 * 3600 * 1000 + 1000;
    try {
      const expired = await kubeconfig(good);
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ message: 'token expired' });
    } finally {
      clock -= 12 * 3600 * 1000 + 1000;
    }

    const obj = await t.store.get(RESOURCES.tokens, '', name);
    await t.store.update(RESOURCES.tokens, { ...obj, spec: { ...(obj.spec as object), revoked: true } });
    const revoked = await kubeconfig(good);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ message: 'token revoked' });

    await t.store.delete(RESOURCES.tokens, '', name);
    expect((await kubeconfig(good)).json()).toMatchObject({ message: 'unknown token' });
  });

  it('refuses the token of a disabled user', async () => {
    const good = await tokenFor('10.1.0.2');
    const admin = await t.store.get(RESOURCES.users, '', 'admin');
    await t.store.update(RESOURCES.users, { ...admin, spec: { ...(admin.spec as object), disabled: true } });
    try {
      const res = await kubeconfig(good);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ message: 'user disabled or removed' });
      expect((await login('admin', PASSWORD, '10.1.0.3')).statusCode).toBe(401);
    } finally {
      const cur = await t.store.get(RESOURCES.users, '', 'admin');
      await t.store.update(RESOURCES.users, { ...cur, spec: { ...(cur.spec as object), disabled: false } });
    }
  });

  it('never writes a token, password or secret query parameter to the logs', async () => {
    const good = await tokenFor('10.1.0.4');
    const secret = good.slice(good.indexOf('_', 7) + 1);
    await kubeconfig(good);
    await app.inject({ url: `/v1/kubeconfig?token=${good}`, headers: { authorization: `Bearer ${good}` } });
    await kubeconfig(`${good.slice(0, -2)}xx`);
    await app.inject({ url: '/healthz', headers: { authorization: `Bearer ${good}` } });
    const all = logLines.join('');
    expect(all).toContain('"url":"/v1/kubeconfig?token=[Redacted]"');
    expect(all).toContain('"msg":"login"');
    expect(all).not.toContain(secret);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(secret.slice(0, 20));
  });
});

describe('GET /v1/kubeconfig', () => {
  it('mints its own kubeconfig Token (30 days by default) and embeds the CA', async () => {
    const login = await tokenFor('10.2.0.1');
    const res = await app.inject({ url: '/v1/kubeconfig', headers: { authorization: `Bearer ${login}`, host: 'drover.test:9443' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/yaml');
    const kc = parseYaml(res.body) as {
      'current-context': string;
      clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
      users: { user: { token: string } }[];
    };
    expect(kc['current-context']).toBe('drover');
    expect(kc.clusters[0]!.cluster.server).toBe('http://drover.test:9443');
    expect(Buffer.from(kc.clusters[0]!.cluster['certificate-authority-data'], 'base64').toString()).toBe(app.drover.caPem);
    const minted = kc.users[0]!.user.token;
    expect(minted).toMatch(/^drover_kubeconfig-/);
    expect(minted).not.toBe(login);
    const obj = await t.store.get(RESOURCES.tokens, '', minted.split('_')[1]!);
    expect(obj.spec).toMatchObject({ user: 'admin', type: 'kubeconfig', ttlSeconds: 30 * 86400 });
    expect(Date.parse((obj.status as { expiresAt: string }).expiresAt) - clock).toBe(30 * 86400 * 1000);
    // The minted token works on its own.
    const again = await app.inject({ url: '/v1/kubeconfig?ttl=2h', headers: { authorization: `Bearer ${minted}` } });
    expect(again.statusCode).toBe(200);
    const second = (parseYaml(again.body) as { users: { user: { token: string } }[] }).users[0]!.user.token;
    const obj2 = await t.store.get(RESOURCES.tokens, '', second.split('_')[1]!);
    expect(obj2.spec).toMatchObject({ ttlSeconds: 7200 });
  });

  it('rejects a bad ttl with a 400 Status', async () => {
    const login = await tokenFor('10.2.0.2');
    for (const ttl of ['abc', '0', '5000d', '-1']) {
      const res = await app.inject({ url: `/v1/kubeconfig?ttl=${ttl}`, headers: { authorization: `Bearer ${login}` } });
      expect(res.statusCode, ttl).toBe(400);
      expect(res.json()).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
    }
  });
});
