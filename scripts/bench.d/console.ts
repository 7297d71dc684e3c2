/**
 * `./scripts/bench console [--nodes N]`: the web console in Debian's Chromium (playwright-core)
 * against a real server with N Nodes (default 5,000) in one cluster.
 *  - bundle_gzip_kb: the initial JS (the scripts index.html loads), gzip -9;
 *  - first_render_ms: from navigating to the cluster page (full page load, signed in) until its
 *    Nodes table holds all N rows (aria-rowcount; rows are virtualized);
 *  - watch_burst_5000_ms: N Node updates committed to the store in one transaction (the last one
 *    the table's first row), from the commit until the page shows the last one — every earlier
 *    event has been applied by then, as a watch delivers in order: the server encoding and sending
 *    N events and the page applying them; store_write_ms is the transaction's own time, before.
 * Table on stdout, one JSON object as the last line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createStore } from '@drover/store';
import { buildServer, ensureAdmin, parseConfig, RESOURCES } from '@drover/server';
import { CONSOLE_DIST, ensureConsoleBuilt } from '@drover/console/build';

const { values } = parseArgs({ options: { nodes: { type: 'string', default: '5000' } } });
const N = Number(values.nodes);
const CHROMIUM = process.env.DROVER_CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'bench-password-1';
const CLUSTER = 'bench';
const BATCH = 500;
const TIMEOUT_MS = 120_000;
if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (./scripts/test installs it)`);

await ensureConsoleBuilt();
const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
const bundleGzipKb = scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(CONSOLE_DIST, src)), { level: 9 }).length, 0) / 1024;

const dir = await mkdtemp(join(tmpdir(), 'drover-bench-console-'));
const store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data'), historySize: 2 * N + 1000 });
const parsed = parseConfig({ DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_METRICS_LISTEN: '', DROVER_CONSOLE_DIR: CONSOLE_DIST }, []);
if (parsed.help) throw new Error('unexpected --help');
await ensureAdmin(store, PASSWORD);
const app = await buildServer(parsed.config, { store, controllers: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });

const nodeName = (i: number): string => `node-${String(i).padStart(5, '0')}`;
const nodeObject = (i: number, agentVersion: string) => ({
  apiVersion: 'management.drover.dev/v1',
  kind: 'Node',
  metadata: { name: nodeName(i), namespace: CLUSTER },
  spec: { roles: ['worker'], address: `10.0.${Math.floor(i / 250)}.${i % 250}` },
  status: { state: 'Connected', since: new Date().toISOString(), agentVersion, rttMs: 3 },
});

try {
  await store.create(RESOURCES.clusters, { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: CLUSTER } });
  for (let i = 0; i < N; i += BATCH) {
    await store.transaction(async (tx) => {
      for (let j = i; j < Math.min(N, i + BATCH); j += 1) await tx.create(RESOURCES.nodes, nodeObject(j, 'v1'));
    });
  }

  // bypassCSP: the waits below are string expressions (this file has no DOM types); the app's CSP forbids eval.
  const context = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Clusters' }).waitFor({ timeout: TIMEOUT_MS });

  const rowCount = `document.querySelector('[role=table][aria-label=Nodes]')?.getAttribute('aria-rowcount') === '${N + 1}'`;
  const t0 = performance.now();
  await page.goto(`${url}/clusters/${CLUSTER}`);
  await page.waitForFunction(rowCount, undefined, { timeout: TIMEOUT_MS, polling: 'raf' });
  const firstRenderMs = performance.now() - t0;

  // The burst: every node changes; the first row (node-00000) is written last.
  const firstRow = `[...document.querySelectorAll('[role=table][aria-label=Nodes] [role=row]')].some((r) => r.textContent.includes('${nodeName(0)}') && r.textContent.includes('burst'))`;
  const seen = page.waitForFunction(firstRow, undefined, { timeout: TIMEOUT_MS, polling: 'raf' });
  // One transaction: watchers get all N events at its commit, so the burst reaches the page at once.
  const w0 = performance.now();
  await store.transaction(async (tx) => {
    for (let j = N - 1; j >= 0; j -= 1) {
      const cur = await tx.get(RESOURCES.nodes, CLUSTER, nodeName(j));
      await tx.update(RESOURCES.nodes, { ...cur, status: { ...(cur.status ?? {}), agentVersion: 'burst' } });
    }
  });
  const b0 = performance.now();
  const storeWriteMs = b0 - w0;
  await seen;
  const burstMs = performance.now() - b0;
  await context.close();
  if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);

  const result = {
    nodes: N,
    bundle_gzip_kb: Math.round(bundleGzipKb * 10) / 10,
    first_render_ms: Math.round(firstRenderMs),
    watch_burst_5000_ms: Math.round(burstMs),
    store_write_ms: Math.round(storeWriteMs),
  };
  console.log(`initial JS (gzip)      ${result.bundle_gzip_kb} KB   (budget 250 KB)`);
  console.log(`first render, ${N} nodes  ${result.first_render_ms} ms`);
  console.log(`watch burst, ${N} updates ${result.watch_burst_5000_ms} ms   (after the commit; goal <= 1000 ms)`);
  console.log(`store writes           ${result.store_write_ms} ms   (one transaction, before the burst)`);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
