/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are arbitrary JSON walked by assertions */
/**
 * Security finding #4 (issue 9): machine secrets (registration tokens, node credentials, API
 * tokens) are hashed with HMAC-SHA-256 under a server key, not scrypt; scrypt hashes stored
 * before still verify; failed registrations are limited per token name and logins per account
 * (exponential delay), and a site of 200 hosts behind one address still registers at once.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRegistrationToken } from '../auth/bearer.ts';
import { hashSecret } from '../auth/secret-hash.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { NODE_CREDENTIALS } from './node-credentials.ts';
import { api, clusterWithToken, G, register, startAgentTestServer } from './test-support.ts';
import type { AgentTestServer } from './test-support.ts';

let s: AgentTestServer;
const C = 'cost';
const HMAC = /^hmac-sha256\$v1\$[A-Za-z0-9_-]{43}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const login = (username: string, password: string) => s.app.inject({ method: 'POST', url: '/v1/login', payload: { username, password } });

beforeAll(async () => {
  s = await startAgentTestServer({ DROVER_LOGIN_RATE_LIMIT: '1000' });
});
afterAll(async () => {
  await s?.close();
});

describe('machine secrets are HMAC-SHA-256 under a server key', () => {
  it('registration tokens, node credentials and API tokens are stored as hmac-sha256$v1$…; the key is a 0600 file in the data directory', async () => {
    const token = await clusterWithToken(s, C, 'join');
    const rt = await s.t.store.get(RESOURCES.registrationtokens, C, 'join');
    expect((rt.status as { secretHash: string }).secretHash).toMatch(HMAC);
    expect((await register(s, token, 'h-1', 'ENG-H1')).status).toBe(201);
    const record = await s.t.store.get(NODE_CREDENTIALS, C, 'h-1');
    expect((record.spec as { current: { secretHash: string } }).current.secretHash).toMatch(HMAC);
    const created = await api(s, 'POST', '/tokens', { apiVersion: 'management.drover.dev/v1', kind: 'Token', metadata: { name: 'ci' }, spec: {} });
    expect(created.status).toBe(201);
    const tok = await s.t.store.get(RESOURCES.tokens, '', 'ci');
    expect((tok.status as { secretHash: string }).secretHash).toMatch(HMAC);
    const res = await s.app.inject({ method: 'GET', url: `${G}/clusters`, headers: { authorization: `Bearer ${created.body.status.token}` } });
    expect(res.statusCode).toBe(200);

    const keyFile = join(s.t.dir, 'data', 'machine-secrets.key');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'base64url')).toHaveLength(32);
  });

  it('a registration token stored with an scrypt hash (before this change) still registers', async () => {
    const token = await clusterWithToken(s, C, 'legacy');
    const stored = await s.t.store.get(RESOURCES.registrationtokens, C, 'legacy');
    const secret = parseRegistrationToken(token)!.secret;
    await s.t.store.update(RESOURCES.registrationtokens, { ...stored, status: { ...(stored.status as object), secretHash: await hashSecret(secret) } });
    expect((await register(s, token, 'legacy-1', 'ENG-LEG')).status).toBe(201);
  });
});

describe('rate limits', () => {
  it('failed registrations are limited per token name (429, Retry-After); the right secret still registers', async () => {
    const token = await clusterWithToken(s, C, 'flooded');
    const wrong = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) codes.push((await register(s, wrong, 'x', 'ENG-X')).status);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.at(-1)).toBe(429);
    const limited = await register(s, wrong, 'x', 'ENG-X');
    expect(limited.status).toBe(429);
    expect(limited.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body).toMatchObject({ kind: 'Status', code: 429, message: expect.stringMatching(/registration token "flooded"/) });
    // Another token name is not affected, nor is the holder of the right secret.
    expect((await register(s, wrong.replace('_flooded_', '_other_'), 'x', 'ENG-X')).status).toBe(401);
    expect((await register(s, token, 'ok-1', 'ENG-OK1')).status).toBe(201);
  });

  it('logins are delayed per account, exponentially, never for good; success resets; other accounts are not affected', async () => {
    const bob = await api(s, 'POST', '/users', { apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name: 'bob' }, spec: { password: 'bob-password-1' } });
    expect(bob.status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await login('admin', 'wrong-password')).statusCode).toBe(401);
    const first = await login('admin', 'agent-tests-password');
    expect(first.statusCode).toBe(429);
    expect(first.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_RATE_LIMITED');
    expect(first.headers['retry-after']).toBe('1');
    expect((await login('bob', 'bob-password-1')).statusCode).toBe(200);
    await sleep(1100);
    expect((await login('admin', 'wrong-password')).statusCode).toBe(401);
    const second = await login('admin', 'agent-tests-password');
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('2');
    await sleep(2100);
    expect((await login('admin', 'agent-tests-password')).statusCode).toBe(200);
    expect((await login('admin', 'wrong-password')).statusCode).toBe(401);
    expect((await login('admin', 'agent-tests-password')).statusCode).toBe(200);
  });

  it("the console's login (/v1/session) and /v1/login share one backoff per account: failures on either count for both", async () => {
    const carol = await api(s, 'POST', '/users', { apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name: 'carol' }, spec: { password: 'carol-password-1' } });
    expect(carol.status).toBe(201);
    const session = (password: string) => s.app.inject({ method: 'POST', url: '/v1/session', payload: { username: 'carol', password } });
    for (let i = 0; i < 5; i++) expect((i % 2 === 0 ? await session('wrong-password') : await login('carol', 'wrong-password')).statusCode).toBe(401);
    const viaLogin = await login('carol', 'carol-password-1');
    expect(viaLogin.statusCode).toBe(429);
    expect(viaLogin.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_RATE_LIMITED');
    const viaSession = await session('carol-password-1');
    expect(viaSession.statusCode).toBe(429);
    expect(viaSession.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_RATE_LIMITED');
  });

  it('200 hosts behind one address register at once', async () => {
    const token = await clusterWithToken(s, C, 'site');
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => register(s, token, `site-${i}`, `ENG-SITE-${i}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((st) => st === 201)).toHaveLength(200);
    console.log(`200 concurrent registrations from 127.0.0.1: ${Date.now() - started} ms`);
  }, 60_000);
});
