import { request as httpsRequest, Agent } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from './app.ts';
import { pluginTimeoutFor } from './http-drain.ts';
import { parseConfig } from './config.ts';
import { createTempStore } from './testing.ts';
import { RESOURCES, API_VERSION } from './kinds/resources.ts';
import { mintToken } from './auth/token-service.ts';
import { ensureAdmin } from './auth/users.ts';

/** Handle kinds that a server or client leaves behind when it does not shut down cleanly. */
const LEAKY = new Set(['TCPServerWrap', 'TCPSocketWrap', 'TLSWrap', 'Timeout']);
const leaky = () => process.getActiveResourcesInfo().filter((r) => LEAKY.has(r)).sort();
const leakyCount = () => leaky().length;

function get(url: string, ca: string, agent: Agent, token?: string, onResponse?: () => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
    const req = httpsRequest(url, { ca, agent, headers }, (res) => {
      onResponse?.();
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  it('closes listeners, keep-alive connections, controllers and watches, leaving no handles', async () => {
    const t = await createTempStore();
    const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_SHUTDOWN_TIMEOUT_MS: '8000' }, []);
    if (parsed.help) throw new Error('help');
    const baselineList = leaky();
    const baseline = baselineList.length;
    const app = await buildServer(parsed.config, { store: t.store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true });
    const res = await get(`https://127.0.0.1:${port}/healthz`, app.drover.caPem, agent);
    expect(res).toEqual({ status: 200, body: 'ok' });
    // The controllers run: a new cluster gets its status.
    await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' } });
    await expect.poll(async () => ((await t.store.get(RESOURCES.clusters, '', 'c1')).status as { state?: string } | undefined)?.state, { timeout: 5000 }).toBe('Waiting');
    expect(leakyCount()).toBeGreaterThan(baseline);
    expect(await app.drover.metrics.registry.metrics()).toMatch(/drover_controller_reconciles_total\{controller="cluster-status",result="ok"\} [1-9]/);
    // An open watch, which close() must end rather than wait for.
    await ensureAdmin(t.store, 'admin-password');
    const { bearer } = await mintToken(t.store, app.drover.machineSecrets, { user: 'admin', type: 'api', ttlSeconds: 600 });
    let watching!: () => void;
    const open = new Promise<void>((r) => (watching = r));
    const watch = get(`https://127.0.0.1:${port}/apis/management.drover.dev/v1/clusters?watch=true`, app.drover.caPem, agent, bearer, watching);
    await open;

    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(5000); // far below the 8 s grace: neither the watch nor idle keep-alive sockets hold shutdown
    const watched = await watch;
    expect(watched.status).toBe(200);
    expect(watched.body).toContain('"type":"ADDED"');
    expect(app.server.listening).toBe(false);
    // Controllers stopped: later writes stay unreconciled.
    await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c2' } });
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.store.get(RESOURCES.clusters, '', 'c2')).status).toBeUndefined();
    agent.destroy();
    await t.cleanup();
    await expect.poll(leaky, { timeout: 5000 }).toEqual(baselineList);
  });
});

describe('shutdown grace period', () => {
  it('leaves fastify room for a drain that uses its whole grace', () => {
    // fastify fails close() when a preClose hook outlives pluginTimeout: 10 s by default, the
    // same as the default grace, so a drain that used all of it made the server exit 1.
    for (const grace of [0, 300, 10_000, 60_000]) expect(pluginTimeoutFor(grace)).toBeGreaterThanOrEqual(Math.max(10_000, grace + 2_000));
  });

  it('cuts connections still busy after DROVER_SHUTDOWN_TIMEOUT_MS', async () => {
    const t = await createTempStore();
    const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_SHUTDOWN_TIMEOUT_MS: '300' }, []);
    if (parsed.help) throw new Error('help');
    const app = await buildServer(parsed.config, { store: t.store, controllers: false });
    let hanging!: () => void;
    const entered = new Promise<void>((r) => (hanging = r));
    // A handler that never answers (a stand-in for a stuck long request).
    app.get('/v1/test-hang', (_req, reply) => {
      hanging();
      return reply;
    });
    await ensureAdmin(t.store, 'admin-password');
    const { bearer } = await mintToken(t.store, app.drover.machineSecrets, { user: 'admin', type: 'api', ttlSeconds: 600 });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: false });
    const stuck = get(`https://127.0.0.1:${port}/v1/test-hang`, app.drover.caPem, agent, bearer).catch((err: Error) => err);
    await entered;
    const started = Date.now();
    await app.close();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(2000);
    expect(await stuck).toBeInstanceOf(Error); // the socket was cut
    agent.destroy();
    await t.cleanup();
  });
});
