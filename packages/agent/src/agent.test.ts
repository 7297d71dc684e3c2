import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tcpTarget, unixTarget } from '@drover/tunnel';
import { startAgent, type RunningAgent } from './agent.ts';
import { validateAgentConfig } from './config.ts';
import { DEFAULTS, type AgentConfig } from './config-schema.ts';
import { ENGINE_ID, fakeDocker, memoryLogger } from './test-support/fakes.ts';
import { startFakeServer, type FakeServer } from './test-support/fake-server.ts';
import { startConnectProxy, startEchoServer as startEcho } from '@drover/tunnel/testing';
import { agentFailure } from './test-support/agent-failure.ts';

const TOKEN = 'regtoken-SECRET-0123456789';
const OWN = 'a'.repeat(64);
const mountinfo = `1 0 0:1 /var/lib/docker/containers/${OWN}/hostname /etc/hostname rw - ext4 /dev/sda rw\n`;

let server: FakeServer;
let dir: string;
const running: RunningAgent[] = [];

function config(overrides: Partial<AgentConfig> = {}): AgentConfig {
  return validateAgentConfig({
    ...DEFAULTS, server: server.url, token: TOKEN, caChecksum: server.caChecksum, roles: ['etcd', 'worker'], labels: { tier: 'db' },
    taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }], allow: [], proxy: {}, configDir: dir,
    dockerHost: 'tcp://127.0.0.1:2375', connectTimeoutMs: 5000, backoffBaseMs: 20, backoffCapMs: 200, ...overrides,
  });
}

async function start(cfg: AgentConfig, docker = fakeDocker(), logger = memoryLogger()): Promise<RunningAgent> {
  const agent = await startAgent(cfg, { docker, log: logger.log, hostname: 'Host-1', selfFiles: () => Promise.resolve({ mountinfo }), version: '9.9.9' });
  running.push(agent);
  return agent;
}

