/** The bench's server processes (scripts/bench.d/agents.ts): started on the seeded store, and read through their inspector. */
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, vmMiB } from '../tunnel/proc.ts';
import { quiet, settleRss } from './fleet.ts';
import { collectGarbage } from './inspector.ts';
import { metric } from './observe.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** How long the server may queue a TLS handshake (DROVER_TLS_HANDSHAKE_QUEUE_MS), under the agents' 30 s connect timeout; also DROVER_BENCH_TLS_HANDSHAKE_QUEUE_MS. */
export const TLS_HANDSHAKE_QUEUE_MS = Number(process.env.DROVER_BENCH_TLS_HANDSHAKE_QUEUE_MS ?? 25_000);
const SERVER_START_LIMIT_MS = 120_000;
export const PASSWORD = 'bench-agents-password';
/** Every server started, for the bench's exit to kill what is left. */
export const servers: ChildProcess[] = [];

export interface Ports {
  api: number;
  metrics: number;
  /** The first server's inspector, for the forced GC of the memory figures (inspector.ts). */
  inspect?: number;
}

/** The server's store settings for the mode being run: empty for SQLite in its data directory. */
let storeEnv: Record<string, string> = {};
export const setStoreEnv = (env: Record<string, string>): void => void (storeEnv = env);

/** Starts the server process; resolves once it printed its banner (it listens then). */
export async function startServer(dataDir: string, tls: boolean, ports: Ports, logFile: string): Promise<ChildProcess> {
  const env = {
    ...process.env,
    DROVER_DATA_DIR: dataDir,
    DROVER_LISTEN: `127.0.0.1:${ports.api}`,
    DROVER_METRICS_LISTEN: `127.0.0.1:${ports.metrics}`,
    DROVER_TLS: String(tls),
    DROVER_LOG_LEVEL: process.env.DROVER_BENCH_SERVER_LOG_LEVEL ?? 'warn',
    DROVER_LOG_FORMAT: 'json',
    DROVER_ADMIN_PASSWORD: PASSWORD,
    // The simulated agents wait 30 s for a connect (loadgen.ts): the server may queue a TLS
    // handshake that long too (its default, 8 s, is for agents' own 10 s).
    DROVER_TLS_HANDSHAKE_QUEUE_MS: String(TLS_HANDSHAKE_QUEUE_MS),
    ...storeEnv,
  };
  const fd = openSync(logFile, 'a');
  const extra = process.env.DROVER_BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const inspect = ports.inspect === undefined ? [] : [`--inspect=127.0.0.1:${ports.inspect}`];
  const proc = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', ...inspect, ...extra, join(ROOT, 'packages/server/src/main.ts')], { env, stdio: ['ignore', 'pipe', fd] });
  servers.push(proc);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within ${SERVER_START_LIMIT_MS / 1000} s (log: ${logFile})`)), SERVER_START_LIMIT_MS);
    proc.stdout?.once('data', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (code ${code}) while starting (log: ${logFile})`));
    });
  });
  proc.stdout?.resume();
  return proc;
}

/** RSS and JS heap used (MiB) after a forced full GC (inspector.ts), as perf.md §1e measured bare connections. */
export const afterGc = async (pid: number, ports: Ports) => (await collectGarbage(ports.inspect!), { rss: vmMiB(pid, 'VmRSS'), heap: (await metric(ports.metrics, 'drover_server_nodejs_heap_size_used_bytes')) / 2 ** 20 });

/**
 * The idle server's figures after a forced GC, from a server started for that alone: the forced GC
 * also shrinks V8's young generation, and a connect storm right after it took twice the CPU.
 */
export async function idleAfterGc(dataDir: string, tls: boolean, logFile: string): Promise<{ rss: number; heap: number }> {
  const ports: Ports = { api: await freePort(), metrics: await freePort(), inspect: await freePort() };
  const server = await startServer(dataDir, tls, ports, logFile);
  try {
    await quiet(server.pid!);
    await settleRss(server.pid!);
    return await afterGc(server.pid!, ports);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(undefined)));
  }
}
