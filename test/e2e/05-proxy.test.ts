/* eslint-disable @typescript-eslint/no-unsafe-member-access -- API bodies are arbitrary JSON walked by assertions */
/**
 * End to end behind NAT: an agent that reaches the server only through an HTTP CONNECT proxy
 * (HTTPS_PROXY in the node command, from the cluster's spec.proxy). Opt-in and shared as
 * 01-refusals.test.ts says; joins host3 and starts its service itself when run alone.
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '@drover/server/testing';
import { tcpTarget } from '@drover/tunnel';
import { readAll, until } from './support/process.ts';
import { agentContainers, docker, env, hostFs, hostName, onHost } from './support/hosts.ts';
import { ENABLED, SERVICE_PORT, e2e, ensureJoined, ensureService, printTimings, suiteTitle, type E2e } from './support/e2e.ts';

describe.skipIf(!ENABLED)(suiteTitle('agents behind NAT: through an HTTP proxy'), () => {
  let ctx: E2e;
  const timings: Record<string, number> = {};
  beforeAll(async () => {
    ctx = await e2e();
    await ensureJoined(ctx, [3]);
    await ensureService(3);
  }, 240_000);
  afterAll(() => printTimings('05-proxy', timings));

  it('an agent behind an HTTP proxy: HTTPS_PROXY in the node command (cluster spec.proxy); it connects through the proxy', async () => {
    // A CONNECT proxy on the central address (the hosts can reach nothing else).
    const connects: string[] = [];
    const tunnels = new Set<Socket>();
    const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      connects.push(req.url ?? '');
      tunnels.add(client);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, env.TB_CENTRAL_IP, r));
    const proxyUrl = `http://${env.TB_CENTRAL_IP}:${(proxy.address() as AddressInfo).port}`;
    try {
      const cluster = await api(ctx.s, 'POST', '/clusters', {
        apiVersion: 'management.drover.dev/v1',
        kind: 'Cluster',
        metadata: { name: 'e2e-proxy' },
        spec: { proxy: { httpsProxy: proxyUrl }, privateRegistries: [{ url: env.TB_REGISTRY, default: true }] },
      });
      expect(cluster.status, JSON.stringify(cluster.body)).toBe(201);
      const rt = await api(ctx.s, 'POST', '/namespaces/e2e-proxy/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'join' }, spec: {} });
      expect(rt.status, JSON.stringify(rt.body)).toBe(201);
      const command = rt.body.status.nodeCommand as string;
      expect(command).toContain(`-e HTTPS_PROXY=${proxyUrl}`);
      // host3 is registered in cluster "e2e" already, and an agent that finds a node.json for this
      // server and engine reuses it whatever cluster the new token is for (it would reconnect as
      // e2e/drover-tb-host3). Join it as a fresh host: empty its /etc/drover in place.
      await docker(3, ['rm', '-f', ...(await agentContainers(3))]);
      const etc3 = join(hostFs(3), 'etc/drover');
      for (const f of await readdir(etc3)) await rm(join(etc3, f), { recursive: true, force: true });
      const start = Date.now();
      const r = await onHost(3, command);
      expect(r.code, r.stderr).toBe(0);
      try {
        await until('host3 Connected in cluster e2e-proxy', 60_000, async () => {
          const res = await api(ctx.s, 'GET', `/namespaces/e2e-proxy/nodes/${hostName(3)}`);
          return res.status === 200 && res.body.status?.state === 'Connected' ? true : undefined;
        });
      } catch (err) {
        const logs = await docker(3, ['logs', '--tail', '30', r.stdout.trim()]);
        console.log(`proxy CONNECTs: ${connects.join(', ')}\nagent logs:\n${logs.stdout}${logs.stderr}`);
        throw err;
      }
      timings['host3 via proxy docker run -> Connected'] = Date.now() - start;
      console.log(`proxy CONNECTs: ${connects.join(', ')}`);
      expect(connects).toContain(`${env.TB_CENTRAL_IP}:${ctx.serverPort}`);
      expect(await agentContainers(3)).toHaveLength(1);
      const stream = await ctx.s.app.drover.agents.dialNode('e2e-proxy', hostName(3), tcpTarget('127.0.0.1', SERVICE_PORT), { timeoutMs: 5000 });
      expect(await readAll(stream, 'GET / HTTP/1.0\r\n\r\n')).toContain('hello-from-host3');
    } finally {
      for (const c of tunnels) c.destroy(); // CONNECT sockets are no longer the server's to close
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  }, 120_000);
});
