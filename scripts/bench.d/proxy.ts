/**
 * ./scripts/bench proxy [--rounds N] [--requests N] [--newconn N] [--events N] [--dials N]
 *
 * What the Kubernetes API proxy (`/k8s/clusters/<c>/…`) adds to a kubectl-style GET, against the
 * same stand-in kube-apiserver (real etcd) reached directly, in one run. This process hosts the
 * Drover server with a connected agent tunnel (in-process, as the proxy tests set it up:
 * `startProxyEnv`, log level info as in production, lines discarded); the stand-in and etcd run as
 * their own processes; the client is a child process (proxy/loadgen.ts). Phases:
 *  - latency: GET /api/v1/namespaces/default, keep-alive and one new TLS connection per request,
 *    direct and proxied, alternating per round (see loadgen.ts);
 *  - watch: one watch per path while ConfigMaps are created on the apiserver; events/s;
 *  - upstream dial: what the proxy pays for a new upstream connection (a tunnel stream open, then
 *    TLS with Drover's client certificate over it), next to TCP + TLS straight to the stand-in.
 * Table on stdout, the JSON object as the last line (also bench-results/proxy-<stamp>.json).
 * See docs/bench-proxy.md.
 */
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { issueCertificate } from '@drover/pki';
import { RESOURCES } from '@drover/server';
import { api, register, startProxyEnv } from '@drover/server/testing';
import { tcpTarget } from '@drover/tunnel';
import type { AgentConfig } from './proxy/agent.ts';
import type { LoadConfig, LoadResult, PathConfig } from './proxy/loadgen.ts';
import { quantile } from './tunnel/stats.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = `usage: scripts/bench proxy [--rounds N] [--requests N] [--newconn N] [--events N] [--dials N]
  --rounds N     measured rounds (default 8; one more warm-up round runs first)
  --requests N   keep-alive GETs per path per round (default 200)
  --newconn N    new-connection GETs per path per round (default 40)
  --events N     ConfigMaps written for the watch phase (default 2000)
  --dials N      upstream dials measured per path (default 100)
  --log-level L  the server's log level (default info, as in production; lines are discarded)
  --agent-in-server  the agent session in the server's process (as the proxy tests run it) instead of its own process`;

const GOALS = { added_p50_keepalive_us: 600, added_p50_newconn_us: 1000 };
/** The user the proxied requests run as (an owner of c1: a membership lookup, impersonated as drover:cluster-owners). */
const USER = 'olga';
const OWNER_GROUP = 'drover:cluster-owners';

let args: Record<string, string | boolean | undefined>;
try {
  args = parseArgs({ options: { rounds: { type: 'string', default: '8' }, requests: { type: 'string', default: '200' }, newconn: { type: 'string', default: '40' }, events: { type: 'string', default: '2000' }, dials: { type: 'string', default: '100' }, 'log-level': { type: 'string', default: 'info' }, 'agent-in-server': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } }, strict: true }).values;
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
  process.exit(2);
}
if (args.help === true) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const num = (name: string): number => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) {
    process.stderr.write(`--${name}: a whole number from 1 to 100000\n${USAGE}\n`);
    process.exit(2);
  }
  return n;
};
const cfgNums = { rounds: num('rounds'), requests: num('requests'), newconn: num('newconn'), events: num('events'), dials: num('dials') };
const t0 = performance.now();
const log = (msg: string): void => void process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);
setTimeout(() => {
  log('still running after 600 s: giving up');
  process.exit(1);
}, 600_000).unref();

