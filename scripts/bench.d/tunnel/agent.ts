/**
 * The agent process: dials the tunnel server's WebSocket and runs a
 * client-role Session whose dial policy allows only the target's ports.
 * Started with --expose-gc so the orchestrator can settle it before reading
 * its idle RSS.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { allowTargets, connectTunnel, type Session } from '@drover/tunnel';
import { profilerHandlers } from './inspector-prof.ts';
import { serve } from './rpc.ts';

export interface AgentInit {
  url: string;
  ports: number[];
  caPem?: string;
  /** ws client option generateMask: (mask) => mask.fill(0) — measured, not adopted. */
  zeroMask?: boolean;
}

let session: Session | undefined;

serve({
  ...profilerHandlers,
  async init(p: AgentInit): Promise<null> {
    // The product's own connect path: a wss agent masks with a zero key; plain ws masks
    // only when asked (production agents always dial wss, so the server side sees
    // unmasked frames whether TLS ends at a terminator or at the server).
    const policy = allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: p.ports }]);
    session = await connectTunnel({
      url: p.url,
      ...(p.caPem ? { ca: p.caPem } : {}),
      maskFrames: !p.zeroMask,
      session: { dialPolicy: policy },
    });
    await session.ready();
    void session.closed.then((err) => {
      process.stderr.write(`[agent] session closed: ${err?.message ?? 'clean'}\n`);
    });
    return null;
  },

  /** Forces garbage collection and lets the heap settle. */
  async settle(): Promise<null> {
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < 3; i++) {
      gc?.();
      await sleep(100);
    }
    return null;
  },

  stats: () => ({ openStreams: session?.openStreams ?? 0, state: session?.state ?? 'none', heapUsedMiB: process.memoryUsage().heapUsed / 1048576 }),
});
