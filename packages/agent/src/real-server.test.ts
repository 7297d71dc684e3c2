/**
 * The agent against the real server (`@drover/server` buildServer on 127.0.0.1, real store):
 * the node command from a RegistrationToken's create response is parsed verbatim, the Node
 * becomes Connected, the server dials back through the tunnel, and a re-run reuses the Node.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, createLogger as serverLogger, ensureAdmin, parseConfig } from '@drover/server';
import { createStore, type Store } from '@drover/store';
import { tcpTarget, unixTarget } from '@drover/tunnel';
import { startAgent, type RunningAgent } from './agent.ts';
import { parseAgentConfig } from './config.ts';
import { isAgentError } from './errors.ts';
import { startEchoServer as startEcho } from '@drover/tunnel/testing';
import { fakeDocker, memoryLogger } from './test-support/fakes.ts';
import { shellSplit } from './test-support/real-server.ts';

type App = Awaited<ReturnType<typeof buildServer>>;
// The engine is fakeDocker() here (the real engine is docker.test.ts's and the e2e suite's job); a
// tcp:// host keeps the preflight from looking for /var/run/docker.sock on this machine.
const FAKE_ENGINE = ['--docker-host', 'tcp://fake-engine.invalid:2375'];
const G = '/apis/management.drover.dev/v1';
let dir: string;
let store: Store;
let app: App;
let admin: string;
let echo: Awaited<ReturnType<typeof startEcho>>;


interface ApiBody {
  status?: { state?: string; token?: string; nodeCommand?: string };
  items?: unknown[];
}

async function api(method: 'GET' | 'POST', path: string, body?: object): Promise<{ status: number; body: ApiBody }> {
  const res = await app.inject({ method, url: `${G}${path}`, headers: { authorization: `Bearer ${admin}` }, ...(body ? { payload: body } : {}) });
  return { status: res.statusCode, body: JSON.parse(res.body) as ApiBody };
}

async function nodeState(name: string): Promise<string | undefined> {
  const res = await api('GET', `/namespaces/prod/nodes/${name}`);
  return res.status === 200 ? res.body.status?.state : undefined;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agent-real-'));
  store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data') });
  const parsed = parseConfig({ DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', DROVER_TUNNEL_GOAWAY_GRACE_MS: '300' }, []);
  if (parsed.help) throw new Error('help');
  await ensureAdmin(store, 'agent-real-password');
  app = await buildServer(parsed.config, { store, logger: serverLogger({ level: 'silent' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  expect((app.server.address() as AddressInfo).port).toBeGreaterThan(0);
  const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin', password: 'agent-real-password' } });
  admin = login.json<{ token: string }>().token;
  expect((await api('POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'prod' } })).status).toBe(201);
  echo = await startEcho();
});
afterAll(async () => {
  await echo?.close();
  await app?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('agent ↔ real server', () => {
  it('the node command registers, connects, and the server dials back through the tunnel; a re-run keeps the Node', async () => {
    const rt = await api('POST', '/namespaces/prod/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'join' }, spec: { roles: ['worker'] } });
    expect(rt.status).toBe(201);
    const words = shellSplit(rt.body.status!.nodeCommand!);
    const argv = words.slice(words.findIndex((w) => /(^|\/)drover\/agent:/.test(w)) + 1);
    const configDir = join(dir, 'etc-drover');
    const config = parseAgentConfig([...argv, ...FAKE_ENGINE, '--config-dir', configDir, '--allow', `127.0.0.1:${echo.port}`], {});
    const logger = memoryLogger();
    const deps = { docker: fakeDocker(), log: logger.log, hostname: 'host-a', selfFiles: () => Promise.resolve({}) };
    let agent: RunningAgent = await startAgent(config, deps);
    try {
      expect(agent.registered).toBe(true);
      await waitFor('Node Connected', async () => (await nodeState('host-a')) === 'Connected');

      const stream = await app.drover.agents.dialNode('prod', 'host-a', tcpTarget('127.0.0.1', echo.port), { timeoutMs: 5000 });
      stream.end('hello through NAT');
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      expect(Buffer.concat(chunks).toString()).toBe('hello through NAT');
      await expect(app.drover.agents.dialNode('prod', 'host-a', unixTarget('/var/run/docker.sock'))).rejects.toThrow(/DIAL_REFUSED/);

      await agent.close({ graceMs: 200 });
      await waitFor('Node Disconnected', async () => (await nodeState('host-a')) === 'Disconnected');
      agent = await startAgent(config, deps);
      expect(agent.registered).toBe(false);
      await waitFor('Node Connected again', async () => (await nodeState('host-a')) === 'Connected');
      const nodes = await api('GET', '/namespaces/prod/nodes');
      expect(nodes.body.items).toHaveLength(1);
      const token = rt.body.status!.token!;
      expect(logger.text()).not.toContain(token);
      expect(logger.text()).not.toContain(agent.identity.credential);
    } finally {
      await agent.close({ graceMs: 200 });
    }
  });

  it('a re-run on a host that lost /etc/drover while its old agent is connected replaces that agent and registers again', async () => {
    const rt = await api('POST', '/namespaces/prod/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'rerun' }, spec: { roles: ['worker'] } });
    expect(rt.status).toBe(201);
    const words = shellSplit(rt.body.status!.nodeCommand!);
    const argv = words.slice(words.findIndex((w) => /(^|\/)drover\/agent:/.test(w)) + 1);
    const configFor = (sub: string) => parseAgentConfig([...argv, ...FAKE_ENGINE, '--node-name', 'host-c', '--config-dir', join(dir, sub)], {});
    const oldId = 'a'.repeat(64);
    const newId = 'b'.repeat(64);
    const first = await startAgent(configFor('lost-etc-drover'), { docker: fakeDocker(), log: memoryLogger().log, hostname: 'host-c', selfFiles: () => Promise.resolve({}) });
    let second: RunningAgent | undefined;
    try {
      await waitFor('host-c Connected', async () => (await nodeState('host-c')) === 'Connected');

      // The same engine, a new /etc/drover: the older container is the live session.
      const labels = { 'drover.dev/agent': 'true' };
      const docker = fakeDocker({ containers: [{ Id: oldId, Created: 1, Labels: labels, Names: ['/old'], State: 'running' }, { Id: newId, Created: 2, Labels: labels, Names: ['/new'], State: 'running' }] });
      const remove = docker.removeContainer;
      docker.removeContainer = async (id: string) => {
        await remove(id);
        if (id === oldId) first.destroy(); // what dockerd does to the old agent's process
      };
      const self = { mountinfo: `1 2 0:1 /var/lib/docker/containers/${newId}/hostname /etc/hostname rw - ext4 /dev/sda rw` };
      const logger = memoryLogger();
      second = await startAgent(configFor('fresh-etc-drover'), { docker, log: logger.log, hostname: 'host-c', selfFiles: () => Promise.resolve(self), recover: { connectedRetryDelayMs: 200 } });
      expect(second.registered).toBe(true);
      expect(docker.removed).toEqual([oldId]);
      expect(logger.text()).toContain('removed it, registering again');
      await waitFor('host-c Connected through the new agent', async () => (await nodeState('host-c')) === 'Connected');
    } finally {
      first.destroy();
      await second?.close({ graceMs: 200 });
    }
  });

  it('a node connected from elsewhere, with no older agent container here to replace, stays refused with the reason', async () => {
    const rt = await api('POST', '/namespaces/prod/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'twice' }, spec: { roles: ['worker'] } });
    const words = shellSplit(rt.body.status!.nodeCommand!);
    const argv = words.slice(words.findIndex((w) => /(^|\/)drover\/agent:/.test(w)) + 1);
    const configFor = (sub: string) => parseAgentConfig([...argv, ...FAKE_ENGINE, '--node-name', 'host-d', '--config-dir', join(dir, sub)], {});
    const first = await startAgent(configFor('d1'), { docker: fakeDocker(), log: memoryLogger().log, hostname: 'host-d', selfFiles: () => Promise.resolve({}) });
    try {
      await waitFor('host-d Connected', async () => (await nodeState('host-d')) === 'Connected');
      const err = await startAgent(configFor('d2'), { docker: fakeDocker(), log: memoryLogger().log, hostname: 'host-d', selfFiles: () => Promise.resolve({}) }).then(() => undefined, (e: unknown) => e);
      expect(isAgentError(err, 'DROVER_ERR_AGENT_NODE_CONNECTED')).toBe(true);
      expect((err as Error).message).toContain('No older agent container runs on this Docker engine');
      expect(await nodeState('host-d')).toBe('Connected');
    } finally {
      await first.close({ graceMs: 200 });
    }
  });

  it('a wrong --ca-checksum against the real /cacerts shows expected and actual', async () => {
    const config = parseAgentConfig(['--server', `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`, '--token', 'x', '--ca-checksum', 'f'.repeat(64), '--worker', ...FAKE_ENGINE, '--config-dir', join(dir, 'other')], {});
    const err = await startAgent(config, { docker: fakeDocker({ engineId: 'E2' }), log: memoryLogger().log, hostname: 'host-b', selfFiles: () => Promise.resolve({}) }).then(() => undefined, (e: unknown) => e);
    expect(isAgentError(err, 'DROVER_ERR_AGENT_CA_MISMATCH')).toBe(true);
    expect((err as Error).message).toContain(`expected ${'f'.repeat(64)}, actual ${app.drover.caChecksum}`);
  });
});
