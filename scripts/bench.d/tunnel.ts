/**
 * ./scripts/bench tunnel [--seconds N] [--relay] [--profile] [--agent bundle|ts] [--verbose]
 *
 * Measures the tunnel against a direct baseline in the same run. Separate
 * processes, as in production: a target (sink, source, echo, HTTP ports), a
 * tunnel server (WebSocket server + server-role Session + one TCP listener per
 * target port), an agent (WebSocket client + client-role Session), and a load
 * generator. Three server/agent pairs run: plain ws (the one the goals judge),
 * wss (TLS), and ws with the client's zero mask (measured, not adopted).
 *
 * Every test runs direct and through the tunnel(s) back to back within each
 * round, the order alternating between rounds. Throughput figures are medians
 * over rounds of per-round tunnel ÷ direct ratios; latency samples are pooled
 * over the rounds and compared at the same quantile. A readable table goes to
 * stdout, then the JSON object as the last line; the JSON is also written to
 * bench-results/tunnel-<timestamp>.json. See docs/bench-tunnel.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { AgentInit } from './tunnel/agent.ts';
import { bundleAgent } from './tunnel/bundle.ts';
import type { BulkParams, BulkResult, HttpResult } from './tunnel/loadgen.ts';
import { cpuSeconds, vmMiB } from './tunnel/proc.ts';
import { topSelfTime } from './tunnel/profile.ts';
import { PORT_NAMES, type TargetPorts } from './tunnel/protocol.ts';
import { Child } from './tunnel/rpc.ts';
import type { ServerInfo, ServerInit } from './tunnel/server.ts';
import { quantile, median } from './tunnel/stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./tunnel/', import.meta.url));

const ROUNDS = 3;
const MIN_BULK_MS = 250;
/** Latency samples per test and path, split over the rounds and pooled. */
const RTT_SAMPLES = 2100;
const HTTP_OPEN_SAMPLES = 500;
const HTTP_NEW_SAMPLES = 300;

const USAGE = `usage: scripts/bench tunnel [--seconds N] [--relay] [--profile] [--agent bundle|ts] [--verbose]
  --seconds N       time budget in seconds (default 45, at least 10): the bulk phases get what start-up and the
                    count-based tests leave, but at least ${MIN_BULK_MS} ms each, so a small budget overruns
  --relay           also measure a floor: two plain TCP relay processes in the tunnel's place (no WebSocket,
                    no framing); costs about a third more time
  --profile         profile the plain-ws server and agent (V8 CPU profiler, during the measured ws phases only)
                    and print their top self-time functions; files in bench-results/profiles-tunnel-<timestamp>/
  --agent MODE      bundle (default; esbuild bundle as the container image runs it) or ts (Node type-stripping
                    the sources; the default with --profile, for readable profiles)
  --verbose         log every phase to stderr`;

