/** The load generators and the server process as the bench samples them (scripts/bench.d/agents.ts). */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds, taskCpuSeconds, vmMiB } from '../tunnel/proc.ts';
import type { Child } from '../tunnel/rpc.ts';

export interface LoadgenStats {
  connected: number;
  agents: number;
  refusedTwice: number;
  maxRefusals: number;
  failures: number;
  rssMiB: number;
  errorKinds: Record<string, number>;
  firstError?: string;
}

export async function fleetStats(gens: Child[]): Promise<LoadgenStats> {
  const all = await Promise.all(gens.map((g) => g.call<LoadgenStats>('stats', {}, 30_000)));
  return all.reduce((a, s) => ({
    connected: a.connected + s.connected,
    agents: a.agents + s.agents,
    refusedTwice: a.refusedTwice + s.refusedTwice,
    maxRefusals: Math.max(a.maxRefusals, s.maxRefusals),
    failures: a.failures + s.failures,
    rssMiB: a.rssMiB + s.rssMiB,
    firstError: a.firstError ?? s.firstError,
    errorKinds: mergeCounts(a.errorKinds, s.errorKinds),
  }));
}

function mergeCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * Polls until `n` agents are connected; returns seconds from `since`, or undefined past `limitMs`.
 * `progress` gets a line every 2 s.
 */
export async function waitAllConnected(gens: Child[], n: number, since: number, limitMs: number, progress: (line: string) => void): Promise<number | undefined> {
  let nextLog = 0;
  for (;;) {
    const s = await fleetStats(gens);
    const elapsed = performance.now() - since;
    if (elapsed >= nextLog) {
      progress(`  ${(elapsed / 1000).toFixed(1)} s: ${s.connected} connected, failed attempts ${JSON.stringify(s.errorKinds)}`);
      nextLog += 2000;
    }
    if (s.connected >= n) return (performance.now() - since) / 1000;
    if (performance.now() - since > limitMs) return undefined;
    await sleep(100);
  }
}

/** CPU % of one core of `pid`, sampled every `ms` until stop() — the peak and mean. */
export function cpuSampler(pid: number, ms: number): { stop(): { peak: number; mean: number } } {
  let last = cpuSeconds(pid);
  let lastAt = performance.now();
  const first = { cpu: last, at: lastAt };
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const c = cpuSeconds(pid);
      const at = performance.now();
      peak = Math.max(peak, ((c - last) / ((at - lastAt) / 1000)) * 100);
      last = c;
      lastAt = at;
    } catch {
      // the process went away
    }
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return { peak, mean: ((last - first.cpu) / Math.max(0.001, (lastAt - first.at) / 1000)) * 100 };
    },
  };
}

/** Waits until the process uses under 5 % of a core over a second (start-up work, controllers), at most `limitMs`. */
export async function quiet(pid: number, limitMs = 60_000): Promise<void> {
  const until = performance.now() + limitMs;
  while (performance.now() < until) {
    const c0 = cpuSeconds(pid);
    await sleep(1000);
    if (cpuSeconds(pid) - c0 < 0.05) return;
  }
}

export async function settleRss(pid: number): Promise<number> {
  await sleep(3000);
  return vmMiB(pid, 'VmRSS');
}

/** CPU seconds spread over `n` agents, in ms with two decimals. */
export const perAgentMs = (seconds: number, n: number): string => ((seconds * 1000) / n).toFixed(2);

/** SIGUSR2 (with --heapsnapshot-signal in the server's options), then time to write the snapshot. */
export const heapSnapshot = (server: ChildProcess): Promise<void> => (server.kill('SIGUSR2'), sleep(Number(process.env.DROVER_BENCH_HEAP_SNAPSHOT_WAIT_S ?? 60) * 1000));

/** CPU seconds of several processes together (the load generators); a process gone counts 0. */
export function cpuOf(pids: readonly number[]): number {
  let sum = 0;
  for (const pid of pids) {
    try {
      sum += cpuSeconds(pid);
    } catch {
      // exited
    }
  }
  return sum;
}

/**
 * CPU seconds of each thread of `pid`, summed by thread name ("node" is the main thread; V8's GC
 * helpers are "V8 DefaultWorke…", libuv's pool "libuv-worker"). Threads gone since are not counted.
 */
export function cpuByThread(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const name = Number(tid) === pid ? 'main' : comm;
      out[name] = (out[name] ?? 0) + taskCpuSeconds(pid, Number(tid));
    } catch {
      // the thread ended
    }
  }
  return out;
}
