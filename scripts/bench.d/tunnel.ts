/**
 * ./scripts/bench tunnel [--seconds N] [--relay] [--profile] [--agent bundle|ts] [--agent-flags FLAGS] [--verbose]
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
 *
 * This entry point owns the command line and the child processes (killed on
 * exit, on a signal and after a hard deadline); tunnel/measure.ts runs the
 * tests, tunnel/metrics.ts holds the table of figures and goals, and
 * tunnel/report.ts prints and writes the result.
 */
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { agentImageNodeFlags } from './agent-image-flags.ts';
import { MIN_BULK_MS, measure } from './tunnel/measure.ts';
import { report } from './tunnel/report.ts';
import { Child } from './tunnel/rpc.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HERE = fileURLToPath(new URL('./tunnel/', import.meta.url));

const USAGE = `usage: scripts/bench tunnel [--seconds N] [--relay] [--profile] [--agent bundle|ts] [--agent-flags FLAGS] [--verbose]
  --seconds N       time budget in seconds (default 45, at least 10): the bulk phases get what start-up and the
                    count-based tests leave, but at least ${MIN_BULK_MS} ms each, so a small budget overruns
  --relay           also measure a floor: two plain TCP relay processes in the tunnel's place (no WebSocket,
                    no framing); costs about a third more time
  --profile         profile the plain-ws server and agent (V8 CPU profiler, during the measured ws phases only)
                    and print their top self-time functions; files in bench-results/profiles-tunnel-<timestamp>/
  --agent MODE      bundle (default; esbuild bundle as the container image runs it) or ts (Node type-stripping
                    the sources; the default with --profile, for readable profiles)
  --agent-flags F   Node/V8 flags for the agent processes, space-separated (e.g. "--max-semi-space-size=2"),
                    instead of the agent image's (deploy/agent/Dockerfile ENTRYPOINT, the default); "" for none
  --verbose         log every phase to stderr`;

function parseCli() {
  return parseArgs({
    options: {
      seconds: { type: 'string', default: '45' },
      relay: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      agent: { type: 'string' },
      'agent-flags': { type: 'string' },
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

const t0 = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);

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

async function main(): Promise<void> {
  const agentMode = AGENT_MODE as 'bundle' | 'ts';
  const agentFlags = args['agent-flags'] === undefined ? agentImageNodeFlags() : args['agent-flags'].split(/\s+/).filter((f) => f !== '');
  const measurements = await measure({
    seconds: SECONDS,
    relay: args.relay,
    profile: args.profile,
    agentMode,
    agentFlags,
    t0,
    profileDir,
    log,
    verbose: (msg) => {
      if (args.verbose) log(msg);
    },
    spawn,
    onExit: (cleanup) => cleanups.push(cleanup),
  });
  // Stop everything before reporting (the hard deadline and the exit handler kill what does not stop).
  await Promise.all(children.map((c) => c.stop()));
  report(measurements, {
    seconds: SECONDS,
    relay: args.relay,
    profile: args.profile,
    agentMode,
    agentFlags,
    root: ROOT,
    profileDir,
    stamp,
    elapsedS: (performance.now() - t0) / 1000,
  });
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
