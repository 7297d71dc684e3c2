/**
 * The measuring half of `scripts/bench tunnel`: starts the target, the three
 * tunnel server/agent pairs (and the relay floor), then runs every test direct
 * and through each path back to back within each round, the order alternating
 * between rounds. Returns the raw samples; metrics.ts turns them into figures.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentInit } from './agent.ts';
import { bundleAgent } from './bundle.ts';
import type { BulkParams, BulkResult, HttpResult } from './loadgen.ts';
import { cpuSeconds, vmMiB } from './proc.ts';
import { PORT_NAMES, type TargetPorts } from './protocol.ts';
import type { Child } from './rpc.ts';
import type { ServerInfo, ServerInit } from './server.ts';
import { median, quantile } from './stats.ts';

export const ROUNDS = 3;
/** Least writing time of one bulk phase, ms, whatever the budget. */
export const MIN_BULK_MS = 250;
/** Latency samples per test and path, split over the rounds and pooled. */
const RTT_SAMPLES = 2100;
const HTTP_OPEN_SAMPLES = 500;
const HTTP_NEW_SAMPLES = 300;

export type Tunnel = 'ws' | 'wss' | 'wszm';
export type Path = 'direct' | Tunnel | 'relay';
export type Dir = 'up' | 'down';
/** A bulk test: direction and number of parallel streams. */
export type Key = `${Dir}${1 | 8}`;

export interface MeasureOptions {
  /** Time budget of the measuring part, s. */
  seconds: number;
  relay: boolean;
  profile: boolean;
  agentMode: 'bundle' | 'ts';
  /** Extra Node flags for the agent processes (--agent-flags). */
  agentFlags: string[];
  /** performance.now() when the run started: the budget counts from there. */
  t0: number;
  /** Where --profile writes its .cpuprofile files. */
  profileDir: string;
  log: (msg: string) => void;
  /** Logs only with --verbose. */
  verbose: (msg: string) => void;
  /** Forks a child (a file under bench.d/tunnel/, or an absolute path) that the caller kills on exit. */
  spawn: (name: string, file: string, execArgv?: string[]) => Child;
  /** Runs `cleanup` when the benchmark exits, however it exits. */
  onExit: (cleanup: () => void) => void;
}

export interface Memory {
  agentRssIdle: number;
  /** RssAnon of the idle agent: its private memory (the rest of VmRSS is mostly the node binary's shared pages). */
  agentRssIdleAnon: number;
  agentRssIdleTs: number | undefined;
  agentRssLoad: number;
  wssAgentHwm: number;
}

/** Raw results of one run. */
export interface Measurements {
  /** Writing time of each round's bulk phases, ms. */
  bulkMs: number[];
  /** Per-round throughput in Gbit/s, by `${key}:${path}`. */
  gbps: Map<string, number[]>;
  /** CPU seconds and bytes over the bulk phases, by `${path}:${dir}`. */
  cpu: Map<string, { s: number; bytes: number }>;
  /** Latency samples (µs), pooled over rounds, by `${test}:${path}`. */
  latency: Map<string, number[]>;
  /** Each round's p50 latency (µs), by `${test}:${path}`. */
  latencyRoundP50: Map<string, number[]>;
  /** Profile files by process and phase kind (--profile). */
  profileFiles: Map<string, string[]>;
  memory: Memory;
  /** Streams still open on the ws pair after all tests (should be 0), and opens the server failed. */
  hygiene: { leaked: number; openFailures: number };
}

/** What each test runs on, besides direct. */
export function pathsFor(relay: boolean): Record<Dir | 'rtt' | 'http', Path[]> {
  const withRelay: Path[] = relay ? ['relay'] : [];
  return {
    up: ['direct', 'ws', 'wss', ...withRelay],
    down: ['direct', 'ws', 'wszm', ...withRelay],
    rtt: ['direct', 'ws', 'wss', ...withRelay],
    http: ['direct', 'ws', ...withRelay],
  };
}

interface Pair {
  server: Child;
  agent: Child;
  info: ServerInfo;
}