beforeAll(async () => {
  server = await startFakeServer();
  server.tokens.set(TOKEN, 'valid');
  server.tokens.set('expired-tok', 'expired');
  server.tokens.set('revoked-tok', 'revoked');
});
afterAll(() => server.close());
afterEach(async () => {
  for (const a of running.splice(0)) await a.close({ graceMs: 100 });
  server.nodes.clear();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('startAgent', () => {
  it('registers per the protocol, stores ca.crt and node.json 0600, and connects the tunnel with the credential', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const logger = memoryLogger();
    const sessionP = server.nextSession();
    const agent = await start(config(), fakeDocker(), logger);
    await sessionP;
    expect(agent.registered).toBe(true);
    const body = server.registrations.at(-1)!;
    expect(body).toMatchObject({
      token: TOKEN, nodeName: 'host-1', roles: ['etcd', 'worker'], labels: { tier: 'db' }, taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }],
      address: '127.0.0.1', internalAddress: '127.0.0.1', agentVersion: '9.9.9', hostname: 'Host-1',
      docker: { version: '28.2.2', engineId: ENGINE_ID, storageDriver: 'overlay2', cgroupDriver: 'systemd', os: 'Debian GNU/Linux 12 (bookworm)', kernel: '6.1.0', cpus: 2, memoryBytes: 25_000_000_000 },
    });
    const node = server.nodes.get('host-1')!;
    const stored = JSON.parse(await readFile(join(dir, 'node.json'), 'utf8')) as Record<string, string>;
    expect(stored).toEqual({ server: server.url, cluster: 'prod', node: 'host-1', credential: node.credential, engineId: ENGINE_ID, caChecksum: server.caChecksum });
    expect(await readFile(join(dir, 'ca.crt'), 'utf8')).toBe(server.caPem);
    for (const f of ['node.json', 'ca.crt']) expect((await stat(join(dir, f))).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['ca.crt', 'node.json']);
    const h = server.upgrades.at(-1)!;
    expect(h.authorization).toBe(`Bearer ${node.credential}`);
    expect(h['x-drover-engine-id']).toBe(ENGINE_ID);
    expect(h['x-drover-agent-version']).toBe('9.9.9');
    const info = JSON.parse(Buffer.from(String(h['x-drover-node-info']), 'base64').toString()) as Record<string, unknown>;
    expect(info).toMatchObject({ address: '127.0.0.1', internalAddress: '127.0.0.1', docker: { engineId: ENGINE_ID, cpus: 2 } });
    // Neither the registration token nor the node credential is ever logged.
    expect(logger.text()).not.toContain(TOKEN);
    expect(logger.text()).not.toContain(node.credential);
    expect(logger.text()).toContain('tunnel connected');
  });

  it('serves only the dial policy: the --allow target yes, the Docker socket and other ports no', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const echo = await startEcho();
    try {
      const sessionP = server.nextSession();
      const logger = memoryLogger();
      await start(config({ allow: [{ host: '127.0.0.1', port: echo.port }] }), fakeDocker(), logger);
      const session = await sessionP;
      const stream = await session.openStream(tcpTarget('127.0.0.1', echo.port));
      stream.end('ping');
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('ping');
      await expect(session.openStream(unixTarget('/var/run/docker.sock'))).rejects.toMatchObject({ code: 'DROVER_ERR_TUNNEL_DIAL_REFUSED' });
      await expect(session.openStream(tcpTarget('127.0.0.1', 2375))).rejects.toMatchObject({ code: 'DROVER_ERR_TUNNEL_DIAL_REFUSED' });
      await expect(session.openStream(tcpTarget('10.0.0.1', 6443))).rejects.toMatchObject({ code: 'DROVER_ERR_TUNNEL_DIAL_REFUSED' });
      expect(logger.text()).toContain('unix:/var/run/docker.sock');
    } finally {
      await echo.close();
    }
  });

  it('goes through HTTPS_PROXY for /cacerts, registration and the tunnel', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const proxy = await startConnectProxy();
    try {
      const sessionP = server.nextSession();
      await start(config({ proxy: { httpsProxy: proxy.url } }));
      await sessionP;
      expect(proxy.connects.length).toBeGreaterThanOrEqual(3);
      expect(new Set(proxy.connects)).toEqual(new Set([`127.0.0.1:${server.port}`]));
    } finally {
      await proxy.close();
    }
  });

  it('reuses node.json for the same server and engine: no second registration, no token needed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const first = await start(config());
    await first.close({ graceMs: 100 });
    const count = server.registrations.length;
    const sessionP = server.nextSession();
    const again = await start(config({ token: undefined }));
    await sessionP;
    expect(again.registered).toBe(false);
    expect(again.identity.credential).toBe(first.identity.credential);
    expect(server.registrations.length).toBe(count);
  });

  it('a token for another cluster registers there instead of reusing node.json; one for the same cluster reuses it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    await (await start(config())).close({ graceMs: 100 });
    const sameCluster = 'droverreg_prod_workers_0123456789abcdefXYZ';
    const otherCluster = 'droverreg_staging_workers_0123456789abcdefXYZ';
    server.tokens.set(sameCluster, 'valid');
    server.tokens.set(otherCluster, 'valid');
    const count = server.registrations.length;
    const same = await start(config({ token: sameCluster }));
    expect(same.registered).toBe(false);
    await same.close({ graceMs: 100 });
    expect(server.registrations.length).toBe(count);
    const moved = await start(config({ token: otherCluster }));
    expect(moved.registered).toBe(true);
    expect(server.registrations.length).toBe(count + 1);
  });

  it('another engine with the stored node.json registers instead (and a name conflict is refused, naming both hosts)', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    await (await start(config())).close({ graceMs: 100 });
    const err = await agentFailure(start(config(), fakeDocker({ engineId: 'OTHER:ENGINE' })));
    expect(err.code).toBe('DROVER_ERR_AGENT_NODE_CONFLICT');
    expect(err.message).toContain(ENGINE_ID);
    expect(err.message).toContain('OTHER:ENGINE');
    expect(err.message).toContain('--node-name');
  });

  it.each([
    ['expired-tok', 'DROVER_ERR_REGISTRATION_TOKEN_EXPIRED', /expired/],
    ['revoked-tok', 'DROVER_ERR_REGISTRATION_TOKEN_REVOKED', /revoked/],
    ['no-such-tok', 'DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN', /unknown/],
  ])('a refused token (%s) shows the server\'s reason and stores nothing', async (token, serverCode, text) => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const logger = memoryLogger();
    const err = await agentFailure(start(config({ token }), fakeDocker(), logger));
    expect(err.code).toBe('DROVER_ERR_AGENT_REGISTRATION_REFUSED');
    expect(err.message).toMatch(text);
    expect(err.message).toContain(serverCode);
    expect(err.details).toMatchObject({ status: 401, serverCode });
    expect(await readdir(dir)).toEqual([]);
    expect(logger.text()).not.toContain(token);
  });

  it('without node.json and without --token it says the token is needed', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const err = await agentFailure(start(config({ token: undefined })));
    expect(err.code).toBe('DROVER_ERR_AGENT_TOKEN_REQUIRED');
    expect(err.message).toMatch(/--token/);
  });

  it('a revoked credential is logged with the server\'s reason and retried at the backoff cap', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const logger = memoryLogger();
    const agent = await start(config(), fakeDocker(), logger);
    await new Promise<void>((r) => agent.client.once('session', () => r()));
    server.revoke('host-1');
    server.sessions.at(-1)!.destroy();
    const retries: number[] = [];
    await new Promise<void>((resolve) => {
      agent.client.on('retry', ({ error, delayMs }) => {
        if ((error as { details?: { status?: number } } | undefined)?.details?.status === 401) retries.push(delayMs);
        if (retries.length >= 2) resolve();
      });
    });
    expect(retries.every((d) => d < 200)).toBe(true);
    const refusedLine = logger.lines().find((l) => String(l.msg).includes('refused this node\'s credential'));
    expect(refusedLine).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED', reason: 'node credential has been revoked' });
    expect(logger.text()).not.toContain(agent.identity.credential);
  });

  it('removes older agent containers on this engine, never itself or newer ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agent-'));
    const old = 'b'.repeat(64);
    const newer = 'c'.repeat(64);
    const label = { 'drover.dev/agent': 'true' };
    const docker = fakeDocker({ containers: [
      { Id: old, Created: 100, State: 'running', Labels: label },
      { Id: OWN, Created: 200, State: 'running', Labels: label },
      { Id: newer, Created: 300, State: 'created', Labels: label },
      { Id: 'd'.repeat(64), Created: 50, State: 'running', Labels: {} },
    ] });
    await start(config(), docker);
    expect(docker.removed).toEqual([old]);
  });
});
