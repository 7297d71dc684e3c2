import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { tcpTarget } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { startTunnelEndpoint } from './test-support/servers.ts';

describe('an agent process killed mid-transfer (real sockets)', () => {
  it('fails every open stream with a code, within the liveness timeout', async () => {
    // A target that never answers: the streams stay busy until the kill.
    const held: Socket[] = [];
    const target = createServer((s) => held.push(s));
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    const port = (target.address() as AddressInfo).port;
    const limits = { pingIntervalMs: 100, deadPeerTimeoutMs: 500 };
    const endpoint = await startTunnelEndpoint({ session: { limits } });
    const next = endpoint.nextSession();
    const child = spawn(process.execPath, [fileURLToPath(new URL('./test-support/child-agent.ts', import.meta.url)), endpoint.url, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const server = await next;
      const streams = await Promise.all([1, 2, 3].map(() => server.openStream(tcpTarget('127.0.0.1', port))));
      const errors = streams.map((s) => new Promise<Error & { code?: string }>((r) => s.once('error', r)));
      for (const s of streams) s.write(Buffer.alloc(256 * 1024));
      const killedAt = Date.now();
      child.kill('SIGKILL');
      const got = await Promise.all(errors);
      for (const e of got) expect([TunnelErrorCodes.SESSION_CLOSED, TunnelErrorCodes.PEER_TIMEOUT]).toContain(e.code);
      expect(Date.now() - killedAt).toBeLessThan(limits.deadPeerTimeoutMs + 2 * limits.pingIntervalMs);
      expect(server.state).toBe('closed');
    } finally {
      child.kill('SIGKILL');
      for (const s of held) s.destroy();
      target.close();
      await endpoint.close();
    }
  });
});