const push = <K, V>(m: Map<K, V[]>, k: K, ...v: V[]) => {
  const list = m.get(k);
  if (list) list.push(...v);
  else m.set(k, [...v]);
};
/** Splits `total` samples over the rounds. */
const perRound = (total: number) => Math.ceil(total / ROUNDS);

/**
 * Starts a tunnel server and its agent. For the ws pair with a bundled agent,
 * a throw-away agent run from the .ts sources connects first, to report the
 * idle RSS of the development setup too.
 */
async function startPair(o: MeasureOptions, name: Tunnel, target: TargetPorts, agentFile: string, idle: { ts?: number }): Promise<Pair> {
  const server = o.spawn(`server-${name}`, 'server.ts');
  await server.ready();
  const init: ServerInit = { tls: name === 'wss', target };
  const info = await server.call<ServerInfo>('init', init, 60_000);
  const agentInit: AgentInit = { url: info.url, ports: PORT_NAMES.map((n) => target[n]), caPem: info.caPem, zeroMask: name !== 'wszm' };
  let sessions = 0;
  if (name === 'ws' && agentFile !== 'agent.ts') {
    const probe = o.spawn('agent-ts-probe', 'agent.ts', ['--expose-gc', ...o.agentFlags]);
    await probe.ready();
    await probe.call('init', agentInit, 15_000);
    await server.call('waitSession', { count: ++sessions }, 15_000);
    await probe.call('settle');
    idle.ts = vmMiB(probe.pid, 'VmRSS');
    await probe.stop();
  }
  const agent = o.spawn(`agent-${name}`, agentFile, ['--expose-gc', ...o.agentFlags]);
  await agent.ready();
  await agent.call('init', agentInit, 15_000);
  await server.call('waitSession', { count: sessions + 1 }, 15_000);
  return { server, agent, info };
}

