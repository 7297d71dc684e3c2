/**
 * The real agent's idle memory (issue 15): `packages/agent/src/main.ts`, bundled with esbuild as
 * ./scripts/build-images bundles it (or from the .ts sources with --mode ts), registers with a
 * real server on 127.0.0.1 against the real Docker engine, connects, serves the server's
 * WatchStatus, and sits idle; then its VmRSS is read from /proc. Each run measures two starts:
 * `first` (registers: fresh config dir) and `restart` (the same dir again: reuses node.json).
 *
 * With --baseline DIR (another checkout of this repository with its dependencies installed), the
 * runs alternate baseline / this tree round by round (A B A B ...), so drift on a shared machine
 * hits both alike. Usage and output: docs/bench-agent-idle.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { buildServer, createLogger, ensureAdmin, parseConfig } from '@drover/server';
import { createStore } from '@drover/store';
import { agentImageNodeFlags } from './agent-image-flags.ts';
import { vmMiB } from './tunnel/proc.ts';
import { quantile } from './tunnel/stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const G = '/apis/management.drover.dev/v1';
const DOCKER_HOST = 'unix:///var/run/docker.sock';
const CONNECT_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// The same banner and externals as scripts/build-images (bundle_agent).
const BANNER = "import { createRequire as __droverCreateRequire } from 'node:module'; import { fileURLToPath as __droverPath } from 'node:url'; import { dirname as __droverDirname } from 'node:path'; const require = __droverCreateRequire(import.meta.url); const __filename = __droverPath(import.meta.url); const __dirname = __droverDirname(__filename);";

const { values: opts } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'idle-s': { type: 'string', default: '10' },
    mode: { type: 'string', default: 'bundle' },
    baseline: { type: 'string' },
    'node-flags': { type: 'string' },
  },
});
const ROUNDS = Number(opts.rounds);
const IDLE_MS = Number(opts['idle-s']) * 1000;
const MODE = opts.mode;
if (!(ROUNDS >= 1 && ROUNDS <= 20) || !(IDLE_MS >= 0 && IDLE_MS <= 300_000) || (MODE !== 'bundle' && MODE !== 'ts')) {
  process.stderr.write('usage: scripts/bench agent-idle [--rounds 1..20] [--idle-s 0..300] [--mode bundle|ts] [--baseline DIR] [--node-flags "..."]\n');
  process.exit(2);
}
const NODE_FLAGS = opts['node-flags'] === undefined ? agentImageNodeFlags() : opts['node-flags'].split(' ').filter((f) => f !== '');
const log = (msg: string): void => void process.stderr.write(`[agent-idle] ${msg}\n`);

interface Variant {
  label: string;
  entry: string;
  env: Record<string, string>;
}

async function variant(label: string, root: string, work: string): Promise<Variant> {
  const source = join(root, 'packages/agent/src/main.ts');
  if (MODE === 'ts') return { label, entry: source, env: {} };
  const out = join(work, label);
  const entry = join(out, 'agent.mjs');
  await build({
    entryPoints: [source], outfile: entry, bundle: true, platform: 'node', format: 'esm', target: 'node24',
    banner: { js: BANNER }, legalComments: 'none', logLevel: 'warning',
    external: ['bufferutil', 'utf-8-validate', 'cpu-features', '*.node'],
  });
  // As the image does: NODE_ENV=production and a compile cache made by a --help run.
  const env = { NODE_ENV: 'production', NODE_COMPILE_CACHE: join(out, '.compile-cache') };
  const help = spawnSync(process.execPath, [entry, '--help'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (help.status !== 0) throw new Error(`${label}: the bundle does not run: ${help.stderr}`);
  return { label, entry, env };
}

async function startServer(dir: string) {
  const store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data') });
  const parsed = parseConfig({ DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_TUNNEL_GOAWAY_GRACE_MS: '300' }, []);
  if (parsed.help) throw new Error('help');
  await ensureAdmin(store, 'agent-idle-password');
  const app = await buildServer(parsed.config, { store, logger: createLogger({ level: 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin', password: 'agent-idle-password' } });
  const admin = login.json<{ token: string }>().token;
  const api = async (method: 'GET' | 'POST', path: string, body?: object) => {
    const res = await app.inject({ method, url: `${G}${path}`, headers: { authorization: `Bearer ${admin}` }, ...(body ? { payload: body } : {}) });
    return { status: res.statusCode, body: JSON.parse(res.body) as { status?: { state?: string; nodeCommand?: string } } };
  };
  const cluster = await api('POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'idle' } });
  if (cluster.status !== 201) throw new Error(`Cluster: ${cluster.status}`);
  // Worker-only nodes: the provision controller waits for etcd and control plane nodes, so no plan is applied.
  const rt = await api('POST', '/namespaces/idle/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'idle' }, spec: { roles: ['worker'] } });
  if (rt.status !== 201) throw new Error(`RegistrationToken: ${rt.status}`);
  const words = [...rt.body.status!.nodeCommand!.matchAll(/(?:'([^']*)'|(\S+))/g)].map((m) => m[1] ?? m[2]!);
  const argv = words.slice(words.findIndex((w) => /(^|\/)drover\/agent:/.test(w)) + 1);
  const nodeState = async (name: string) => (await api('GET', `/namespaces/idle/nodes/${name}`)).body.status?.state;
  return { argv, nodeState, close: async () => { await app.close(); await store.close(); } };
}

type Server = Awaited<ReturnType<typeof startServer>>;

/** Starts the agent, waits for its Node to be Connected, idles, reads VmRSS, stops it. */
async function measureStart(server: Server, v: Variant, configDir: string, nodeName: string): Promise<{ rss: number; anon: number; connectMs: number }> {
  const argv = [...NODE_FLAGS, v.entry, ...server.argv, '--node-name', nodeName, '--config-dir', configDir, '--docker-host', DOCKER_HOST, '--log-level', 'warn'];
  const child = spawn(process.execPath, argv, { env: { PATH: process.env.PATH ?? '', ...v.env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  let done = false;
  void exited.then(() => (done = true));
  try {
    const t0 = performance.now();
    while ((await server.nodeState(nodeName)) !== 'Connected') {
      if (done) throw new Error(`${v.label}: the agent exited before connecting: ${stderr}`);
      if (performance.now() - t0 > CONNECT_TIMEOUT_MS) throw new Error(`${v.label}: not Connected after ${CONNECT_TIMEOUT_MS} ms: ${stderr}`);
      await sleep(50);
    }
    const connectMs = performance.now() - t0;
    await sleep(IDLE_MS);
    if (done) throw new Error(`${v.label}: the agent exited while idle: ${stderr}`);
    return { rss: vmMiB(child.pid!, 'VmRSS'), anon: vmMiB(child.pid!, 'RssAnon'), connectMs };
  } finally {
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(killer);
  }
}

const fmt = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${quantile(s, 0.5).toFixed(1)}  [${s[0]!.toFixed(1)}–${s.at(-1)!.toFixed(1)}]  (${xs.map((x) => x.toFixed(1)).join(', ')})`;
};

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'drover-agent-idle-'));
  try {
    const variants = [
      ...(opts.baseline === undefined ? [] : [await variant('baseline', resolve(opts.baseline), work)]),
      await variant('this', ROOT, work),
    ];
    const server = await startServer(join(work, 'server'));
    log(`node ${process.version}, mode ${MODE}, ${ROUNDS} rounds, idle ${IDLE_MS / 1000} s, variants ${variants.map((v) => v.label).join(' / ')}`);
    const samples = new Map(variants.map((v) => [v.label, { first: [] as number[], restart: [] as number[], firstAnon: [] as number[], restartAnon: [] as number[] }]));
    try {
      for (let r = 0; r < ROUNDS; r++) {
        for (const v of variants) {
          const dir = join(work, `etc-${v.label}-${r}`);
          const name = `idle-${v.label}-${r}`;
          const first = await measureStart(server, v, dir, name);
          const restart = await measureStart(server, v, dir, name);
          const s = samples.get(v.label)!;
          s.first.push(first.rss);
          s.restart.push(restart.rss);
          s.firstAnon.push(first.anon);
          s.restartAnon.push(restart.anon);
          log(`round ${r + 1} ${v.label}: first ${first.rss.toFixed(1)} MiB (anon ${first.anon.toFixed(1)}, connected in ${first.connectMs.toFixed(0)} ms), restart ${restart.rss.toFixed(1)} MiB (anon ${restart.anon.toFixed(1)})`);
        }
      }
    } finally {
      await server.close();
    }
    const result: Record<string, unknown> = { mode: MODE, rounds: ROUNDS, idle_s: IDLE_MS / 1000 };
    for (const [label, s] of samples) {
      process.stdout.write(`${label.padEnd(9)} first   VmRSS MiB ${fmt(s.first)}\n${label.padEnd(9)} restart VmRSS MiB ${fmt(s.restart)}\n`);
      process.stdout.write(`${label.padEnd(9)} first   RssAnon MiB ${fmt(s.firstAnon)}\n${label.padEnd(9)} restart RssAnon MiB ${fmt(s.restartAnon)}\n`);
      const mb = (xs: number[]) => xs.map((x) => Number(x.toFixed(1)));
      result[label] = { first_mb: mb(s.first), restart_mb: mb(s.restart), first_anon_mb: mb(s.firstAnon), restart_anon_mb: mb(s.restartAnon) };
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`[agent-idle] ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
