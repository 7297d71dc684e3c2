/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-return -- response bodies are arbitrary JSON walked by assertions */
/**
 * Security finding #2 (issue 9): the server, not the agent, enforces what a registration token
 * allows (roles, node name, labels, taints), refusals never reveal another host's engine ID, and
 * a copied token with a forged engine ID cannot take over a connected node. Expected to fail
 * until the server enforces them (it.fails).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '@drover/tunnel';
import { api, clusterWithToken, connectAgent, eventsOf, register } from './test-support.ts';
import { startAgentTestServer } from './test-support.ts';
import type { AgentTestServer } from './test-support.ts';

let s: AgentTestServer;
const open: Session[] = [];
const C = 'limits';

const nodeOf = async (name: string) => api(s, 'GET', `/namespaces/${C}/nodes/${name}`);

beforeAll(async () => {
  s = await startAgentTestServer();
});
afterAll(async () => {
  for (const session of open) session.destroy();
  await s?.close();
});

describe('registration token limits', () => {
  it("a worker-only token cannot register an etcd + controlplane node; fewer roles than the token's are fine", async () => {
    const workers = await clusterWithToken(s, C, 'workers', { roles: ['worker'] });
    const more = await register(s, workers, 'w-escalate', 'ENG-W0');
    expect(more.status, JSON.stringify(more.body)).toBe(403);
    expect(more.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_NOT_ALLOWED');
    expect(more.body.message).toMatch(/allows the roles worker/);
    expect(more.body.message).toMatch(/etcd, controlplane/);
    expect((await nodeOf('w-escalate')).status).toBe(404);

    const exact = await register(s, workers, 'w-1', 'ENG-W1', { roles: ['worker'] });
    expect(exact.status, JSON.stringify(exact.body)).toBe(201);
    expect((await nodeOf('w-1')).body.spec.roles).toEqual(['worker']);
    const defaulted = await register(s, workers, 'w-2', 'ENG-W2', { roles: [] });
    expect(defaulted.status).toBe(201);
    expect((await nodeOf('w-2')).body.spec.roles).toEqual(['worker']);

    const two = await clusterWithToken(s, C, 'etcd-worker', { roles: ['etcd', 'worker'] });
    const fewer = await register(s, two, 'ew-1', 'ENG-EW1', { roles: ['worker'] });
    expect(fewer.status).toBe(201);
    expect((await nodeOf('ew-1')).body.spec.roles).toEqual(['worker']);
    const refusal = (await eventsOf(s, C)).find((e) => e.reason === 'RegistrationRefused' && e.involvedObject.name === 'workers');
    expect(refusal?.message).toMatch(/w-escalate/);
  });

  it("a token's node name is the only name it registers", async () => {
    const pinned = await clusterWithToken(s, C, 'pinned', { nodeName: 'db-1' });
    const other = await register(s, pinned, 'db-2', 'ENG-DB');
    expect(other.status).toBe(403);
    expect(other.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_NOT_ALLOWED');
    expect(other.body.message).toMatch(/registers only the node "db-1"/);
    expect((await nodeOf('db-2')).status).toBe(404);
    expect((await register(s, pinned, 'db-1', 'ENG-DB')).status).toBe(201);
  });

  it("a token's labels and taints are applied; the request may add to them but not contradict them", async () => {
    const spec = { labels: { tier: 'edge' }, taints: [{ key: 'edge', value: 'true', effect: 'NoSchedule' }] };
    const tok = await clusterWithToken(s, C, 'edge', spec);
    const none = await register(s, tok, 'e-1', 'ENG-E1', { labels: {}, taints: [] });
    expect(none.status, JSON.stringify(none.body)).toBe(201);
    expect((await nodeOf('e-1')).body.spec).toMatchObject(spec);

    const added = await register(s, tok, 'e-2', 'ENG-E2');
    expect(added.status).toBe(201);
    const e2 = (await nodeOf('e-2')).body.spec;
    expect(e2.labels).toEqual({ zone: 'a', tier: 'edge' });
    expect(e2.taints).toEqual([spec.taints[0], { key: 'dedicated', value: 'infra', effect: 'NoSchedule' }]);

    const label = await register(s, tok, 'e-3', 'ENG-E3', { labels: { tier: 'core' } });
    expect(label.status).toBe(403);
    expect(label.body.message).toMatch(/label tier=edge/);
    const taint = await register(s, tok, 'e-4', 'ENG-E4', { taints: [{ key: 'edge', value: 'false', effect: 'NoSchedule' }] });
    expect(taint.status).toBe(403);
    expect(taint.body.message).toMatch(/taint edge=true:NoSchedule/);
    for (const n of ['e-3', 'e-4']) expect((await nodeOf(n)).status).toBe(404);
  });
});

describe('node takeover', () => {
  let token: string;
  beforeAll(async () => {
    token = await clusterWithToken(s, C, 'join');
  });

  it("a refused duplicate name does not reveal the other host's engine ID", async () => {
    expect((await register(s, token, 'dup', 'ENGINE-SECRET-1')).status).toBe(201);
    const res = await register(s, token, 'dup', 'ENGINE-2', { hostname: 'other-host' });
    expect(res.status).toBe(409);
    expect(res.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_NODE_CONFLICT');
    expect(res.body.message).toContain('node name "dup" in cluster "limits" already belongs to another host');
    expect(res.body.message).toContain('host "other-host" (engine ENGINE-2)');
    expect(JSON.stringify(res)).not.toContain('ENGINE-SECRET-1');
    expect(JSON.stringify(res)).not.toContain('dup-host');
  });

  it('a copied token with the forged engine ID of a connected node is refused (409); the real agent keeps its session', async () => {
    const first = await register(s, token, 'victim', 'ENGINE-V');
    expect(first.status).toBe(201);
    const session = await connectAgent(s, first.body.credential as string, 'ENGINE-V');
    open.push(session);
    await expect.poll(async () => (await nodeOf('victim')).body.status.state, { timeout: 5000 }).toBe('Connected');

    const forged = await register(s, token, 'victim', 'ENGINE-V', { hostname: 'attacker' });
    expect(forged.status, JSON.stringify(forged.body)).toBe(409);
    expect(forged.headers['drover-error-code']).toBe('DROVER_ERR_NODE_ALREADY_CONNECTED');
    expect(forged.body.credential).toBeUndefined();
    expect(forged.body.message).toMatch(/live agent session/);

    await new Promise((r) => setTimeout(r, 300));
    expect(session.state).toBe('open');
    expect((await nodeOf('victim')).body.status.state).toBe('Connected');
    const events = await eventsOf(s, C);
    expect(events.some((e) => e.reason === 'RegistrationRefused' && e.involvedObject.name === 'victim' && e.message.includes('attacker'))).toBe(true);
  });

  it('a disconnected node re-registering from its own engine is recovered, recorded as a ReRegistered Event', async () => {
    const first = await register(s, token, 'lost-etc', 'ENGINE-L');
    const session = await connectAgent(s, first.body.credential as string, 'ENGINE-L');
    await expect.poll(async () => (await nodeOf('lost-etc')).body.status.state, { timeout: 5000 }).toBe('Connected');
    session.destroy();
    await expect.poll(async () => (await nodeOf('lost-etc')).body.status.state, { timeout: 5000 }).toBe('Disconnected');

    const again = await register(s, token, 'lost-etc', 'ENGINE-L');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const ev = (await eventsOf(s, C)).find((e) => e.reason === 'ReRegistered' && e.involvedObject.name === 'lost-etc');
    expect(ev?.message).toMatch(/re-registered from host "lost-etc-host" \(engine ENGINE-L\) while disconnected/);
  });
});