/** Runs the whole benchmark. The children it spawned are left running: the caller stops them. */
export async function measure(o: MeasureOptions): Promise<Measurements> {
  const { log, verbose } = o;
  const PATHS = pathsFor(o.relay);
  const bulkPhasesPerRound = 2 * (PATHS.up.length + PATHS.down.length);
  const m: Omit<Measurements, 'memory' | 'hygiene'> = {
    bulkMs: [],
    gbps: new Map(),
    cpu: new Map(),
    latency: new Map(),
    latencyRoundP50: new Map(),
    profileFiles: new Map(),
  };
  const addCpu = (bucket: string, s: number, bytes: number) => {
    const c = m.cpu.get(bucket) ?? { s: 0, bytes: 0 };
    c.s += s;
    c.bytes += bytes;
    m.cpu.set(bucket, c);
  };

  log(`node ${process.version}, ${availableParallelism()} CPUs, budget ${o.seconds} s, ${ROUNDS} rounds, agent ${o.agentMode === 'bundle' ? 'bundled with esbuild' : 'from .ts sources'}${o.relay ? ', relay floor' : ''}${o.profile ? ', profiling the ws server and agent' : ''}`);
  let agentFile = 'agent.ts';
  if (o.agentMode === 'bundle') {
    const bundle = await bundleAgent();
    o.onExit(bundle.cleanup);
    agentFile = bundle.file;
  }
  const target = o.spawn('target', 'target.ts');
  await target.ready();
  const targetPorts = await target.call<TargetPorts>('init');
  const pairs = {} as Record<Tunnel, Pair>;
  const idle: { ts?: number } = {};
  let relayPorts: TargetPorts | undefined;
  const relays: Child[] = [];
  await Promise.all([
    ...(['ws', 'wss', 'wszm'] as const).map(async (name) => (pairs[name] = await startPair(o, name, targetPorts, agentFile, idle))),
    (async () => {
      if (!o.relay) return;
      const far = o.spawn('relay-far', 'relay.ts');
      const near = o.spawn('relay-near', 'relay.ts');
      await Promise.all([far.ready(), near.ready()]);
      relayPorts = await near.call<TargetPorts>('init', { upstream: await far.call<TargetPorts>('init', { upstream: targetPorts }) });
      relays.push(near, far);
    })(),
  ]);
  log(`tunnels up (${pairs.ws.info.url}, ${pairs.wss.info.url} with a ${pairs.wss.info.certSource ?? '?'} certificate, ${pairs.wszm.info.url} zero-mask)`);
  const loadgen = o.spawn('loadgen', 'loadgen.ts');
  await loadgen.ready();

  // Idle RSS: after connect and a forced settle, before any load.
  await pairs.ws.agent.call('settle');
  const agentRssIdle = vmMiB(pairs.ws.agent.pid, 'VmRSS');
  const agentRssIdleAnon = vmMiB(pairs.ws.agent.pid, 'RssAnon');
  log(`agent idle RSS ${agentRssIdle.toFixed(1)} MiB${idle.ts === undefined ? '' : ` (from .ts sources: ${idle.ts.toFixed(1)} MiB)`}`);

  const ports = (path: Path): TargetPorts => (path === 'direct' ? targetPorts : path === 'relay' ? relayPorts! : pairs[path].info.listeners);
  const middlePids = (path: Path) => (path === 'direct' ? [] : path === 'relay' ? relays.map((r) => r.pid) : [pairs[path].server.pid, pairs[path].agent.pid]);
  const endpointPids = [loadgen.pid, target.pid];
  const sumCpu = (pids: number[]) => pids.reduce((a, pid) => a + cpuSeconds(pid), 0);

  // With --profile, V8's sampling profiler runs in the ws server and agent during
  // each measured ws phase only; files are grouped by process and phase kind.
  let profileSeq = 0;
  if (o.profile) mkdirSync(o.profileDir, { recursive: true });
  async function profiled<T>(path: Path, kind: string, run: () => Promise<T>): Promise<T> {
    if (!o.profile || path !== 'ws') return run();
    const procs = [['server', pairs.ws.server], ['agent', pairs.ws.agent]] as const;
    await Promise.all(procs.map(([, c]) => c.call('profStart', { intervalUs: 200 })));
    try {
      return await run();
    } finally {
      const seq = profileSeq++;
      for (const [name, c] of procs) {
        const file = join(o.profileDir, `${name}-${kind}-${seq}.cpuprofile`);
        await c.call('profStop', { file });
        push(m.profileFiles, `${name} ${kind}`, file);
      }
    }
  }

  async function bulk(path: Path, dir: Dir, conns: 1 | 8, ms: number, record: boolean): Promise<BulkResult> {
    const p = ports(path);
    const params: BulkParams = { port: dir === 'up' ? p.sink : p.source, conns, ms, dir };
    const pids = middlePids(path);
    const run = async () => {
      const c0 = sumCpu(pids);
      const e0 = sumCpu(endpointPids);
      const r = await loadgen.call<BulkResult>('bulk', params, ms + 60_000);
      return { r, middleCpu: sumCpu(pids) - c0, endpointCpu: sumCpu(endpointPids) - e0 };
    };
    const { r, middleCpu, endpointCpu } = record ? await profiled(path, `bulk-${dir}`, run) : await run();
    verbose(`${dir}${conns} ${path}: ${r.gbps.toFixed(2)} Gbit/s (${(r.bytes / 1e6).toFixed(0)} MB in ${r.seconds.toFixed(2)} s)`);
    if (record) {
      push(m.gbps, `${dir}${conns}:${path}`, r.gbps);
      addCpu(`${path}:${dir}`, path === 'direct' ? endpointCpu : middleCpu, r.bytes);
    }
    return r;
  }

  async function rtt(path: Path, round: number): Promise<void> {
    const params = { port: ports(path).echo, warmup: round === 0 ? 300 : 100, n: perRound(RTT_SAMPLES) };
    const samples = await profiled(path, 'latency', () => loadgen.call<number[]>('rtt', params, 90_000));
    push(m.latency, `rtt:${path}`, ...samples);
    push(m.latencyRoundP50, `rtt:${path}`, median(samples));
    verbose(`rtt ${path}: p50 ${median(samples).toFixed(0)} µs, p99 ${quantile(samples, 0.99).toFixed(0)} µs`);
  }

  async function http(path: Path, kind: 'open' | 'new', round: number): Promise<void> {
    const params = kind === 'open'
      ? { port: ports(path).http, keepAlive: true, warmup: round === 0 ? 50 : 20, n: perRound(HTTP_OPEN_SAMPLES) }
      : { port: ports(path).http, keepAlive: false, warmup: round === 0 ? 30 : 10, n: perRound(HTTP_NEW_SAMPLES) };
    const r = await profiled(path, 'latency', () => loadgen.call<HttpResult>('http', params, 120_000));
    if (r.newConnections > 0) log(`warning: ${r.newConnections} keep-alive GETs on ${path} did not reuse the connection`);
    push(m.latency, `http-${kind}:${path}`, ...r.samples);
    push(m.latencyRoundP50, `http-${kind}:${path}`, median(r.samples));
    verbose(`http-${kind} ${path}: p50 ${median(r.samples).toFixed(0)} µs`);
  }

  // Warm-up: JIT and buffers on every path, not recorded. It also measures how
  // long a bulk phase overruns its writing time (draining the buffers).
  const overruns: number[] = [];
  for (const dir of ['up', 'down'] as const) {
    for (const path of PATHS[dir]) {
      const r = await bulk(path, dir, 8, 200, false);
      overruns.push(r.seconds * 1000 - 200);
    }
  }
  const overrunMs = overruns.reduce((a, b) => a + b, 0) / overruns.length;

  // Each round's bulk phases share what is left of the budget after the
  // count-based tests (RTT, HTTP), estimated from the previous round.
  let otherMsPerRound = 3000;
  for (let round = 0; round < ROUNDS; round++) {
    const roundsLeft = ROUNDS - round;
    const leftMs = o.seconds * 1000 - (performance.now() - o.t0) - 1500 - roundsLeft * otherMsPerRound;
    const phaseMs = Math.min(60_000, Math.max(MIN_BULK_MS, Math.round(leftMs / (roundsLeft * bulkPhasesPerRound) - overrunMs)));
    m.bulkMs.push(phaseMs);
    verbose(`round ${round + 1}: ${phaseMs} ms per bulk phase`);
    const flip = (list: Path[]): Path[] => (round % 2 === 0 ? list : [...list].reverse());
    for (const dir of ['up', 'down'] as const) {
      for (const conns of [1, 8] as const) for (const path of flip(PATHS[dir])) await bulk(path, dir, conns, phaseMs, true);
    }
    const otherStart = performance.now();
    for (const path of flip(PATHS.rtt)) await rtt(path, round);
    for (const path of flip(PATHS.http)) {
      await http(path, 'open', round);
      await http(path, 'new', round);
    }
    otherMsPerRound = performance.now() - otherStart;
    const ratio = (k: Key) => (m.gbps.get(`${k}:ws`)![round]! / m.gbps.get(`${k}:direct`)![round]!).toFixed(2);
    log(`round ${round + 1}/${ROUNDS} (${phaseMs} ms bulk phases): ws/direct up1 ${ratio('up1')} up8 ${ratio('up8')} down1 ${ratio('down1')} down8 ${ratio('down8')}`);
  }

  const memory: Memory = {
    agentRssIdle,
    agentRssIdleAnon,
    agentRssIdleTs: idle.ts,
    agentRssLoad: vmMiB(pairs.ws.agent.pid, 'VmHWM'),
    wssAgentHwm: vmMiB(pairs.wss.agent.pid, 'VmHWM'),
  };
  await sleep(200);
  const serverStats = await pairs.ws.server.call<{ openStreams: number; openFailures: number; openFailureSample: string }>('stats');
  const agentStats = await pairs.ws.agent.call<{ openStreams: number }>('stats');
  if (serverStats.openFailureSample) log(`first failed open: ${serverStats.openFailureSample}`);
  return { ...m, memory, hygiene: { leaked: serverStats.openStreams + agentStats.openStreams, openFailures: serverStats.openFailures } };
}
