/**
 * The proxy benchmark's agent, a child process of scripts/bench.d/proxy.ts: one tunnel session
 * to the server as a registered node (its credential), allowing only the stand-in's port, as the
 * agent container does on a control-plane host (its own process, its own event loop). Receives
 * an {@link AgentConfig} over IPC, answers `connected` once the session is up, and exits when the
 * parent goes.
 */
import { allowTargets, connectTunnel } from '@drover/tunnel';

export interface AgentConfig {
  /** wss://127.0.0.1:<port>/v1/agent/tunnel */
  url: string;
  caChecksum: string;
  credential: string;
  engineId: string;
  apiserverPort: number;
}

process.once('message', (cfg: AgentConfig) => {
  const info = Buffer.from(JSON.stringify({ docker: { engineId: cfg.engineId, version: '28.2.2' }, address: '10.0.0.6', hostname: 'bench-agent' })).toString('base64');
  connectTunnel({
    url: cfg.url,
    caChecksum: cfg.caChecksum,
    headers: { authorization: `Bearer ${cfg.credential}`, 'x-drover-engine-id': cfg.engineId, 'x-drover-agent-version': '0.1.0', 'x-drover-node-info': info },
    session: { dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [cfg.apiserverPort] }]) },
  }).then(
    (session) => {
      session.on('close', () => process.exit(0));
      process.send!('connected');
    },
    (err: unknown) => {
      process.stderr.write(`agent: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
});
process.on('disconnect', () => process.exit(0));