const loadBefore = loadavg();
log('starting etcd, the stand-in apiserver, the server and an agent');
// Production timings (config.ts DEFAULTS) instead of the tests' fast heartbeats and per-pong RTT writes.
const PRODUCTION_TIMINGS = { DROVER_TUNNEL_PING_INTERVAL_MS: '15000', DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '45000', DROVER_TUNNEL_GOAWAY_GRACE_MS: '5000', DROVER_NODE_RTT_WRITE_INTERVAL_MS: '30000' };
const env = await startProxyEnv({ env: PRODUCTION_TIMINGS, log: { level: String(args['log-level']), keep: false } });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void env.close().finally(() => process.exit(130));
  });
}
const AGENT_IN_SERVER = args['agent-in-server'] === true;
/** The control-plane node the proxy reaches the stand-in through. */
let NODE = 'cp1';
try {
  if (!AGENT_IN_SERVER) NODE = await agentInItsOwnProcess();
  const user = await env.s.t.store.get(RESOURCES.users, '', USER);
  const standinPort = Number(new URL(env.standin.url).port);
  const clientCert = await issueCertificate(env.standin.ca, { commonName: 'drover', organization: ['system:masters'], usages: 'client' });
  const direct: PathConfig = {
    name: 'direct',
    origin: env.standin.url,
    prefix: '',
    ca: env.standin.ca.certPem,
    cert: clientCert.certPem,
    key: clientCert.keyPem,
    // What the proxy sends for this user (proxy/headers.ts), so the apiserver does the same work on both paths.
    headers: { 'impersonate-user': USER, 'impersonate-uid': user.metadata.uid, 'impersonate-group': OWNER_GROUP },
  };
  const proxied: PathConfig = { name: 'proxied', origin: env.s.url, prefix: '/k8s/clusters/c1', ca: env.s.app.drover.caPem, headers: { authorization: `Bearer ${env.tokens[USER]!}` } };

  log(`latency: ${cfgNums.rounds} rounds (+1 warm-up) × ${cfgNums.requests} keep-alive + ${cfgNums.newconn} new-connection GETs per path; then the watch (${cfgNums.events} events)`);
  const child = fork(join(ROOT, 'scripts/bench.d/proxy/loadgen.ts'), [], { execArgv: ['--disable-warning=ExperimentalWarning'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const load: LoadConfig = { paths: [direct, proxied], rounds: cfgNums.rounds, keepAlivePerBlock: cfgNums.requests, newConnPerBlock: cfgNums.newconn, events: cfgNums.events, writeConcurrency: 8 };
  const result = await new Promise<LoadResult>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('exit', (code) => reject(new Error(`the load generator exited ${code}`)));
    child.send(load);
  });
  if (result.whoami.direct !== result.whoami.proxied) throw new Error(`the paths present different identities: direct ${result.whoami.direct}, proxied ${result.whoami.proxied}`);

  log(`upstream dial: ${cfgNums.dials} per path`);
  const dials = await upstreamDials(cfgNums.dials, standinPort);
  const loadAfter = loadavg();

  const s = result.samples;
  const q = (xs: number[], p: number): number => Math.round(quantile(xs, p));
  const diffMedian = (pick: (r: { keepAliveUs: number; newConnUs: number }) => number): number => Math.round(quantile(s.proxied.roundP50.map((r, i) => pick(r) - pick(s.direct.roundP50[i]!)), 0.5));
  const w = result.watch;
  const out = {
    bench: 'proxy',
    added_p50_keepalive_us: q(s.proxied.keepAliveUs, 0.5) - q(s.direct.keepAliveUs, 0.5),
    added_p50_newconn_us: q(s.proxied.newConnUs, 0.5) - q(s.direct.newConnUs, 0.5),
    added_p99_keepalive_us: q(s.proxied.keepAliveUs, 0.99) - q(s.direct.keepAliveUs, 0.99),
    added_p99_newconn_us: q(s.proxied.newConnUs, 0.99) - q(s.direct.newConnUs, 0.99),
    watch_events_per_s: Math.round(w.events / (w.proxiedMs / 1000)),
    added_p50_keepalive_round_median_us: diffMedian((r) => r.keepAliveUs),
    added_p50_newconn_round_median_us: diffMedian((r) => r.newConnUs),
    direct_p50_keepalive_us: q(s.direct.keepAliveUs, 0.5),
    proxied_p50_keepalive_us: q(s.proxied.keepAliveUs, 0.5),
    direct_p99_keepalive_us: q(s.direct.keepAliveUs, 0.99),
    proxied_p99_keepalive_us: q(s.proxied.keepAliveUs, 0.99),
    direct_p50_newconn_us: q(s.direct.newConnUs, 0.5),
    proxied_p50_newconn_us: q(s.proxied.newConnUs, 0.5),
    direct_p50_handshake_us: q(s.direct.handshakeUs, 0.5),
    proxied_p50_handshake_us: q(s.proxied.handshakeUs, 0.5),
    samples_keepalive: s.direct.keepAliveUs.length,
    samples_newconn: s.direct.newConnUs.length,
    watch_events: w.events,
    watch_direct_events_per_s: Math.round(w.events / (w.directMs / 1000)),
    watch_writes_per_s: Math.round(w.events / (w.writesMs / 1000)),
    watch_proxied_lag_after_last_write_ms: Math.round(w.proxiedLagMs),
    watch_direct_lag_after_last_write_ms: Math.round(w.directLagMs),
    upstream_stream_open_p50_us: dials.streamOpenP50,
    upstream_tls_over_tunnel_p50_us: dials.tlsOverTunnelP50,
    upstream_dial_p50_us: dials.tunnelTotalP50,
    upstream_tls_resumed_over_tunnel_p50_us: dials.resumedTlsOverTunnelP50,
    upstream_tls_resumed_share: Number(dials.resumedShare.toFixed(2)),
    direct_tcp_connect_p50_us: dials.tcpP50,
    direct_tls_over_tcp_p50_us: dials.tlsOverTcpP50,
    direct_dial_p50_us: dials.directTotalP50,
    goals_missed: Object.entries(GOALS)
      .filter(([k, goal]) => (k === 'added_p50_keepalive_us' ? q(s.proxied.keepAliveUs, 0.5) - q(s.direct.keepAliveUs, 0.5) : q(s.proxied.newConnUs, 0.5) - q(s.direct.newConnUs, 0.5)) > goal)
      .map(([k]) => k),
    log_level: String(args['log-level']),
    agent: AGENT_IN_SERVER ? 'in the server process' : 'own process',
    loadavg_1m_before: Number(loadBefore[0]!.toFixed(2)),
    loadavg_1m_after: Number(loadAfter[0]!.toFixed(2)),
    node: process.version,
  };
  const row = (label: string, d: number, p: number): string => `  ${label.padEnd(34)}${String(d).padStart(10)}${String(p).padStart(10)}${String(p - d).padStart(10)}`;
  console.log(`Kubernetes API proxy vs the stand-in apiserver direct (µs; node ${process.version}; agent: ${out.agent}; load ${out.loadavg_1m_before} → ${out.loadavg_1m_after})`);
  console.log(`  ${''.padEnd(34)}${'direct'.padStart(10)}${'proxied'.padStart(10)}${'added'.padStart(10)}`);
  console.log(row(`GET keep-alive p50 (n=${out.samples_keepalive})`, out.direct_p50_keepalive_us, out.proxied_p50_keepalive_us));
  console.log(row('GET keep-alive p99', out.direct_p99_keepalive_us, out.proxied_p99_keepalive_us));
  console.log(row(`GET new connection p50 (n=${out.samples_newconn})`, out.direct_p50_newconn_us, out.proxied_p50_newconn_us));
  console.log(row('GET new connection p99', q(s.direct.newConnUs, 0.99), q(s.proxied.newConnUs, 0.99)));
  console.log(row('  of which TLS handshake p50', out.direct_p50_handshake_us, out.proxied_p50_handshake_us));
  console.log(`  median of per-round added p50: keep-alive ${out.added_p50_keepalive_round_median_us}, new connection ${out.added_p50_newconn_round_median_us}`);
  console.log(`  goals: added p50 keep-alive ≤ ${GOALS.added_p50_keepalive_us}, new connection ≤ ${GOALS.added_p50_newconn_us}; missed: ${out.goals_missed.length === 0 ? 'none' : out.goals_missed.join(', ')}`);
  console.log(`Watch: ${w.events} ConfigMaps created (${out.watch_writes_per_s}/s, 8 writers, direct); events/s: proxied ${out.watch_events_per_s}, direct ${out.watch_direct_events_per_s}; last event after the last write: proxied ${out.watch_proxied_lag_after_last_write_ms} ms, direct ${out.watch_direct_lag_after_last_write_ms} ms`);
  console.log(`Upstream dial p50 (a new pooled connection; in the server process): tunnel stream ${out.upstream_stream_open_p50_us} + TLS ${out.upstream_tls_over_tunnel_p50_us} = ${out.upstream_dial_p50_us} (TLS resuming the last session: ${out.upstream_tls_resumed_over_tunnel_p50_us}, ${Math.round(out.upstream_tls_resumed_share * 100)} % resumed); direct TCP ${out.direct_tcp_connect_p50_us} + TLS ${out.direct_tls_over_tcp_p50_us} = ${out.direct_dial_p50_us}`);
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  await writeFile(join(ROOT, 'bench-results', `proxy-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ ...out, config: cfgNums }, null, 2));
  console.log(JSON.stringify(out));
} finally {
  await env.close();
}
process.exit(0);

/**
 * Registers control-plane node `cp2` in c1, connects its agent from a child process
 * (proxy/agent.ts), then ends the harness's in-process session of `cp1`, so the proxy's only
 * connected control-plane node is the separate agent, as in production. Returns `cp2`.
 */
async function agentInItsOwnProcess(): Promise<string> {
  const rt = await api(env.s, 'POST', '/namespaces/c1/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'bench-agent' } });
  if (rt.status !== 201) throw new Error(`registration token: ${rt.status} ${JSON.stringify(rt.body)}`);
  const reg = await register(env.s, String((rt.body as { status: { token: string } }).status.token), 'cp2', 'ENG-bench-cp2');
  if (reg.status >= 300) throw new Error(`register cp2: ${reg.status} ${JSON.stringify(reg.body)}`);
  const agent = fork(join(ROOT, 'scripts/bench.d/proxy/agent.ts'), [], { execArgv: ['--disable-warning=ExperimentalWarning'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  process.once('exit', () => agent.kill());
  const cfg: AgentConfig = { url: `${env.s.url.replace('https:', 'wss:')}/v1/agent/tunnel`, caChecksum: env.s.app.drover.caChecksum, credential: String((reg.body as { credential: string }).credential), engineId: 'ENG-bench-cp2', apiserverPort: Number(new URL(env.standin.url).port) };
  await new Promise<void>((resolve, reject) => {
    agent.once('message', () => resolve());
    agent.once('exit', (code) => reject(new Error(`the agent exited ${code}`)));
    agent.send(cfg);
  });
  const agents = env.s.app.drover.agents;
  for (const session of env.sessions) session.destroy();
  const deadline = Date.now() + 10_000;
  while (agents.session('c1', 'cp2') === undefined || agents.session('c1', 'cp1') !== undefined) {
    if (Date.now() > deadline) throw new Error('cp2 did not connect, or cp1 did not go');
    await new Promise((r) => setTimeout(r, 20));
  }
  return 'cp2';
}

/** New upstream connections, tunnel and direct alternating: stream open then TLS, TCP connect then TLS. */
async function upstreamDials(n: number, port: number): Promise<{ resumedTlsOverTunnelP50: number; resumedShare: number; streamOpenP50: number; tlsOverTunnelP50: number; tunnelTotalP50: number; tcpP50: number; tlsOverTcpP50: number; directTotalP50: number }> {
  const cert = await env.s.app.drover.clusterCerts.clusterClientCert('c1');
  let ticket: Buffer | undefined;
  const tls = (socket: Duplex, session?: Buffer): Promise<TLSSocket> =>
    new Promise((resolve, reject) => {
      const s = tlsConnect({ socket, ca: cert.caPem, cert: cert.certPem, key: cert.keyPem, servername: 'kubernetes', ALPNProtocols: ['http/1.1'], ...(session === undefined ? {} : { session }) });
      s.on('session', (t: Buffer) => (ticket = t));
      s.once('secureConnect', () => resolve(s));
      s.once('error', reject);
    });
  const open: number[] = [];
  const tlsTunnel: number[] = [];
  const tcp: number[] = [];
  const tlsTcp: number[] = [];
  const resumed: number[] = [];
  let resumedCount = 0;
  for (let i = 0; i < n + 5; i++) {
    const a = performance.now();
    const stream = await env.s.app.drover.agents.dialNode('c1', NODE, tcpTarget('127.0.0.1', port), { timeoutMs: 2000 });
    const b = performance.now();
    ticket = undefined;
    const s1 = await tls(stream);
    const c = performance.now();
    // TLS 1.3 sends the session ticket after the handshake: wait for it (bounded) before closing.
    if (ticket === undefined) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 500);
        s1.once('session', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const ticketOfTunnel = ticket;
    s1.destroy();
    const c2 = performance.now();
    const sock = netConnect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => sock.once('connect', resolve).once('error', reject));
    const d = performance.now();
    const s2 = await tls(sock);
    const e = performance.now();
    s2.destroy();
    // A new tunnel stream resuming the last session (what the proxy's pools do, transport.ts).
    const stream2 = await env.s.app.drover.agents.dialNode('c1', NODE, tcpTarget('127.0.0.1', port), { timeoutMs: 2000 });
    const f = performance.now();
    const s3 = await tls(stream2, ticketOfTunnel);
    const g = performance.now();
    if (s3.isSessionReused()) resumedCount += 1;
    s3.destroy();
    if (i < 5) continue;
    resumed.push((g - f) * 1000);
    open.push((b - a) * 1000);
    tlsTunnel.push((c - b) * 1000);
    tcp.push((d - c2) * 1000);
    tlsTcp.push((e - d) * 1000);
  }
  const p50 = (xs: number[]): number => Math.round(quantile(xs, 0.5));
  const sum = (xs: number[], ys: number[]): number[] => xs.map((x, i) => x + ys[i]!);
  return { resumedTlsOverTunnelP50: p50(resumed), resumedShare: resumedCount / (n + 5), streamOpenP50: p50(open), tlsOverTunnelP50: p50(tlsTunnel), tunnelTotalP50: p50(sum(open, tlsTunnel)), tcpP50: p50(tcp), tlsOverTcpP50: p50(tlsTcp), directTotalP50: p50(sum(tcp, tlsTcp)) };
}
