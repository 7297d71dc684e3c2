/**
 * The command channel against the real server: once the agent connects, the server opens the
 * channel and the Node's status shows the managed containers and Docker facts of the (fake)
 * engine, follows their changes without an agent restart, and is not rewritten while nothing
 * changes, comes back after a reconnect, and never holds a GOAWAY drain. The real engine is the NAT end-to-end suite's (test/e2e/06-command-channel.test.ts).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from './agent.ts';
import { parseAgentConfig } from './config.ts';
import { fakeDocker, memoryLogger } from './test-support/fakes.ts';
import { startRealServer, type RealServer } from './test-support/real-server.ts';

const FAKE_ENGINE = ['--docker-host', 'tcp://fake-engine.invalid:2375'];
let server: RealServer;

beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server?.close();
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const managed = (name: string, image: string, state: string) => ({ Id: `id-${name}`, Names: [`/${name}`], Image: image, State: state, Created: 1, Labels: { 'drover.dev/managed': 'true' } });

describe('command channel ↔ real server', () => {
  it('the Node status shows the managed containers and follows them, written only on change', async () => {
    const argv = await server.nodeCommandArgv('status');
    const config = { ...parseAgentConfig([...argv, ...FAKE_ENGINE, '--node-name', 'host-s', '--config-dir', join(server.dir, 'etc-s')], {}), statusPollMs: 50 };
    const docker = fakeDocker({ containers: [managed('etcd', 'registry.k8s.io/etcd:3.5.16-0', 'running'), { Id: 'mine', Names: ['/not-managed'], Created: 1, Labels: {} }] });
    const agent = await startAgent(config, { docker, log: memoryLogger().log, hostname: 'host-s', selfFiles: () => Promise.resolve({}) });
    const node = async () => (await server.api('GET', '/namespaces/prod/nodes/host-s')).body;
    try {
      const first = await until('etcd in the Node status', node, (n) => n.status?.state === 'Connected' && Array.isArray(n.status.containers) && n.status.containers.length === 1);
      expect(first.status?.containers).toEqual([{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0', state: 'running', health: 'unknown' }]);

      // Idle: twenty polls find nothing new, and the Node is not written.
      const rv = first.metadata?.resourceVersion;
      await new Promise((r) => setTimeout(r, 1000));
      expect((await node()).metadata?.resourceVersion).toBe(rv);

      // A container started by hand and a state change show without an agent restart.
      docker.containers.push(managed('by-hand', 'busybox:1.36', 'created'));
      docker.containers[0]!.State = 'exited';
      const changed = await until('the change in the Node status', node, (n) => (n.status?.containers as unknown[] | undefined)?.length === 2);
      expect(changed.status?.containers).toEqual([
        { name: 'by-hand', image: 'busybox:1.36', state: 'created', health: 'unknown' },
        { name: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0', state: 'exited', health: 'unknown' },
      ]);

      // Docker facts are refreshed through the channel too.
      const info = docker.info;
      docker.info = async () => ({ ...(await info()), ServerVersion: '29.0.0' });
      await until('the new engine version', node, (n) => (n.status?.docker as { version?: string } | undefined)?.version === '29.0.0');

      // Server code reaches the node's channel directly.
      const status = await server.app.drover.agents.channel('prod', 'host-s').getStatus();
      expect(status.containers?.map((c) => c.name)).toEqual(['by-hand', 'etcd']);

      // The server ends the session (GOAWAY): the open channel does not hold the drain for its grace.
      let t = Date.now();
      await server.app.drover.agents.closeNode('prod', 'host-s', 'test: closing the session', { graceMs: 5000 });
      expect(Date.now() - t).toBeLessThan(2000);
      // The agent reconnects; the new session's channel reports what changed meanwhile.
      docker.containers.splice(0, 1);
      await until('the reconnected channel\'s report', node, (n) => n.status?.state === 'Connected' && (n.status.containers as unknown[] | undefined)?.length === 1);
      expect((await node()).status?.containers).toEqual([{ name: 'by-hand', image: 'busybox:1.36', state: 'created', health: 'unknown' }]);

      // The agent goes away (GOAWAY from its side): the server ends the channel, the drain is quick.
      t = Date.now();
      await agent.close({ graceMs: 5000 });
      expect(Date.now() - t).toBeLessThan(2000);
    } finally {
      await agent.close({ graceMs: 200 });
    }
    const channelState = (): string => {
      try {
        server.app.drover.agents.channel('prod', 'host-s');
        return 'open';
      } catch (err) {
        return (err as { code?: string }).code ?? 'unknown';
      }
    };
    await expect.poll(channelState, { timeout: 5000 }).toBe('DROVER_ERR_NODE_CHANNEL_UNAVAILABLE');
  });
});
