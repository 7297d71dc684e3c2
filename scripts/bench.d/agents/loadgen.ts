/**
 * One load-generator process of `./scripts/bench agents`: a slice of the simulated agents, each
 * a real `TunnelClient` (Hello, heartbeats, jittered backoff, the agent's command channel served
 * by the agent's own service host with a fixed status) presenting a seeded node credential from
 * its own 127.0.x.y source address. Answers the orchestrator over IPC (tunnel/rpc.ts).
 */
import { AGENT_CHANNEL_SERVICE } from '@drover/protocol';
import { createServiceHost, DEFAULTS as AGENT_DEFAULTS } from '@drover/agent';
import { allowTargets, TunnelClient, type TunnelError } from '@drover/tunnel';
import type { SeededNode } from '@drover/server/testing';
import { serve } from '../tunnel/rpc.ts';

export interface LoadgenInit {
  url: string;
  caPem?: string;
  agents: SeededNode[];
  /** Source address of the agent with index i in this process. */
  sourceBase: number;
}

interface Agent {
  client: TunnelClient;
  connected: boolean;
  /** HTTP refusals (4xx/5xx answers to the upgrade) since the last reset. */
  refusals: number;
  /** Connect attempts that failed any way since the last reset. */
  failures: number;
}

const agents: Agent[] = [];
let firstError: string | undefined;
/** Failed attempts by kind (HTTP status, errno code or TunnelError code). */
let errorKinds: Record<string, number> = {};
function kindOf(err: Error): string {
  const status = (err as TunnelError).details?.status;
  if (typeof status === 'number') return `HTTP ${status}`;
  for (let e: unknown = err, d = 0; e instanceof Error && d < 5; e = e.cause, d++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && !code.startsWith('DROVER_')) return code;
  }
  return (err as TunnelError).code ?? err.message.slice(0, 60);
}
let connectedCount = 0;
const quietLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as const;

/** 127.<a>.<b>.<c> for agent i of process p: up to 250 agents per address, spread over many addresses. */
function sourceAddress(base: number, i: number): string {
  const n = base * 100 + Math.floor(i / 250);
  return `127.${10 + Math.floor(n / 250)}.${(n % 250) + 1}.${(i % 250) + 1}`;
}

const docker = { engineId: '', version: '27.3.1', storageDriver: 'overlay2', cgroupDriver: 'systemd', os: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0', cpus: 4, memoryBytes: 8 * 2 ** 30 };

serve({
  init(p: LoadgenInit): number {
    const policy = allowTargets([{ kind: 'service', name: AGENT_CHANNEL_SERVICE }]);
    for (const [i, seeded] of p.agents.entries()) {
      const status = { docker: { ...docker, engineId: seeded.engineId }, containers: [] };
      const services = new Map([
        [
          AGENT_CHANNEL_SERVICE,
          createServiceHost(
            {
              getStatus: () => Promise.resolve({ status }),
              // Nothing on this simulated host changes: the watch stays open without events.
              watchStatus: (_req, ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason as Error), { once: true })),
            },
            { log: quietLog },
          ),
        ],
      ]);
      const nodeInfo = Buffer.from(JSON.stringify({ docker: status.docker, address: '', internalAddress: '' })).toString('base64');
      const client = new TunnelClient({
        url: p.url,
        ...(p.caPem === undefined ? {} : { ca: p.caPem }),
        localAddress: sourceAddress(p.sourceBase, i),
        headers: { authorization: `Bearer ${seeded.credential}`, 'x-drover-engine-id': seeded.engineId, 'x-drover-agent-version': 'bench', 'x-drover-node-info': nodeInfo },
        backoff: { baseMs: AGENT_DEFAULTS.backoffBaseMs, capMs: AGENT_DEFAULTS.backoffCapMs },
        // 30 s, not the agent's 10 s: these agents share two cores, so their own half of 10,000
        // TLS handshakes (~2 ms of CPU each) alone takes ~20 s here, where real agents each have
        // a CPU of their own. The bench tells the server to queue handshakes as long (agents.ts).
        connectTimeoutMs: 30_000,
        session: { dialPolicy: policy, services },
      });
      const agent: Agent = { client, connected: false, refusals: 0, failures: 0 };
      client.on('session', (session) => {
        agent.connected = true;
        connectedCount++;
        void session.closed.then(() => {
          agent.connected = false;
          connectedCount--;
        });
      });
      client.on('retry', ({ error }) => {
        if (error === undefined || agent.connected) return;
        agent.failures++;
        firstError ??= error.message;
        const kind = kindOf(error);
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        if ((error as TunnelError).details?.status !== undefined) agent.refusals++;
      });
      agents.push(agent);
    }
    return agents.length;
  },

  /** Starts every agent at once (a cold start of the whole fleet). */
  start(): null {
    for (const a of agents) a.client.start();
    return null;
  },

  resetCounts(): null {
    for (const a of agents) {
      a.refusals = 0;
      a.failures = 0;
    }
    firstError = undefined;
    errorKinds = {};
    return null;
  },

  stats() {
    let refusedTwice = 0;
    let maxRefusals = 0;
    let failures = 0;
    for (const a of agents) {
      if (a.refusals > 1) refusedTwice++;
      maxRefusals = Math.max(maxRefusals, a.refusals);
      failures += a.failures;
    }
    return { connected: connectedCount, agents: agents.length, refusedTwice, maxRefusals, failures, rssMiB: process.memoryUsage().rss / 2 ** 20, errorKinds, ...(firstError === undefined ? {} : { firstError }) };
  },

  /** Streams open on the agents' side (one command channel per session expected). */
  streams() {
    let open = 0;
    for (const a of agents) open += a.client.session?.openStreams ?? 0;
    return { open };
  },

  stop(): null {
    for (const a of agents) a.client.destroy();
    return null;
  },
});
