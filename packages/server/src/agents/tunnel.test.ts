/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return -- response bodies are arbitrary JSON walked by assertions */
/**
 * The agent tunnel end to end on 127.0.0.1: an agent side (connectTunnel, pinned by the CA
 * checksum) against the real server: Node status via the API, dialNode through the agent,
 * refusals before the upgrade, revocation by deleting the Node or the Cluster, disconnects.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tcpTarget } from '@drover/tunnel';
import type { Session } from '@drover/tunnel';
import { isDroverError } from '../errors.ts';
import { api, clusterWithToken, connectAgent, eventsOf, https, refusedConnect, register, startAgentTestServer, startEcho, startRelay, tcpConnectOutcome } from './test-support.ts';
import type { AgentTestServer } from './test-support.ts';

let s: AgentTestServer;
let token: string;
let echo: { port: number; close(): Promise<void> };
const open: Session[] = [];

async function agent(credential: string, engineId: string, ports: number[] = []): Promise<Session> {
  const session = await connectAgent(s, credential, engineId, ports);
  open.push(session);
  return session;
}

async function registered(node: string, engine: string, tok = token): Promise<string> {
  const res = await register(s, tok, node, engine);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body.credential as string;
}

const nodeStatus = async (node: string, cluster = 'edge') => (await api(s, 'GET', `/namespaces/${cluster}/nodes/${node}`)).body?.status as Record<string, unknown> | undefined;

function roundTrip(stream: Duplex, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stream.once('data', (d: Buffer) => resolve(d.toString()));
    stream.once('error', reject);
    stream.write(text);
  });
}

beforeAll(async () => {
  s = await startAgentTestServer();
  token = await clusterWithToken(s, 'edge');
  echo = await startEcho();
});
afterAll(async () => {
  for (const session of open) session.destroy();
  await echo?.close();
  await s?.close();
});

describe('agent tunnel', () => {
  it('connects: the Node is Connected with conditions, version and RTT; the server dials a TCP service through the agent', async () => {
    const credential = await registered('n1', 'ENG-1');
    const session = await agent(credential, 'ENG-1', [echo.port]);
    await expect.poll(async () => (await nodeStatus('n1'))?.state, { timeout: 5000 }).toBe('Connected');
    const status = (await nodeStatus('n1'))!;
    expect(status.reason).toMatch(/^agent 0\.1\.0 connected from 127\.0\.0\.1$/);
    expect(status.agentVersion).toBe('0.1.0');
    // Refreshed from X-Drover-Node-Info on connect.
    expect(status.hostname).toBe('agent-host');
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: 'Connected', status: 'True', reason: 'AgentConnected', lastTransitionTime: expect.any(String) }),
      expect.objectContaining({ type: 'Ready', status: 'True', reason: 'AgentConnected', lastTransitionTime: expect.any(String) }),
    ]);
    await expect.poll(async () => typeof (await nodeStatus('n1'))?.rttMs, { timeout: 5000 }).toBe('number');

    const stream = await s.app.drover.agents.dialNode('edge', 'n1', tcpTarget('127.0.0.1', echo.port), { timeoutMs: 5000 });
    expect(await roundTrip(stream, 'ping')).toBe('echo:ping');
    stream.destroy();

    // Not allowed by the agent's dial policy: a coded error with the tunnel's cause.
    const refused = await s.app.drover.agents.dialNode('edge', 'n1', tcpTarget('127.0.0.1', 1), { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(isDroverError(refused, 'DROVER_ERR_NODE_DIAL_FAILED')).toBe(true);
    expect((refused as Error).message).toContain('DROVER_ERR_TUNNEL_DIAL_REFUSED');
    const none = await s.app.drover.agents.dialNode('edge', 'nosuch', tcpTarget('127.0.0.1', echo.port)).catch((e: unknown) => e);
    expect(isDroverError(none, 'DROVER_ERR_NODE_NOT_CONNECTED')).toBe(true);
    expect((none as Error).message).toBe('node "nosuch" of cluster "edge" has no agent session');
    expect(session.state).toBe('open');
    const cluster = await api(s, 'GET', '/clusters/edge');
    await expect.poll(async () => (await api(s, 'GET', '/clusters/edge')).body.status?.nodes, { timeout: 5000 }).toEqual({ total: 1, connected: 1 });
    expect(cluster.status).toBe(200);
    expect((await eventsOf(s, 'edge')).some((e) => e.reason === 'Connected' && e.involvedObject.name === 'n1')).toBe(true);
    expect(await s.app.drover.metrics.registry.metrics()).toMatch(/^drover_tunnel_sessions [1-9]/m);
  });

  it('kubectl wait --for=condition=Connected works on the Node', async () => {
    const kc = await https(s, 'GET', '/v1/kubeconfig', undefined, s.admin);
    expect(kc.status).toBe(200);
    const file = join(s.t.dir, 'kubeconfig.yaml');
    await writeFile(file, kc.body as string);
    const run = (args: string[]) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile('kubectl', ['--kubeconfig', file, '--cache-dir', join(s.t.dir, 'kcache'), ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
          resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, out: `${stdout}${stderr}` }),
        );
      });
    const wait = await run(['wait', '--for=condition=Connected', 'nodes.management.drover.dev/n1', '-n', 'edge', '--timeout=20s']);
    expect(wait.code, wait.out).toBe(0);
    expect(wait.out).toContain('condition met');
    const ready = await run(['wait', '--for=condition=Ready', 'node/n1', '-n', 'edge', '--timeout=20s']);
    expect(ready.code, ready.out).toBe(0);
  });

  it('refuses before the upgrade: no credential, unknown, another engine, a second session; each with a code, a message and an Event', async () => {
    const credential = await registered('n2', 'ENG-2');
    await agent(credential, 'ENG-2');
    await expect.poll(async () => (await nodeStatus('n2'))?.state, { timeout: 5000 }).toBe('Connected');

    expect(await refusedConnect(s, '', 'ENG-2')).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_UNKNOWN' });
    const unknown = await refusedConnect(s, `${credential.slice(0, -4)}AAAA`, 'ENG-2');
    expect(unknown).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_UNKNOWN', message: expect.stringMatching(/unknown node credential/) });
    const copied = await refusedConnect(s, credential, 'ENG-OTHER');
    expect(copied).toMatchObject({ status: 403, code: 'DROVER_ERR_NODE_ENGINE_MISMATCH' });
    expect(copied.message).not.toContain('ENG-2'); // a refusal never names another host's engine
    expect(copied.message).toContain('engine ENG-OTHER');
    const second = await refusedConnect(s, credential, 'ENG-2');
    expect(second).toMatchObject({ status: 409, code: 'DROVER_ERR_NODE_ALREADY_CONNECTED', message: expect.stringMatching(/already has a live agent session/) });

    const refusals = (await eventsOf(s, 'edge')).filter((e) => e.reason === 'TunnelRefused' && e.involvedObject.name === 'n2').map((e) => e.message);
    expect(refusals.some((m) => m.includes('DROVER_ERR_NODE_ENGINE_MISMATCH'))).toBe(true);
    expect(refusals.some((m) => m.includes('DROVER_ERR_NODE_ALREADY_CONNECTED'))).toBe(true);
    expect(refusals.some((m) => m.includes('DROVER_ERR_NODE_CREDENTIAL_UNKNOWN'))).toBe(true);
    // The connected session is untouched.
    expect((await nodeStatus('n2'))?.state).toBe('Connected');
  });

  it('an agent disconnect makes the Node Disconnected with the reason; a reconnect with the same credential works after the token is revoked', async () => {
    const credential = await registered('n3', 'ENG-3');
    const session = await agent(credential, 'ENG-3');
    await expect.poll(async () => (await nodeStatus('n3'))?.state, { timeout: 5000 }).toBe('Connected');
    await session.close({ graceMs: 0 });
    await expect.poll(async () => (await nodeStatus('n3'))?.state, { timeout: 5000 }).toBe('Disconnected');
    const status = (await nodeStatus('n3'))!;
    expect(status.reason).toBe('tunnel closed: the agent closed the session');
    expect(status.rttMs).toBeUndefined();
    expect(status.conditions).toEqual([expect.objectContaining({ type: 'Connected', status: 'False', reason: 'AgentDisconnected' }), expect.objectContaining({ type: 'Ready', status: 'False' })]);
    expect((await eventsOf(s, 'edge')).some((e) => e.reason === 'Disconnected' && e.involvedObject.name === 'n3')).toBe(true);

    // Revoking the registration token does not cut off a registered node.
    expect((await api(s, 'PATCH', '/namespaces/edge/registrationtokens/join', { spec: { revoked: true } })).status).toBe(200);
    await agent(credential, 'ENG-3');
    await expect.poll(async () => (await nodeStatus('n3'))?.state, { timeout: 5000 }).toBe('Connected');
  });

  it('a dead agent is found by the heartbeat (Disconnected, "peer timeout"); a reconnect replaces a held session that no longer answers', async () => {
    const tok = await clusterWithToken(s, 'edge', 'join-2');
    const credential = await registered('n4', 'ENG-4', tok);
    // The agent behind a relay that starts dropping everything (a link down at the router).
    const relay = await startRelay(Number(new URL(s.url).port));
    const session = await connectAgent(s, credential, 'ENG-4', [], relay.url);
    open.push(session);
    await expect.poll(async () => (await nodeStatus('n4'))?.state, { timeout: 5000 }).toBe('Connected');
    relay.freeze();
    // The dead-peer timeout is 1500 ms in these tests.
    await expect.poll(async () => (await nodeStatus('n4'))?.reason, { timeout: 5000 }).toBe('tunnel closed: peer timeout (no heartbeat for 1500 ms)');
    expect((await nodeStatus('n4'))?.state).toBe('Disconnected');
    session.destroy();

    // The link comes back before the server has noticed: the held session does not answer a
    // probe ping, so the reconnecting agent replaces it at once instead of getting 409.
    const relay2 = await startRelay(Number(new URL(s.url).port));
    const stale = await connectAgent(s, credential, 'ENG-4', [], relay2.url);
    open.push(stale);
    await expect.poll(async () => (await nodeStatus('n4'))?.state, { timeout: 5000 }).toBe('Connected');
    relay2.freeze();
    const started = Date.now();
    const fresh = await connectAgent(s, credential, 'ENG-4');
    open.push(fresh);
    expect(Date.now() - started).toBeLessThan(1400); // the probe (750 ms here), not the 1500 ms heartbeat
    await expect.poll(async () => (await nodeStatus('n4'))?.state, { timeout: 5000 }).toBe('Connected');
    expect(s.app.drover.agents.session('edge', 'n4')).toBeDefined();
    await relay.close();
    await relay2.close();
  });

  it('re-registering a connected node is refused (409, the session stays); once its agent is gone it re-registers: one Node', async () => {
    const tok = await clusterWithToken(s, 'edge', 'join-4');
    const first = await registered('n6', 'ENG-6', tok);
    const old = await agent(first, 'ENG-6');
    await expect.poll(async () => (await nodeStatus('n6'))?.state, { timeout: 5000 }).toBe('Connected');
    const refused = await register(s, tok, 'n6', 'ENG-6');
    expect(refused.status).toBe(409);
    expect(refused.headers['drover-error-code']).toBe('DROVER_ERR_NODE_ALREADY_CONNECTED');
    expect(old.state).toBe('open');
    old.destroy();
    await expect.poll(async () => (await nodeStatus('n6'))?.state, { timeout: 5000 }).toBe('Disconnected');
    const second = await registered('n6', 'ENG-6', tok);
    expect(await refusedConnect(s, first, 'ENG-6')).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED' });
    await agent(second, 'ENG-6');
    await expect.poll(async () => (await nodeStatus('n6'))?.state, { timeout: 5000 }).toBe('Connected');
    const names = ((await api(s, 'GET', '/namespaces/edge/nodes')).body.items as { metadata: { name: string } }[]).map((n) => n.metadata.name);
    expect(names.filter((n) => n === 'n6')).toHaveLength(1);
  });

  it('deleting a Node closes its session and revokes its credential', async () => {
    const tok = await clusterWithToken(s, 'edge', 'join-3');
    const credential = await registered('n5', 'ENG-5', tok);
    const session = await agent(credential, 'ENG-5');
    await expect.poll(async () => (await nodeStatus('n5'))?.state, { timeout: 5000 }).toBe('Connected');
    expect((await api(s, 'DELETE', '/namespaces/edge/nodes/n5')).status).toBe(200);
    await expect(session.closed).resolves.toBeDefined();
    expect(await refusedConnect(s, credential, 'ENG-5')).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED', message: expect.stringMatching(/the node was deleted/) });
  });

  it('deleting the Cluster closes its sessions and its credentials stop working', async () => {
    const tok = await clusterWithToken(s, 'doomed');
    const res = await register(s, tok, 'd1', 'ENG-D');
    expect(res.status).toBe(201);
    const credential = res.body.credential as string;
    const session = await agent(credential, 'ENG-D');
    await expect.poll(async () => (await nodeStatus('d1', 'doomed'))?.state, { timeout: 5000 }).toBe('Connected');
    expect((await api(s, 'DELETE', '/clusters/doomed')).status).toBe(200);
    await session.closed;
    expect(session.state).toBe('closed');
    expect(await refusedConnect(s, credential, 'ENG-D')).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED', message: expect.stringMatching(/cluster was deleted/) });
    expect(s.app.drover.agents.session('doomed', 'd1')).toBeUndefined();
    // Nothing of the cluster is left behind in its namespace (no late Events).
    await new Promise((r) => setTimeout(r, 200));
    expect((await s.t.store.list('management.drover.dev/events', { namespace: 'doomed' })).items).toEqual([]);
    expect((await s.t.store.list('management.drover.dev/nodes', { namespace: 'doomed' })).items).toEqual([]);
  });

  it('never logs tokens or credentials', () => {
    const out = s.logs.join('');
    expect(out).not.toMatch(/drovernode_[a-z0-9-]+_[a-z0-9-]+_[A-Za-z0-9_-]{20}/);
    expect(out).not.toMatch(/droverreg_[a-z0-9-]+_[a-z0-9-]+_[A-Za-z0-9_-]{20}/);
    expect(out).toContain('agent connected');
  });
});

describe('server shutdown', () => {
  it('sends GOAWAY to every agent and marks the Nodes Disconnected before closing', async () => {
    const own = await startAgentTestServer();
    try {
      const tok = await clusterWithToken(own, 'c');
      const res = await register(own, tok, 'x', 'ENG-X');
      const session = await connectAgent(own, res.body.credential as string, 'ENG-X');
      await expect.poll(async () => ((await api(own, 'GET', '/namespaces/c/nodes/x')).body.status as { state: string }).state, { timeout: 5000 }).toBe('Connected');
      const goaway = new Promise<string>((resolve) => session.once('goaway', (g) => resolve(g.message)));
      const store = own.t.store;
      await own.app.close();
      expect(await goaway).toBe('the server is shutting down');
      const node = await store.get('management.drover.dev/nodes', 'c', 'x');
      expect(node.status).toMatchObject({ state: 'Disconnected', reason: 'tunnel closed: the server is shutting down' });
      session.destroy();

      // A crash leaves the Node Connected in the store: the next start marks it Disconnected,
      // and the agent's reconnect (same credential, same CA) makes it Connected again.
      const left = await store.get('management.drover.dev/nodes', 'c', 'x');
      await store.update('management.drover.dev/nodes', { ...left, status: { ...(left.status as object), state: 'Connected', reason: 'agent connected' } });
      const again = await startAgentTestServer({}, own.t);
      try {
        expect((await store.get('management.drover.dev/nodes', 'c', 'x')).status).toMatchObject({ state: 'Disconnected', reason: 'the server restarted; waiting for the agent to reconnect' });
        expect(again.app.drover.caChecksum).toBe(own.app.drover.caChecksum);
        const back = await connectAgent(again, res.body.credential as string, 'ENG-X');
        await expect.poll(async () => ((await store.get('management.drover.dev/nodes', 'c', 'x')).status as { state: string }).state, { timeout: 5000 }).toBe('Connected');
        back.destroy();
      } finally {
        await again.close();
      }
    } finally {
      await own.t.cleanup();
    }
  });

  it('stops listening as the drain starts: while a session drains a stream, new connections are refused', async () => {
    const own = await startAgentTestServer({ DROVER_TUNNEL_GOAWAY_GRACE_MS: '2500' });
    try {
      const tok = await clusterWithToken(own, 'c');
      const res = await register(own, tok, 'y', 'ENG-Y');
      const session = await connectAgent(own, res.body.credential as string, 'ENG-Y', [echo.port]);
      await expect.poll(async () => ((await api(own, 'GET', '/namespaces/c/nodes/y')).body.status as { state: string }).state, { timeout: 5000 }).toBe('Connected');
      // An open stream holds the session's drain for the GOAWAY grace.
      const stream = await own.app.drover.agents.dialNode('c', 'y', tcpTarget('127.0.0.1', echo.port), { timeoutMs: 5000 });
      expect(await roundTrip(stream, 'held')).toBe('echo:held');
      const port = Number(new URL(own.url).port);
      const started = Date.now();
      const closing = own.app.close();
      // Agents told GOAWAY reconnect at once: the kernel refuses them, not the draining server.
      await expect.poll(() => tcpConnectOutcome(port), { timeout: 1500, interval: 25 }).toBe('ECONNREFUSED');
      expect(Date.now() - started).toBeLessThan(2500);
      await closing;
      expect(Date.now() - started).toBeGreaterThanOrEqual(2400); // the stream had its grace
      session.destroy();
    } finally {
      await own.t.cleanup();
    }
  });
});
