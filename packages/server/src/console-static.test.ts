/**
 * The console's files and the single-page-app fallback rules (console-static.ts) on the whole
 * server: index.html only for a GET accepting text/html outside the API prefixes; API paths stay
 * JSON Status (401 anonymous, 404 authenticated); built assets are served with long caching.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import { ensureAdmin } from './auth/users.ts';
import { parseConfig } from './config.ts';
import { acceptsHtml, API_PREFIXES, isApiPath } from './console-static.ts';
import { createTempStore } from './testing.ts';
import type { TempStore } from './testing.ts';

const PASSWORD = 'console static password';
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let t: TempStore;
let app: FastifyInstance;
let bare: FastifyInstance;
let dist: string;
let admin: string;

async function serverWith(consoleDir: string): Promise<FastifyInstance> {
  const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_CONSOLE_DIR: consoleDir }, []);
  if (parsed.help) throw new Error('unexpected help');
  const a = await buildServer(parsed.config, { store: t.store, controllers: false });
  await a.ready();
  return a;
}

beforeAll(async () => {
  t = await createTempStore();
  await ensureAdmin(t.store, PASSWORD);
  dist = await mkdtemp(join(tmpdir(), 'drover-console-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>Drover</title><div id="root"></div>');
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = await serverWith(dist);
  bare = await serverWith(join(dist, 'missing'));
  const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin', password: PASSWORD } });
  admin = login.json<{ token: string }>().token;
});
afterAll(async () => {
  await app.close();
  await bare.close();
  await t.cleanup();
  await rm(dist, { recursive: true, force: true });
});

describe('console static files and SPA fallback', () => {
  it('serves index.html for browser navigations to / and to app routes, with a CSP and no caching', async () => {
    for (const url of ['/', '/clusters', '/clusters/prod/nodes?x=1', '/login']) {
      const res = await app.inject({ url, headers: { accept: HTML } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves built assets, hashed ones cached as immutable', async () => {
    const js = await app.inject({ url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['cache-control']).toMatch(/immutable/);
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('never answers an API prefix with HTML: 401 Status anonymous, 404 Status authenticated', async () => {
    for (const prefix of API_PREFIXES) {
      const url = `${prefix}/no-such-thing`;
      const anon = await app.inject({ url, headers: { accept: HTML } });
      expect(anon.statusCode, url).toBe(401);
      expect(anon.json(), url).toMatchObject({ kind: 'Status', code: 401 });
      const authed = await app.inject({ url, headers: { accept: HTML, authorization: `Bearer ${admin}` } });
      expect(authed.statusCode, url).toBe(404);
      expect(authed.headers['content-type'], url).toMatch(/^application\/json/);
      expect(authed.json(), url).toMatchObject({ kind: 'Status', code: 404, reason: 'NotFound' });
    }
    // The API itself still answers: a real route is not shadowed by the fallback.
    expect((await app.inject({ url: '/healthz', headers: { accept: HTML } })).body).toBe('ok');
    expect((await app.inject({ url: '/v1/version', headers: { accept: HTML } })).json()).toHaveProperty('version');
  });

  it('a request that does not accept text/html, or is not a GET, gets no index.html', async () => {
    const json = await app.inject({ url: '/clusters', headers: { accept: 'application/json', authorization: `Bearer ${admin}` } });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toMatchObject({ kind: 'Status' });
    const any = await app.inject({ url: '/clusters', headers: { accept: '*/*' } });
    expect(any.statusCode).toBe(401);
    const post = await app.inject({ method: 'POST', url: '/clusters', headers: { accept: HTML }, payload: {} });
    expect(post.headers['content-type'] ?? '').not.toMatch(/text\/html/);
    expect(post.statusCode).toBeGreaterThanOrEqual(400);
  });

  it('without a built console, navigations get a page saying how to build it', async () => {
    const res = await bare.inject({ url: '/', headers: { accept: HTML } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('./scripts/start');
  });

  it('matches Accept and prefixes exactly', () => {
    expect(acceptsHtml(HTML)).toBe(true);
    expect(acceptsHtml('text/html;q=0')).toBe(false);
    expect(acceptsHtml('*/*')).toBe(false);
    expect(acceptsHtml(undefined)).toBe(false);
    expect(isApiPath('/apis')).toBe(true);
    expect(isApiPath('/v1/session')).toBe(true);
    expect(isApiPath('/v1x')).toBe(false);
    expect(isApiPath('/clusters')).toBe(false);
  });
});
