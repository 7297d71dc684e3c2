/**
 * `./scripts/bench api [--objects N]`: the management API at scale, over HTTPS like kubectl.
 *  - watch: one watch on clusters (from the current resourceVersion) while N Cluster objects are
 *    written to the store in transactions of 100; measures the time from the first write to the
 *    last event received and checks that every event arrived once, in resourceVersion order;
 *  - list: with N clusters stored, the latency of a full list (JSON, and Table as `kubectl get`
 *    asks), median of 5, and one real `kubectl get clusters`.
 * Table on stdout, one JSON object as the last line.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { createStore } from '@drover/store';
import { buildServer, ensureAdmin, parseConfig, RESOURCES } from '@drover/server';
import { eachJsonLine } from './json-lines.ts';

const { values } = parseArgs({ options: { objects: { type: 'string', default: '10000' } } });
const N = Number(values.objects);
const BATCH = 100;
const dir = await mkdtemp(join(tmpdir(), 'drover-bench-api-'));
const store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data'), historySize: N + 1000 });
const parsed = parseConfig({ DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_ADMIN_PASSWORD: 'bench-password-1' }, []);
if (parsed.help) throw new Error('unexpected --help');
await ensureAdmin(store, 'bench-password-1');
const app = await buildServer(parsed.config, { store, controllers: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const port = (app.server.address() as { port: number }).port;
const ca = (app as unknown as { drover: { caPem: string } }).drover.caPem;

function call(path: string, opts: RequestOptions & { body?: string } = {}): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, ...opts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const login = await call('/v1/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'bench-password-1' }) });
const { token } = JSON.parse(login.body) as { token: string };
const auth = { authorization: `Bearer ${token}` };
const base = '/apis/management.drover.dev/v1/clusters';

try {
  // ---- watch: N changes, in order ---------------------------------------------------------
  const startRv = await store.currentResourceVersion();
  let received = 0;
  let lastRv = Number(startRv);
  let outOfOrder = 0;
  let firstWriteAt = 0;
  let lastEventAt = 0;
  const done = new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: `${base}?watch=true&resourceVersion=${startRv}`, ca, headers: auth }, (res) => {
      eachJsonLine<{ type: string; object: { metadata: { resourceVersion: string } } }>(res, (ev) => {
        if (ev.type === 'BOOKMARK') return;
        const rv = Number(ev.object.metadata.resourceVersion);
        if (rv <= lastRv) outOfOrder++;
        lastRv = rv;
        if (++received === N) {
          lastEventAt = performance.now();
          req.destroy();
          resolve();
        }
      });
    });
    req.on('error', (err) => (received === N ? undefined : reject(err)));
    req.end();
  });
  await new Promise((r) => setTimeout(r, 200)); // the watch is registered
  firstWriteAt = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await store.transaction(async (tx) => {
      for (let j = i; j < Math.min(N, i + BATCH); j++) {
        await tx.create(RESOURCES.clusters, { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: `c-${j}`, labels: { bench: 'api' } }, spec: { kubernetesVersion: 'v1.32.4' } });
      }
    });
  }
  const lastWriteAt = performance.now();
  await done;
  const watchMs = lastEventAt - firstWriteAt;

  // ---- list latency at N objects ---------------------------------------------------------
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const json: number[] = [];
  const table: number[] = [];
  let items = 0;
  for (let i = 0; i < 5; i++) {
    const r = await call(base, { headers: auth });
    items = (JSON.parse(r.body) as { items: unknown[] }).items.length;
    json.push(r.ms);
    table.push((await call(base, { headers: { ...auth, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } })).ms);
  }
  const kc = join(dir, 'kubeconfig');
  // The management context alone: the merged file would carry a context per bench cluster.
  await writeFile(kc, (await call('/v1/kubeconfig?clusters=none', { headers: auth })).body);
  const k0 = performance.now();
  const out = await promisify(execFile)('kubectl', ['--kubeconfig', kc, '--cache-dir', join(dir, 'kcache'), 'get', 'clusters', '--no-headers'], { maxBuffer: 64 << 20, timeout: 60_000 });
  const kubectlMs = performance.now() - k0;
  const kubectlRows = out.stdout.trim().split('\n').length;

  const result = {
    bench: 'api',
    objects: N,
    watch_events: received,
    watch_out_of_order: outOfOrder,
    watch_total_ms: Math.round(watchMs),
    watch_writes_ms: Math.round(lastWriteAt - firstWriteAt),
    watch_lag_after_last_write_ms: Math.round(lastEventAt - lastWriteAt),
    watch_events_per_s: Math.round(received / (watchMs / 1000)),
    list_items: items,
    list_json_p50_ms: Math.round(median(json)),
    list_table_p50_ms: Math.round(median(table)),
    kubectl_get_ms: Math.round(kubectlMs),
    kubectl_get_rows: kubectlRows,
    node: process.version,
  };
  console.log(`Management API at ${N} objects (HTTPS, SQLite, node ${process.version})`);
  console.log(`  watch: ${received} events in ${result.watch_total_ms} ms (${result.watch_events_per_s}/s), out of order: ${outOfOrder}; writes took ${result.watch_writes_ms} ms, last event ${result.watch_lag_after_last_write_ms} ms after the last write`);
  console.log(`  list:  ${items} items, JSON p50 ${result.list_json_p50_ms} ms, Table p50 ${result.list_table_p50_ms} ms; kubectl get clusters: ${kubectlRows} rows in ${result.kubectl_get_ms} ms`);
  console.log(JSON.stringify(result));
  if (received !== N || outOfOrder !== 0 || items !== N) process.exitCode = 1;
} finally {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
