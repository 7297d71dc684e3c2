/**
 * ./scripts/bench agents [--agents N] [--tls-agents M] [--loadgens K] [--mode both|plain|tls] [--idle-seconds S] [--loadgen-nice N] [--database-url U] [--verbose]
 *
 * Many agents on one server process (issue 15). N simulated agents, spread over K load-generator
 * processes (agents/loadgen.ts: real TunnelClients with Hello, heartbeats, backoff and the
 * command channel, from 127.0.x.y source addresses), against one real server process
 * (packages/server/src/main.ts) on SQLite, whose Nodes and node credentials were seeded in bulk
 * by a store-level fixture. Plain ws (DROVER_TLS=false) and TLS (the default) in turn:
 *   1. connect storm: all N agents start at once from cold; time until all are connected;
 *   2. memory: server RSS growth ÷ N after a settle (session state and command channel included);
 *      after the idle window, the same and the JS heap after a forced GC (agents/inspector.ts);
 *   3. idle: server CPU over S seconds with all connected (heartbeats), store writes meanwhile;
 *   4. reconnect storm: the server is killed and started again on the same store; time until all
 *      N are back, peak server CPU, Node status writes per second, the latency of a `get nodes`
 *      page (the request kubectl makes) during the storm, agents refused more than once;
 *   5. hygiene: every Node ends Connected in the store, sessions/streams/pending opens/timers
 *      of the server (its /metrics) and the agents' streams.
 * A table on stdout, then the JSON object as the last line. See docs/bench-agents.md.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createStore } from '@drover/store';
import { dropSchema, seedNodes, type SeededNode } from '@drover/server/testing';
import { cpuByThread, cpuOf, cpuSampler, fleetStats, heapSnapshot, perAgentMs, quiet, settleRss, waitAllConnected } from './agents/fleet.ts';
import type { LoadgenInit } from './agents/loadgen.ts';
import { startCpuProfile } from './agents/inspector.ts';
import { metric, NodeObserver, probeGetNodes } from './agents/observe.ts';
import { printTable, type Result } from './agents/report.ts';
import { afterGc, idleAfterGc, PASSWORD, servers, setStoreEnv, startServer, TLS_HANDSHAKE_QUEUE_MS, type Ports } from './agents/server-proc.ts';
import { cpuSeconds, cpuSplit, freePort, vmMiB } from './tunnel/proc.ts';
import { Child } from './tunnel/rpc.ts';
import { quantile } from './tunnel/stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = `usage: scripts/bench agents [--agents N] [--tls-agents M] [--loadgens K] [--mode both|plain|tls] [--idle-seconds S] [--loadgen-nice N] [--database-url U] [--verbose]
  --agents N         simulated agents over plain ws (default 19500; one server process holds at most
                     ~19,990 sockets here)
  --tls-agents M     simulated agents over TLS (default 10000, the TLS goals' count; at most N)
  --loadgens K       load-generator processes (default 4)
  --mode M           both (default), plain (ws://, DROVER_TLS=false) or tls (wss://)
  --idle-seconds S   idle window for the heartbeat CPU (default 20: every session's heartbeat exchange
                     comes once in it)
  --loadgen-nice N   niceness of the load generators (default 10): they stand for agents on other
                     hosts, and here share the server's two cores
  --database-url U   run the server on PostgreSQL (a fresh schema per mode, dropped after; default:
                     SQLite in a temp directory; also DROVER_BENCH_DATABASE_URL)`;

const { values: args } = parseArgs({
  options: {
    agents: { type: 'string', default: '19500' },
    'tls-agents': { type: 'string' },
    loadgens: { type: 'string', default: '4' },
    mode: { type: 'string', default: 'both' },
    'idle-seconds': { type: 'string', default: '20' },
    'database-url': { type: 'string', default: process.env.DROVER_BENCH_DATABASE_URL ?? '' },
    'loadgen-nice': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const N = Number(args.agents);
/** TLS runs fewer agents by default: its goals are for 10,000, and 19,500 alone took over 3 minutes to connect. */
const N_TLS = args['tls-agents'] === undefined ? Math.min(N, 10_000) : Number(args['tls-agents']);
/** Agents of a mode. */
const agentsOf = (mode: 'plain' | 'tls'): number => (mode === 'tls' ? N_TLS : N);
const K = Number(args.loadgens);
const IDLE_S = Number(args['idle-seconds']);
/** PostgreSQL instead of SQLite: each mode seeds a schema of its own, dropped at the end. */
const DATABASE_URL = args['database-url'] ?? '';
/**
 * The load generators stand for agents on other hosts but share the server's two cores: a lower
 * priority keeps their work (retries while the server restarts: ~4,000 refused connects a second
 * at 10,000 agents; their half of each TLS handshake) off the server's share. Before the server
 * admitted TLS handshakes a few hundred at a time (tls-admission.ts), niced TLS agents made it
 * worse: the server started all 10,000 handshakes at once, each waited for its agent's half,
 * and the 10 s handshake timeout reset them (56 s and 9,600 resets from cold).
 */
