/**
 * A server restart over many Nodes (issue 15): what the restarted server spends before any agent
 * is back, the CPU that a reconnect storm then shares with it. N Nodes (clusters of 50) are seeded
 * once; the server (packages/server/src/main.ts, SQLite, plain HTTP) starts once on them (its first
 * start writes the Clusters' certificates and conditions), then is killed and restarted `--rounds`
 * times: each restart's CPU until the process is quiet, its time to listen and to quiet, its RSS.
 *
 * With --baseline DIR (another checkout with its dependencies installed), the restarts alternate
 * baseline / this tree on the same data (A B A B ...). Usage and output: docs/bench-server-start.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seedNodes } from '@drover/server/testing';
import { createStore } from '@drover/store';
import { cpuSeconds, freePort, vmMiB } from './tunnel/proc.ts';
import { quantile } from './tunnel/stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LISTEN_LIMIT_MS = 60_000;
const QUIET_LIMIT_MS = 120_000;
/** Quiet: under this much CPU in a one-second window. */
const QUIET_CPU_S = 0.05;

const { values: opts } = parseArgs({
  options: {
    nodes: { type: 'string', default: '19500' },
    rounds: { type: 'string', default: '3' },
    baseline: { type: 'string' },
  },
});
const N = Number(opts.nodes);
const ROUNDS = Number(opts.rounds);
if (!(Number.isSafeInteger(N) && N >= 50 && N <= 100_000) || !(Number.isSafeInteger(ROUNDS) && ROUNDS >= 1 && ROUNDS <= 20)) {
  process.stderr.write('usage: scripts/bench server-start [--nodes 50..100000] [--rounds 1..20] [--baseline DIR]\n');
  process.exit(2);
}
const log = (msg: string): void => void process.stderr.write(`[server-start] ${msg}\n`);

interface Start {
  cpu_s: number;
  listen_s: number;
  quiet_s: number;
  rss_mb: number;
  /** Reconciles by controller until quiet (drover_controller_reconciles_total, every result). */
  reconciles: Record<string, number>;
}

type Figure = Exclude<keyof Start, 'reconciles'>;

/** The server's reconcile counts from its metrics listener, summed over results. */
async function reconcileCounts(metricsPort: number): Promise<Record<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^drover_controller_reconciles_total\{([^}]*)\} (\d+)/gm)) {
    const controller = /controller="([^"]+)"/.exec(m[1]!)?.[1] ?? '?';
    counts[controller] = (counts[controller] ?? 0) + Number(m[2]);
  }
  return counts;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** Starts the server of checkout `root` on `dataDir`, waits until it listens and then is quiet, and kills it. */
async function measureStart(root: string, dataDir: string): Promise<Start> {
  const metricsPort = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(root, 'packages/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      DROVER_DATA_DIR: dataDir,
      DROVER_LISTEN: '127.0.0.1:0',
      DROVER_METRICS_LISTEN: `127.0.0.1:${metricsPort}`,
      DROVER_TLS: 'false',
      DROVER_LOG_LEVEL: 'error',
      DROVER_ADMIN_PASSWORD: 'bench-server-start-password',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.add(proc);
  try {
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`the server did not listen within ${LISTEN_LIMIT_MS / 1000} s`)), LISTEN_LIMIT_MS);
      proc.stdout.once('data', () => {
        clearTimeout(timer);
        ok();
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`the server exited (code ${code}) while starting`));
      });
    });
    proc.stdout.resume();
    const listenS = (performance.now() - t0) / 1000;
    const pid = proc.pid!;
    for (;;) {
      if (performance.now() - t0 > QUIET_LIMIT_MS) throw new Error(`the server was not quiet within ${QUIET_LIMIT_MS / 1000} s`);
      const c0 = cpuSeconds(pid);
      await sleep(1000);
      const c1 = cpuSeconds(pid);
      if (c1 - c0 < QUIET_CPU_S) {
        // The quiet window is not part of the start.
        const quietS = (performance.now() - t0) / 1000 - 1;
        return { cpu_s: c0, listen_s: listenS, quiet_s: quietS, rss_mb: vmMiB(pid, 'VmRSS'), reconciles: await reconcileCounts(metricsPort) };
      }
    }
  } finally {
    proc.kill('SIGKILL');
    await new Promise((r) => (proc.exitCode === null && proc.signalCode === null ? proc.once('exit', r) : r(undefined)));
    running.delete(proc);
  }
}

const r2 = (x: number): number => Math.round(x * 100) / 100;
const fmt = (s: Start): string =>
  `CPU ${s.cpu_s.toFixed(2)} s, listening after ${s.listen_s.toFixed(2)} s, quiet after ${s.quiet_s.toFixed(1)} s, RSS ${s.rss_mb.toFixed(0)} MiB, reconciles ${JSON.stringify(s.reconciles)}`;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'drover-bench-server-start-'));
  try {
    const dataDir = join(dir, 'data');
    const store = await createStore({ kind: 'sqlite', dataDir });
    const t = performance.now();
    await seedNodes(store, { dataDir, count: N });
    await store.close();
    log(`seeded ${N} Nodes and credentials in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const first = await measureStart(ROOT, dataDir);
    log(`first start: ${fmt(first)}`);
    const variants = [...(opts.baseline === undefined ? [] : [{ label: 'baseline', root: resolve(opts.baseline) }]), { label: 'this', root: ROOT }];
    const runs = new Map<string, Start[]>(variants.map((v) => [v.label, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const v of variants) {
        const s = await measureStart(v.root, dataDir);
        runs.get(v.label)!.push(s);
        log(`round ${round}, ${v.label}: restart: ${fmt(s)}`);
      }
    }
    const result: Record<string, unknown> = { bench: 'server-start', node: process.version, nodes: N, clusters: Math.ceil(N / 50), rounds: ROUNDS, first_start: { ...first, cpu_s: r2(first.cpu_s), listen_s: r2(first.listen_s), quiet_s: r2(first.quiet_s), rss_mb: r2(first.rss_mb) } };
    for (const [label, list] of runs) {
      const col = (k: Figure) => list.map((s) => r2(s[k]));
      const med = (k: Figure) => r2(quantile(list.map((s) => s[k]), 0.5));
      result[label] = { cpu_s: col('cpu_s'), listen_s: col('listen_s'), quiet_s: col('quiet_s'), rss_mb: col('rss_mb'), reconciles: list.map((s) => s.reconciles) };
      result[`${label}_median`] = { cpu_s: med('cpu_s'), listen_s: med('listen_s'), quiet_s: med('quiet_s'), rss_mb: med('rss_mb') };
      process.stdout.write(`${label}: restart over ${N} Nodes, median of ${list.length}: CPU ${med('cpu_s')} s, listening ${med('listen_s')} s, quiet ${med('quiet_s')} s, RSS ${med('rss_mb')} MiB\n`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