function parseCli() {
  return parseArgs({
    options: {
      seconds: { type: 'string', default: '45' },
      relay: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      agent: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
}
let args: ReturnType<typeof parseCli>;
try {
  args = parseCli();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const SECONDS = Number(args.seconds);
const AGENT_MODE = args.agent ?? (args.profile ? 'ts' : 'bundle');
if (!Number.isFinite(SECONDS) || SECONDS < 10 || SECONDS > 3600 || (AGENT_MODE !== 'bundle' && AGENT_MODE !== 'ts')) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
const HARD_DEADLINE_MS = (SECONDS * 3 + 120) * 1000;

type Tunnel = 'ws' | 'wss' | 'wszm';
type Path = 'direct' | Tunnel | 'relay';
const WITH_RELAY: Path[] = args.relay ? ['relay'] : [];
/** What each test runs on, besides direct. */
const PATHS = {
  up: ['direct', 'ws', 'wss', ...WITH_RELAY] as Path[],
  down: ['direct', 'ws', 'wszm', ...WITH_RELAY] as Path[],
  rtt: ['direct', 'ws', 'wss', ...WITH_RELAY] as Path[],
  http: ['direct', 'ws', ...WITH_RELAY] as Path[],
};
const BULK_PHASES_PER_ROUND = 2 * (PATHS.up.length + PATHS.down.length);

const t0 = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);
const verbose = (msg: string) => {
  if (args.verbose) log(msg);
};

// ---- processes ---------------------------------------------------------------

const children: Child[] = [];
const cleanups: (() => void)[] = [];
function spawn(name: string, file: string, execArgv: string[] = []): Child {
  const child = new Child(name, isAbsolute(file) ? file : join(HERE, file), execArgv);
  children.push(child);
  return child;
}
const killAll = () => {
  for (const c of children) c.kill();
  for (const c of cleanups.splice(0)) c();
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    killAll();
    process.exit(130);
  });
}
setTimeout(() => {
  log(`still running after ${HARD_DEADLINE_MS / 1000} s: giving up`);
  killAll();
  process.exit(1);
}, HARD_DEADLINE_MS).unref();

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const profileDir = join(ROOT, 'bench-results', `profiles-tunnel-${stamp}`);

interface Pair {
  server: Child;
  agent: Child;
  info: ServerInfo;
}

/**
 * Starts a tunnel server and its agent. For the ws pair with a bundled agent,
 * a throw-away agent run from the .ts sources connects first, to report the
 * idle RSS of the development setup too.
 */
async function startPair(name: Tunnel, target: TargetPorts, agentFile: string, idle: { ts?: number }): Promise<Pair> {
  const server = spawn(`server-${name}`, 'server.ts');
  await server.ready();
  const init: ServerInit = { tls: name === 'wss', target };
  const info = await server.call<ServerInfo>('init', init, 60_000);
  const agentInit: AgentInit = { url: info.url, ports: PORT_NAMES.map((n) => target[n]), caPem: info.caPem, zeroMask: name !== 'wszm' };
  let sessions = 0;
  if (name === 'ws' && agentFile !== 'agent.ts') {
    const probe = spawn('agent-ts-probe', 'agent.ts', ['--expose-gc']);
    await probe.ready();
    await probe.call('init', agentInit, 15_000);
    await server.call('waitSession', { count: ++sessions }, 15_000);
    await probe.call('settle');
    idle.ts = vmMiB(probe.pid, 'VmRSS');
    await probe.stop();
  }
  const agent = spawn(`agent-${name}`, agentFile, ['--expose-gc']);
  await agent.ready();
  await agent.call('init', agentInit, 15_000);
  await server.call('waitSession', { count: sessions + 1 }, 15_000);
  return { server, agent, info };
}

// ---- measurements --------------------------------------------------------------

type Dir = 'up' | 'down';
type Key = `${Dir}${1 | 8}`;
/** Per-round throughput in Gbit/s, by `${test}:${path}`. */
const gbps = new Map<string, number[]>();
/** CPU seconds and bytes over the bulk phases, by `${path}:${dir}`. */
const cpu = new Map<string, { s: number; bytes: number }>();
/** Latency samples (µs), pooled over rounds, by `${test}:${path}`; and each round's p50. */
const latency = new Map<string, number[]>();
const latencyRoundP50 = new Map<string, number[]>();
/** Writing time of each round's bulk phases. */
const bulkMs: number[] = [];
/** Profile files by process and phase kind. */
const profileFiles = new Map<string, string[]>();

const push = <K, V>(m: Map<K, V[]>, k: K, ...v: V[]) => {
  const list = m.get(k);
  if (list) list.push(...v);
  else m.set(k, [...v]);
};
const addCpu = (bucket: string, s: number, bytes: number) => {
  const c = cpu.get(bucket) ?? { s: 0, bytes: 0 };
  c.s += s;
  c.bytes += bytes;
  cpu.set(bucket, c);
};
/** Splits `total` samples over the rounds. */
const perRound = (total: number) => Math.ceil(total / ROUNDS);

interface Memory {
  agentRssIdle: number;
  agentRssIdleTs: number | undefined;
  agentRssLoad: number;
  wssAgentHwm: number;
}

async function main(): Promise<void> {
  log(`node ${process.version}, ${availableParallelism()} CPUs, budget ${SECONDS} s, ${ROUNDS} rounds, agent ${AGENT_MODE === 'bundle' ? 'bundled with esbuild' : 'from .ts sources'}${args.relay ? ', relay floor' : ''}${args.profile ? ', profiling the ws server and agent' : ''}`);
  let agentFile = 'agent.ts';
  if (AGENT_MODE === 'bundle') {
    const bundle = await bundleAgent();
    cleanups.push(bundle.cleanup);
    agentFile = bundle.file;
  }
  const target = spawn('target', 'target.ts');
  await target.ready();
  const targetPorts = await target.call<TargetPorts>('init');
  const pairs = {} as Record<Tunnel, Pair>;
  const idle: { ts?: number } = {};
  let relayPorts: TargetPorts | undefined;
  const relays: Child[] = [];
  await Promise.all([
    ...(['ws', 'wss', 'wszm'] as const).map(async (name) => (pairs[name] = await startPair(name, targetPorts, agentFile, idle))),
    (async () => {
      if (!args.relay) return;
      const far = spawn('relay-far', 'relay.ts');
      const near = spawn('relay-near', 'relay.ts');
      await Promise.all([far.ready(), near.ready()]);
      relayPorts = await near.call<TargetPorts>('init', { upstream: await far.call<TargetPorts>('init', { upstream: targetPorts }) });
      relays.push(near, far);
    })(),
  ]);
  log(`tunnels up (${pairs.ws.info.url}, ${pairs.wss.info.url} with a ${pairs.wss.info.certSource ?? '?'} certificate, ${pairs.wszm.info.url} zero-mask)`);
  const loadgen = spawn('loadgen', 'loadgen.ts');
  await loadgen.ready();

  // Idle RSS: after connect and a forced settle, before any load.
  await pairs.ws.agent.call('settle');
  const agentRssIdle = vmMiB(pairs.ws.agent.pid, 'VmRSS');
  log(`agent idle RSS ${agentRssIdle.toFixed(1)} MiB${idle.ts === undefined ? '' : ` (from .ts sources: ${idle.ts.toFixed(1)} MiB)`}`);

  const ports = (path: Path): TargetPorts => (path === 'direct' ? targetPorts : path === 'relay' ? relayPorts! : pairs[path].info.listeners);
  const middlePids = (path: Path) => (path === 'direct' ? [] : path === 'relay' ? relays.map((r) => r.pid) : [pairs[path].server.pid, pairs[path].agent.pid]);
  const endpointPids = [loadgen.pid, target.pid];
  const sumCpu = (pids: number[]) => pids.reduce((a, pid) => a + cpuSeconds(pid), 0);

  // With --profile, V8's sampling profiler runs in the ws server and agent during
  // each measured ws phase only; files are grouped by process and phase kind.
  let profileSeq = 0;
  if (args.profile) mkdirSync(profileDir, { recursive: true });
  async function profiled<T>(path: Path, kind: string, run: () => Promise<T>): Promise<T> {
    if (!args.profile || path !== 'ws') return run();
    const procs = [['server', pairs.ws.server], ['agent', pairs.ws.agent]] as const;
    await Promise.all(procs.map(([, c]) => c.call('profStart', { intervalUs: 200 })));
    try {
      return await run();
    } finally {
      const seq = profileSeq++;
      for (const [name, c] of procs) {
        const file = join(profileDir, `${name}-${kind}-${seq}.cpuprofile`);
        await c.call('profStop', { file });
        push(profileFiles, `${name} ${kind}`, file);
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
      push(gbps, `${dir}${conns}:${path}`, r.gbps);
      addCpu(`${path}:${dir}`, path === 'direct' ? endpointCpu : middleCpu, r.bytes);
    }
    return r;
  }

  async function rtt(path: Path, round: number): Promise<void> {
    const params = { port: ports(path).echo, warmup: round === 0 ? 300 : 100, n: perRound(RTT_SAMPLES) };
    const samples = await profiled(path, 'latency', () => loadgen.call<number[]>('rtt', params, 90_000));
    push(latency, `rtt:${path}`, ...samples);
    push(latencyRoundP50, `rtt:${path}`, median(samples));
    verbose(`rtt ${path}: p50 ${median(samples).toFixed(0)} µs, p99 ${quantile(samples, 0.99).toFixed(0)} µs`);
  }

  async function http(path: Path, kind: 'open' | 'new', round: number): Promise<void> {
    const params = kind === 'open'
      ? { port: ports(path).http, keepAlive: true, warmup: round === 0 ? 50 : 20, n: perRound(HTTP_OPEN_SAMPLES) }
      : { port: ports(path).http, keepAlive: false, warmup: round === 0 ? 30 : 10, n: perRound(HTTP_NEW_SAMPLES) };
    const r = await profiled(path, 'latency', () => loadgen.call<HttpResult>('http', params, 120_000));
    if (r.newConnections > 0) log(`warning: ${r.newConnections} keep-alive GETs on ${path} did not reuse the connection`);
    push(latency, `http-${kind}:${path}`, ...r.samples);
    push(latencyRoundP50, `http-${kind}:${path}`, median(r.samples));
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
    const leftMs = SECONDS * 1000 - (performance.now() - t0) - 1500 - roundsLeft * otherMsPerRound;
    const phaseMs = Math.min(60_000, Math.max(MIN_BULK_MS, Math.round(leftMs / (roundsLeft * BULK_PHASES_PER_ROUND) - overrunMs)));
    bulkMs.push(phaseMs);
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
    const ratio = (k: Key) => (gbps.get(`${k}:ws`)![round]! / gbps.get(`${k}:direct`)![round]!).toFixed(2);
    log(`round ${round + 1}/${ROUNDS} (${phaseMs} ms bulk phases): ws/direct up1 ${ratio('up1')} up8 ${ratio('up8')} down1 ${ratio('down1')} down8 ${ratio('down8')}`);
  }

  const memory: Memory = {
    agentRssIdle,
    agentRssIdleTs: idle.ts,
    agentRssLoad: vmMiB(pairs.ws.agent.pid, 'VmHWM'),
    wssAgentHwm: vmMiB(pairs.wss.agent.pid, 'VmHWM'),
  };
  await sleep(200);
  const serverStats = await pairs.ws.server.call<{ openStreams: number; openFailures: number; openFailureSample: string }>('stats');
  const agentStats = await pairs.ws.agent.call<{ openStreams: number }>('stats');
  if (serverStats.openFailureSample) log(`first failed open: ${serverStats.openFailureSample}`);

  // Stop everything before reporting (the hard deadline and the exit handler kill what does not stop).
  await Promise.all(children.map((c) => c.stop()));
  report(memory, { leaked: serverStats.openStreams + agentStats.openStreams, openFailures: serverStats.openFailures });
}

// ---- report ------------------------------------------------------------------

const round1 = (n: number | undefined, digits = 2) => (n !== undefined && Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

function report(memory: Memory, hygiene: { leaked: number; openFailures: number }): void {
  const series = (k: Key, p: Path) => gbps.get(`${k}:${p}`) ?? [];
  const abs = (k: Key, p: Path) => median(series(k, p));
  const ratio = (k: Key, p: Path) => median(series(k, p).map((v, i) => v / series(k, 'direct')[i]!));
  const lat = (test: string, p: Path, quant: number) => quantile(latency.get(`${test}:${p}`) ?? [], quant);
  const rttOf = (p: Path, which: 'p50' | 'p99') => lat('rtt', p, which === 'p50' ? 0.5 : 0.99);
  const rttAdded = (p: Path, which: 'p50' | 'p99') => rttOf(p, which) - rttOf('direct', which);
  const httpOf = (kind: string, p: Path) => lat(`http-${kind}`, p, 0.5);
  const httpAdded = (kind: string, p: Path = 'ws') => httpOf(kind, p) - httpOf(kind, 'direct');
  const cpuPerGb = (...buckets: string[]) => {
    let s = 0;
    let bytes = 0;
    for (const b of buckets) {
      s += cpu.get(b)?.s ?? 0;
      bytes += cpu.get(b)?.bytes ?? 0;
    }
    return s / (bytes / 1e9);
  };

  const r = {
    bench: 'tunnel',
    node: process.version,
    cpus: availableParallelism(),
    seconds: SECONDS,
    rounds: ROUNDS,
    bulk_phase_s: bulkMs.map((ms) => ms / 1000),
    agent: AGENT_MODE,
    // The goals (plain ws; "up" = client → server's listener → agent → target sink).
    ratio_1: round1(ratio('up1', 'ws'), 3),
    ratio_8: round1(ratio('up8', 'ws'), 3),
    cpu_s_per_gb: round1(cpuPerGb('ws:up', 'ws:down')),
    rtt_added_p50_us: round1(rttAdded('ws', 'p50'), 0),
    rtt_added_p99_us: round1(rttAdded('ws', 'p99'), 0),
    http_open_added_p50_us: round1(httpAdded('open'), 0),
    http_new_added_p50_us: round1(httpAdded('new'), 0),
    agent_rss_idle_mb: round1(memory.agentRssIdle, 1),
    agent_rss_load_mb: round1(memory.agentRssLoad, 1),
    // Absolute figures: throughput medians over rounds, latency quantiles of the pooled samples.
    direct_gbps_1: round1(abs('up1', 'direct')),
    tunnel_gbps_1: round1(abs('up1', 'ws')),
    direct_gbps_8: round1(abs('up8', 'direct')),
    tunnel_gbps_8: round1(abs('up8', 'ws')),
    rtt_direct_p50_us: round1(rttOf('direct', 'p50'), 0),
    rtt_tunnel_p50_us: round1(rttOf('ws', 'p50'), 0),
    rtt_direct_p99_us: round1(rttOf('direct', 'p99'), 0),
    rtt_tunnel_p99_us: round1(rttOf('ws', 'p99'), 0),
    rtt_samples: latency.get('rtt:ws')?.length ?? 0,
    http_open_direct_p50_us: round1(httpOf('open', 'direct'), 0),
    http_open_tunnel_p50_us: round1(httpOf('open', 'ws'), 0),
    http_new_direct_p50_us: round1(httpOf('new', 'direct'), 0),
    http_new_tunnel_p50_us: round1(httpOf('new', 'ws'), 0),
    cpu_s_per_gb_up: round1(cpuPerGb('ws:up')),
    cpu_s_per_gb_down: round1(cpuPerGb('ws:down')),
    direct_endpoints_cpu_s_per_gb: round1(cpuPerGb('direct:up', 'direct:down')),
    agent_rss_idle_ts_mb: round1(memory.agentRssIdleTs, 1),
    // The other direction: the target sends (agent → server), as API responses and logs do.
    down_direct_gbps_1: round1(abs('down1', 'direct')),
    down_tunnel_gbps_1: round1(abs('down1', 'ws')),
    down_direct_gbps_8: round1(abs('down8', 'direct')),
    down_tunnel_gbps_8: round1(abs('down8', 'ws')),
    down_ratio_1: round1(ratio('down1', 'ws'), 3),
    down_ratio_8: round1(ratio('down8', 'ws'), 3),
    // Same, with the agent's ws client option generateMask: (m) => m.fill(0) (not adopted; for the lead).
    masked_down_gbps_1: round1(abs('down1', 'wszm')),
    masked_down_gbps_8: round1(abs('down8', 'wszm')),
    masked_down_ratio_1: round1(ratio('down1', 'wszm'), 3),
    masked_down_ratio_8: round1(ratio('down8', 'wszm'), 3),
    masked_cpu_s_per_gb_down: round1(cpuPerGb('wszm:down')),
    // wss:// (TLS on node:https), same tests.
    wss_ratio_1: round1(ratio('up1', 'wss'), 3),
    wss_ratio_8: round1(ratio('up8', 'wss'), 3),
    wss_gbps_1: round1(abs('up1', 'wss')),
    wss_gbps_8: round1(abs('up8', 'wss')),
    wss_rtt_added_p50_us: round1(rttAdded('wss', 'p50'), 0),
    wss_rtt_added_p99_us: round1(rttAdded('wss', 'p99'), 0),
    wss_cpu_s_per_gb: round1(cpuPerGb('wss:up')),
    wss_agent_rss_load_mb: round1(memory.wssAgentHwm, 1),
    ...(args.relay
      ? {
          // Floor: two plain TCP relay processes in the tunnel's place.
          relay_ratio_1: round1(ratio('up1', 'relay'), 3),
          relay_ratio_8: round1(ratio('up8', 'relay'), 3),
          relay_down_ratio_1: round1(ratio('down1', 'relay'), 3),
          relay_down_ratio_8: round1(ratio('down8', 'relay'), 3),
          relay_cpu_s_per_gb: round1(cpuPerGb('relay:up', 'relay:down')),
          relay_rtt_added_p50_us: round1(rttAdded('relay', 'p50'), 0),
          relay_rtt_added_p99_us: round1(rttAdded('relay', 'p99'), 0),
          relay_http_open_added_p50_us: round1(httpAdded('open', 'relay'), 0),
          relay_http_new_added_p50_us: round1(httpAdded('new', 'relay'), 0),
        }
      : {}),
    // Hygiene: streams still open on the ws pair after all tests (should be 0) and failed opens.
    streams_left_open: hygiene.leaked,
    open_failures: hygiene.openFailures,
    elapsed_s: round1((performance.now() - t0) / 1000, 1),
  };

  const goals: [string, keyof typeof r, '>=' | '<=', number][] = [
    ['throughput ratio, 1 stream', 'ratio_1', '>=', 0.3],
    ['throughput ratio, 8 streams', 'ratio_8', '>=', 0.3],
    ['CPU s/GB (server + agent)', 'cpu_s_per_gb', '<=', 3.0],
    ['added RTT p50 (µs)', 'rtt_added_p50_us', '<=', 150],
    ['added RTT p99 (µs), ≤ 3 × added p50', 'rtt_added_p99_us', '<=', 3 * (r.rtt_added_p50_us ?? 0)],
    ['HTTP GET, open stream, added p50 (µs)', 'http_open_added_p50_us', '<=', 250],
    ['HTTP GET, new stream, added p50 (µs)', 'http_new_added_p50_us', '<=', 450],
    ['agent RSS idle (MiB)', 'agent_rss_idle_mb', '<=', 55],
    ['agent RSS peak after load (MiB)', 'agent_rss_load_mb', '<=', 90],
  ];
  const missed: string[] = [];
  const goalRows = goals.map(([label, key, op, limit]) => {
    const v = r[key] as number | null;
    const ok = v !== null && (op === '>=' ? v >= limit : v <= limit);
    if (!ok) missed.push(key);
    return [label, String(v), `${op} ${round1(limit)}`, ok ? 'ok' : 'MISS'];
  });

  const f = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));
  const extra = (v: Record<string, unknown>, key: string) => v[key] as number | undefined;
  const lines: string[] = [];
  const table = (title: string, head: string[], rows: string[][]) => {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const fmt = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
    lines.push('', title, fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  };
  const relayCols = (...keys: string[]) => (args.relay ? keys.map((k) => f(extra(r, k), k.includes('_us') ? 0 : 2)) : []);
  const relayHead = (label: string) => (args.relay ? [label] : []);

  lines.push(`Drover tunnel benchmark — node ${r.node}, ${r.cpus} CPUs, ${ROUNDS} rounds, bulk phases ${r.bulk_phase_s.join('/')} s, agent ${AGENT_MODE}, ${r.elapsed_s} s`);
  table('Throughput, Gbit/s (median of rounds) and tunnel ÷ direct (median of per-round ratios)', ['test', 'direct', 'ws', 'ratio', 'wss', 'ratio', 'ws masked', 'ratio', ...relayHead('relay ratio')], [
    ['up, 1 stream (to sink)', f(r.direct_gbps_1), f(r.tunnel_gbps_1), f(r.ratio_1), f(r.wss_gbps_1), f(r.wss_ratio_1), '', '', ...relayCols('relay_ratio_1')],
    ['up, 8 streams', f(r.direct_gbps_8), f(r.tunnel_gbps_8), f(r.ratio_8), f(r.wss_gbps_8), f(r.wss_ratio_8), '', '', ...relayCols('relay_ratio_8')],
    ['down, 1 stream (from source)', f(r.down_direct_gbps_1), f(r.down_tunnel_gbps_1), f(r.down_ratio_1), '', '', f(r.masked_down_gbps_1), f(r.masked_down_ratio_1), ...relayCols('relay_down_ratio_1')],
    ['down, 8 streams', f(r.down_direct_gbps_8), f(r.down_tunnel_gbps_8), f(r.down_ratio_8), '', '', f(r.masked_down_gbps_8), f(r.masked_down_ratio_8), ...relayCols('relay_down_ratio_8')],
  ]);
  table(`Latency, µs (quantiles of ${r.rtt_samples} pooled RTT samples per path; added = tunnel − direct)`, ['test', 'direct', 'ws', 'added', 'wss added', ...relayHead('relay added')], [
    ['RTT 64 B ping-pong p50', f(r.rtt_direct_p50_us, 0), f(r.rtt_tunnel_p50_us, 0), f(r.rtt_added_p50_us, 0), f(r.wss_rtt_added_p50_us, 0), ...relayCols('relay_rtt_added_p50_us')],
    ['RTT 64 B ping-pong p99', f(r.rtt_direct_p99_us, 0), f(r.rtt_tunnel_p99_us, 0), f(r.rtt_added_p99_us, 0), f(r.wss_rtt_added_p99_us, 0), ...relayCols('relay_rtt_added_p99_us')],
    ['HTTP GET keep-alive p50', f(r.http_open_direct_p50_us, 0), f(r.http_open_tunnel_p50_us, 0), f(r.http_open_added_p50_us, 0), '', ...relayCols('relay_http_open_added_p50_us')],
    ['HTTP GET new connection p50', f(r.http_new_direct_p50_us, 0), f(r.http_new_tunnel_p50_us, 0), f(r.http_new_added_p50_us, 0), '', ...relayCols('relay_http_new_added_p50_us')],
  ]);
  table('CPU seconds per GB moved (over the bulk phases) and agent memory', ['figure', 'value'], [
    ['ws: server + agent, up and down', f(r.cpu_s_per_gb)],
    ['ws: up / down', `${f(r.cpu_s_per_gb_up)} / ${f(r.cpu_s_per_gb_down)}`],
    ['ws with random masks: down', f(r.masked_cpu_s_per_gb_down)],
    ['wss: up', f(r.wss_cpu_s_per_gb)],
    ...(args.relay ? [['relay floor: both relays', f(extra(r, 'relay_cpu_s_per_gb'))]] : []),
    ['direct: load generator + target (for scale)', f(r.direct_endpoints_cpu_s_per_gb)],
    [`agent RSS idle / peak (MiB, ${AGENT_MODE})`, `${f(r.agent_rss_idle_mb, 1)} / ${f(r.agent_rss_load_mb, 1)}`],
    ...(r.agent_rss_idle_ts_mb === null ? [] : [['agent RSS idle from .ts sources (MiB)', f(r.agent_rss_idle_ts_mb, 1)]]),
    ['wss agent RSS peak (MiB)', f(r.wss_agent_rss_load_mb, 1)],
    ['streams left open / failed opens', `${r.streams_left_open} / ${r.open_failures}`],
  ]);
  table('Goals (plain ws)', ['goal', 'value', 'target', ''], goalRows);
  lines.push('', missed.length === 0 ? 'All goals met.' : `Missed: ${missed.join(', ')}`);

  let profiles: Record<string, unknown> | undefined;
  if (args.profile) {
    lines.push('', `CPU profiles of the ws server and agent during the measured ws phases (the profiler slows the ws figures above): ${profileDir}`);
    profiles = {};
    for (const [group, files] of [...profileFiles].sort((a, b) => a[0].localeCompare(b[0]))) {
      const s = topSelfTime(files, ROOT, 15);
      profiles[group] = s;
      table(`${group}: top self time (${s.totalMs} ms on CPU over ${files.length} phases)`, ['function', 'ms', '%'], s.top.map((t) => [t.fn, String(t.ms), t.pct.toFixed(1)]));
    }
  }

  const json = { ...r, goals_missed: missed, ...(profiles ? { profiled: true, profile_dir: profileDir } : {}) };
  mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
  const out = join(ROOT, 'bench-results', `tunnel-${stamp}.json`);
  const detail = {
    gbps: Object.fromEntries(gbps),
    latency_p50_us_by_round: Object.fromEntries([...latencyRoundP50].map(([k, v]) => [k, v.map((x) => Math.round(x))])),
    cpu: Object.fromEntries(cpu),
  };
  writeFileSync(out, JSON.stringify({ ...json, per_round: detail, ...(profiles ? { profiles } : {}) }, null, 2) + '\n');
  lines.push('', `Written to ${out}`);
  process.stdout.write(lines.join('\n') + '\n' + JSON.stringify(json) + '\n');
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (err: unknown) => {
    const dead = children.filter((c) => c.exited && c.name !== 'agent-ts-probe').map((c) => c.name);
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}${dead.length > 0 ? `\n(processes that had exited: ${dead.join(', ')})` : ''}`);
    killAll();
    process.exit(1);
  },
);