const LOADGEN_NICE = args['loadgen-nice'] === undefined ? 10 : Number(args['loadgen-nice']);
const MODES: ('plain' | 'tls')[] = args.mode === 'both' ? ['plain', 'tls'] : args.mode === 'plain' || args.mode === 'tls' ? [args.mode] : [];
if (!(Number.isInteger(N) && N >= 1 && N <= 19_900 && Number.isInteger(N_TLS) && N_TLS >= 1 && N_TLS <= N && Number.isInteger(K) && K >= 1 && K <= 16 && IDLE_S >= 1 && MODES.length > 0 && Number.isInteger(LOADGEN_NICE) && LOADGEN_NICE >= 0 && LOADGEN_NICE <= 19 && (DATABASE_URL === '' || /^postgres(ql)?:\/\//.test(DATABASE_URL)))) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}
/** Bounds of each wait, so a broken run ends instead of hanging. */
const CONNECT_LIMIT_MS = 300_000;

const t0 = performance.now();
const STAMP = new Date().toISOString().replace(/[:.]/g, '-');
/** Server logs (warn and up; DROVER_BENCH_SERVER_LOG_LEVEL) are kept here, gitignored. */
const LOG_DIR = join(ROOT, 'bench-results');
const log = (msg: string): void => void process.stderr.write(`[agents ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);
const verbose = (msg: string): void => (args.verbose ? log(msg) : undefined);

const children: Child[] = [];
const killAll = (): void => {
  for (const c of children) c.kill();
  for (const s of servers) if (s.exitCode === null) s.kill('SIGKILL');
};
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

async function runMode(mode: 'plain' | 'tls', seeded: SeededNode[], dataDir: string): Promise<Result> {
  const tls = mode === 'tls';
  const N = seeded.length;
  const ports: Ports = { api: await freePort(), metrics: await freePort(), inspect: await freePort() };
  const logFile = join(LOG_DIR, `agents-${STAMP}-server-${mode}.log`);
  const gc0 = await idleAfterGc(dataDir, tls, logFile);
  let server = await startServer(dataDir, tls, ports, logFile);
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${ports.api}`;
  const caPem = tls ? await readFile(join(dataDir, 'pki', 'ca.crt'), 'utf8') : undefined;
  await quiet(server.pid!);
  const rss0 = await settleRss(server.pid!);
  verbose(`${mode}: server up (pid ${server.pid}), idle RSS ${rss0.toFixed(1)} MiB`);
  // DROVER_BENCH_HEAP_SNAPSHOT=before: the snapshot (see below) of the idle server with its Nodes, no agent yet.
  if (process.env.DROVER_BENCH_HEAP_SNAPSHOT === 'before') await heapSnapshot(server);

  const gens: Child[] = [];
  const per = Math.ceil(N / K);
  for (let g = 0; g < K; g++) {
    const child = new Child(`loadgen-${mode}-${g}`, fileURLToPath(new URL('./agents/loadgen.ts', import.meta.url)));
    children.push(child);
    gens.push(child);
    if (LOADGEN_NICE > 0) setPriority(child.pid, LOADGEN_NICE);
  }
  await Promise.all(gens.map((g) => g.ready()));
  const url = `${tls ? 'wss' : 'ws'}://127.0.0.1:${ports.api}/v1/agent/tunnel`;
  await Promise.all(gens.map((g, i) => g.call('init', { url, ...(caPem === undefined ? {} : { caPem }), agents: seeded.slice(i * per, (i + 1) * per), sourceBase: i } satisfies LoadgenInit, 120_000)));

  // ---- 1. connect storm from cold -------------------------------------------------------------
  const observer = new NodeObserver(base, caPem, PASSWORD);
  await observer.watch();
  const genPids = gens.map((g) => g.pid);
  const connectCpu0 = { server: cpuSeconds(server.pid!), loadgens: cpuOf(genPids) };
  const c0 = performance.now();
  await Promise.all(gens.map((g) => g.call('start')));
  const connectS = await waitAllConnected(gens, N, c0, CONNECT_LIMIT_MS, verbose);
  const connectCpu = { server: cpuSeconds(server.pid!) - connectCpu0.server, loadgens: cpuOf(genPids) - connectCpu0.loadgens };
  const afterConnect = await fleetStats(gens);
  log(`${mode}: connect storm: ${connectS === undefined ? `incomplete after ${CONNECT_LIMIT_MS / 1000} s` : `${N} agents in ${connectS.toFixed(1)} s`} (${afterConnect.failures} failed attempts${afterConnect.firstError ? `, first: ${afterConnect.firstError}` : ''}); CPU ${perAgentMs(connectCpu.server, N)} ms/agent in the server, ${perAgentMs(connectCpu.loadgens, N)} in the agents`);

  // ---- 2. memory ------------------------------------------------------------------------------
  const rss1 = await settleRss(server.pid!);
  // Developer hook: with --heapsnapshot-signal=SIGUSR2 in DROVER_BENCH_SERVER_NODE_OPTIONS, the
  // server writes a heap snapshot of all N connected (into its working directory).
  if (process.env.DROVER_BENCH_HEAP_SNAPSHOT === '1') await heapSnapshot(server);
  const heapMiB = (await metric(ports.metrics, 'drover_server_nodejs_heap_size_used_bytes')) / 2 ** 20;
  const sessions1 = await metric(ports.metrics, 'drover_tunnel_sessions');

  // ---- 3. idle --------------------------------------------------------------------------------
  // Let the connect storm's status writes drain first (Connected, the channel's status, and each
  // node's first heartbeat RTT: a median of three of the server's pings, up to three intervals
  // after the node connected): at least 20 s, then until 3 s pass without a Node write, at most
  // 45 s in all (the writes still coming are counted in the window: status_write_rate_idle).
  const waitAt = performance.now();
  await sleep(20_000);
  for (let quietS = 0; quietS < 3 && performance.now() - waitAt < 45_000; ) {
    const w = observer.writes;
    await sleep(1000);
    quietS = observer.writes === w ? quietS + 1 : 0;
  }
  const idleWaitS = (performance.now() - waitAt) / 1000;
  verbose(`${mode}: Node writes so far by status field changed: ${JSON.stringify(observer.changed)}`);
  const idleWrites = observer.writes;
  const idleCpu0 = cpuSeconds(server.pid!);
  const idleSplit0 = cpuSplit(server.pid!);
  const idleThreads0 = cpuByThread(server.pid!);
  const idleProfile = process.env.DROVER_BENCH_IDLE_PROFILE ? await startCpuProfile(ports.inspect!) : undefined; // developer hook: a CPU profile of the idle window to that file
  const idleAt = performance.now();
  await sleep(IDLE_S * 1000);
  const idleSeconds = (performance.now() - idleAt) / 1000;
  const heartbeatCpuPct = ((cpuSeconds(server.pid!) - idleCpu0) / idleSeconds) * 100;
  const idleSplit1 = cpuSplit(server.pid!);
  const idleThreads = Object.entries(cpuByThread(server.pid!)).map(([name, t]) => [name, ((t - (idleThreads0[name] ?? 0)) / idleSeconds) * 100] as const);
  const idleMainPct = idleThreads.find(([name]) => name === 'main')?.[1] ?? 0;
  verbose(`${mode}: idle CPU by thread (% of a core): ${idleThreads.filter(([, pct]) => pct >= 0.05).map(([name, pct]) => `${name} ${pct.toFixed(1)}`).join(', ')}`);
  const heartbeatSysPct = ((idleSplit1.system - idleSplit0.system) / idleSeconds) * 100;
  const idleStatusRate = (observer.writes - idleWrites) / idleSeconds;
  if (idleProfile !== undefined) await writeFile(process.env.DROVER_BENCH_IDLE_PROFILE!, JSON.stringify(await idleProfile.stop()));
  // The same memory a minute later, after the drain and the idle window: V8 collects when it
  // chooses, so the RSS moves with its GC cycle (heartbeat garbage builds up between collections).
  const rssAfterIdle = vmMiB(server.pid!, 'VmRSS');
  const heapAfterIdleMiB = (await metric(ports.metrics, 'drover_server_nodejs_heap_size_used_bytes')) / 2 ** 20;
  verbose(`${mode}: … after the idle window: ${JSON.stringify(observer.changed)}`);
  const gc1 = await afterGc(server.pid!, ports);
  log(`${mode}: idle ${idleSeconds.toFixed(0)} s: server CPU ${heartbeatCpuPct.toFixed(1)} % of a core (${heartbeatSysPct.toFixed(1)} % in the kernel), ${idleStatusRate.toFixed(2)} Node writes/s, RSS ${rss1.toFixed(0)} MiB (+${(((rss1 - rss0) * 2 ** 20) / N / 1000).toFixed(1)} KB/agent), after the idle window ${rssAfterIdle.toFixed(0)} MiB (+${(((rssAfterIdle - rss0) * 2 ** 20) / N / 1000).toFixed(1)} KB/agent, heap used ${heapAfterIdleMiB.toFixed(0)} MiB), after a forced GC ${gc1.rss.toFixed(0)} MiB (+${(((gc1.rss - gc0.rss) * 2 ** 20) / N / 1000).toFixed(1)} KB/agent over ${gc0.rss.toFixed(0)}; heap used +${(((gc1.heap - gc0.heap) * 2 ** 20) / N / 1000).toFixed(1)} KB/agent)`);

  // ---- 4. reconnect storm -------------------------------------------------------------------------
  await Promise.all(gens.map((g) => g.call('resetCounts')));
  const stormWrites = observer.writes;
  const killedAt = performance.now();
  // A crash (SIGKILL); DROVER_BENCH_RESTART_SIGNAL=SIGTERM makes it a clean restart (and lets
  // --cpu-prof in DROVER_BENCH_SERVER_NODE_OPTIONS write the first server's profile).
  server.kill((process.env.DROVER_BENCH_RESTART_SIGNAL as NodeJS.Signals | undefined) ?? 'SIGKILL');
  // A clean restart's old server: how long it took to exit, and its exit status (0: drained in time).
  const oldExit = await new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
  const oldExitedS = (performance.now() - killedAt) / 1000;
  server = await startServer(dataDir, tls, { api: ports.api, metrics: ports.metrics }, logFile);
  const listeningS = (performance.now() - killedAt) / 1000;
  await observer.watch();
  const cpu = cpuSampler(server.pid!, 500);
  const stormLoadgenCpu0 = cpuOf(genPids);
  // kubectl's request during the storm: the first page of `kubectl get nodes` in one cluster.
  const prober = probeGetNodes(base, caPem, PASSWORD, seeded[0]!.cluster);
  const backS = await waitAllConnected(gens, N, killedAt, CONNECT_LIMIT_MS, verbose);
  // The new server's whole life so far (its start included), and the agents' since the kill.
  const reconnectCpu = { server: cpuSeconds(server.pid!), loadgens: cpuOf(genPids) - stormLoadgenCpu0 };
  const stormSeconds = (performance.now() - killedAt) / 1000;
  const { latencies: getLatencies, errors: getErrors } = await prober.stop();
  const cpuStats = cpu.stop();
  const stormStatusWrites = observer.writes - stormWrites;
  const storm = await fleetStats(gens);
  verbose(`${mode}: Node writes so far by status field changed: ${JSON.stringify(observer.changed)}`);
  verbose(`${mode}: failed attempts during the storm by kind: ${JSON.stringify(storm.errorKinds)}`);
  log(`${mode}: reconnect storm: ${backS === undefined ? `incomplete after ${CONNECT_LIMIT_MS / 1000} s` : `all back ${backS.toFixed(1)} s after the kill (${(backS - listeningS).toFixed(1)} s after the restarted server listened; the old one exited ${oldExit ?? 'by signal'} after ${oldExitedS.toFixed(1)} s)`}; peak CPU ${cpuStats.peak.toFixed(0)} %; ${stormStatusWrites} Node writes; CPU ${perAgentMs(reconnectCpu.server, N)} ms/agent in the server (its start included), ${perAgentMs(reconnectCpu.loadgens, N)} in the agents`);

  // ---- 5. hygiene ---------------------------------------------------------------------------------
  let connectedInStore = 0;
  for (let i = 0; i < 60; i++) {
    connectedInStore = await observer.connected();
    if (connectedInStore >= N) break;
    await sleep(1000);
  }
  const afterStormWrites = observer.writes - stormWrites;
  const agentStreams = (await Promise.all(gens.map((g) => g.call<{ open: number }>('streams')))).reduce((a, s) => a + s.open, 0);
  const hygiene = {
    sessions: await metric(ports.metrics, 'drover_tunnel_sessions'),
    streams: await metric(ports.metrics, 'drover_tunnel_streams_open'),
    pendingOpens: await metric(ports.metrics, 'drover_tunnel_opens_pending'),
    timers: await metric(ports.metrics, 'drover_server_nodejs_active_resources', 'type="Timeout"'),
    handles: await metric(ports.metrics, 'drover_server_nodejs_active_handles_total'),
  };
  const fleet = await fleetStats(gens);
  observer.stop();
  await Promise.all(gens.map((g) => g.call('stop').catch(() => undefined)));
  await Promise.all(gens.map((g) => g.stop()));
  // DROVER_BENCH_FINAL_SIGNAL=SIGTERM ends the restarted server cleanly (so --cpu-prof writes its profile).
  server.kill((process.env.DROVER_BENCH_FINAL_SIGNAL as NodeJS.Signals | undefined) ?? 'SIGKILL');
  await new Promise((r) => server.once('exit', r));

  const sfx = tls ? '_tls' : '';
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return {
    [`loadgen_nice${sfx}`]: LOADGEN_NICE,
    ...(tls ? { tls_handshake_queue_ms: TLS_HANDSHAKE_QUEUE_MS } : {}),
    [`agents${sfx}`]: N,
    [`agents_connected${sfx}`]: sessions1,
    [`server_rss_mb${sfx}`]: r1(rss1),
    [`server_rss_idle_before_mb${sfx}`]: r1(rss0),
    [`server_heap_used_mb${sfx}`]: r1(heapMiB),
    [`bytes_per_agent${sfx}`]: Math.round(((rss1 - rss0) * 2 ** 20) / N),
    [`server_rss_after_idle_mb${sfx}`]: r1(rssAfterIdle),
    [`server_heap_used_after_idle_mb${sfx}`]: r1(heapAfterIdleMiB),
    [`bytes_per_agent_after_idle${sfx}`]: Math.round(((rssAfterIdle - rss0) * 2 ** 20) / N),
    [`server_heap_used_after_gc_mb${sfx}`]: r1(gc1.heap),
    [`bytes_per_agent_after_gc${sfx}`]: Math.round(((gc1.rss - gc0.rss) * 2 ** 20) / N),
    [`heap_bytes_per_agent_after_gc${sfx}`]: Math.round(((gc1.heap - gc0.heap) * 2 ** 20) / N),
    [`heartbeat_cpu_pct${sfx}`]: r1(heartbeatCpuPct),
    [`heartbeat_cpu_sys_pct${sfx}`]: r1(heartbeatSysPct),
    [`heartbeat_cpu_main_thread_pct${sfx}`]: r1(idleMainPct),
    [`status_write_rate_idle${sfx}`]: Math.round(idleStatusRate * 100) / 100,
    [`idle_wait_s${sfx}`]: r1(idleWaitS),
    [`connect_storm_s${sfx}`]: connectS === undefined ? null : r1(connectS),
    [`connect_cpu_ms_per_agent_server${sfx}`]: Number(perAgentMs(connectCpu.server, N)),
    [`connect_cpu_ms_per_agent_loadgens${sfx}`]: Number(perAgentMs(connectCpu.loadgens, N)),
    [`reconnect_storm_s${sfx}`]: backS === undefined ? null : r1(backS),
    [`reconnect_server_listening_s${sfx}`]: r1(listeningS),
    [`reconnect_old_server_exit${sfx}`]: oldExit,
    [`reconnect_old_server_exited_s${sfx}`]: r1(oldExitedS),
    [`reconnect_cpu_ms_per_agent_server${sfx}`]: Number(perAgentMs(reconnectCpu.server, N)),
    [`reconnect_cpu_ms_per_agent_loadgens${sfx}`]: Number(perAgentMs(reconnectCpu.loadgens, N)),
    [`reconnect_peak_cpu_pct${sfx}`]: Math.round(cpuStats.peak),
    [`reconnect_mean_cpu_pct${sfx}`]: Math.round(cpuStats.mean),
    [`status_write_rate${sfx}`]: r1(stormStatusWrites / stormSeconds),
    [`status_writes_storm${sfx}`]: afterStormWrites,
    [`get_nodes_p50_ms${sfx}`]: getLatencies.length ? r1(quantile(getLatencies, 0.5)) : null,
    [`get_nodes_p99_ms${sfx}`]: getLatencies.length ? r1(quantile(getLatencies, 0.99)) : null,
    [`get_nodes_samples${sfx}`]: getLatencies.length,
    [`get_nodes_errors${sfx}`]: getErrors,
    [`refused_more_than_once${sfx}`]: storm.refusedTwice,
    [`max_refusals_per_agent${sfx}`]: storm.maxRefusals,
    [`failed_attempts_storm${sfx}`]: storm.failures,
    [`failed_attempts_storm_kinds${sfx}`]: JSON.stringify(storm.errorKinds),
    [`nodes_connected_in_store${sfx}`]: connectedInStore,
    [`agents_connected_end${sfx}`]: fleet.connected,
    [`server_sessions_end${sfx}`]: hygiene.sessions,
    [`server_streams_end${sfx}`]: hygiene.streams,
    [`agent_streams_end${sfx}`]: agentStreams,
    [`server_pending_opens_end${sfx}`]: hygiene.pendingOpens,
    [`server_timers_end${sfx}`]: hygiene.timers,
    [`server_handles_end${sfx}`]: hygiene.handles,
    [`loadgen_rss_mb${sfx}`]: Math.round(fleet.rssMiB),
  };
}

async function main(): Promise<void> {
  await mkdir(LOG_DIR, { recursive: true });
  log(`node ${process.version}, ${MODES.map((m) => `${agentsOf(m)} agents over ${m === 'tls' ? 'TLS' : 'plain ws'}`).join(', then ')}, ${K} load generators, store ${DATABASE_URL === '' ? 'SQLite' : 'PostgreSQL'}`);
  const results: Result = { bench: 'agents', loadgens: K, node: process.version, store: DATABASE_URL === '' ? 'sqlite' : 'postgres' };
  let schema: string | undefined;
  for (const mode of MODES) {
    const dir = await mkdtemp(join(tmpdir(), `drover-bench-agents-${mode}-`));
    try {
      const dataDir = join(dir, 'data');
      const seedAt = performance.now();
      schema = DATABASE_URL === '' ? undefined : `drover_bench_agents_${mode}_${process.pid}`;
      setStoreEnv(schema === undefined ? {} : { DROVER_DATABASE_URL: DATABASE_URL, DROVER_DATABASE_SCHEMA: schema });
      const store = await createStore(schema === undefined ? { kind: 'sqlite', dataDir } : { kind: 'postgres', connectionString: DATABASE_URL, schema });
      const seeded = await seedNodes(store, { dataDir, count: agentsOf(mode) });
      await store.close();
      const seedS = (performance.now() - seedAt) / 1000;
      log(`${mode}: seeded ${agentsOf(mode)} Nodes and credentials in ${seedS.toFixed(1)} s`);
      Object.assign(results, await runMode(mode, seeded, dataDir), { [`seed_s${mode === 'tls' ? '_tls' : ''}`]: Math.round(seedS * 10) / 10 });
    } finally {
      await rm(dir, { recursive: true, force: true });
      if (schema !== undefined) await dropSchema(DATABASE_URL, schema);
    }
  }
  results.elapsed_s = Math.round((performance.now() - t0) / 100) / 10;
  printTable(results, MODES.map((m) => ({ mode: m, agents: agentsOf(m) })), K);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (err: unknown) => {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    killAll();
    process.exit(1);
  },
);
