/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- response bodies are arbitrary JSON walked by assertions */
/** POST /v1/agent/register over real HTTPS: credentials, the Node, refusals, re-registration. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES } from '../kinds/resources.ts';
import { NODE_CREDENTIALS } from './node-credentials.ts';
import { api, clusterWithToken, eventsOf, https, refusedConnect, register, registrationBody, startAgentTestServer } from './test-support.ts';
import type { AgentTestServer } from './test-support.ts';

let s: AgentTestServer;
let token: string;

beforeAll(async () => {
  s = await startAgentTestServer();
  token = await clusterWithToken(s, 'prod');
});
afterAll(async () => {
  await s?.close();
});

describe('registration', () => {
  it('trades a registration token for a node credential and creates the Node', async () => {
    const res = await register(s, token, 'host-1', 'ENGINE-1');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ cluster: 'prod', node: 'host-1', tunnelPath: '/v1/agent/tunnel' });
    expect(res.body.credential).toMatch(/^drovernode_prod_host-1_[A-Za-z0-9_-]{43}$/);

    const node = await api(s, 'GET', '/namespaces/prod/nodes/host-1');
    expect(node.status).toBe(200);
    expect(node.body.spec).toEqual({
      roles: ['etcd', 'controlplane', 'worker'],
      address: '10.0.0.5',
      internalAddress: '192.168.0.5',
      labels: { zone: 'a' },
      taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }],
    });
    expect(node.body.status).toMatchObject({
      state: 'Registering',
      reason: 'registered; waiting for the agent tunnel',
      agentVersion: '0.1.0',
      hostname: 'host-1-host',
      docker: { engineId: 'ENGINE-1', version: '28.2.2', storageDriver: 'overlay2', cgroupDriver: 'systemd', os: 'Debian GNU/Linux 12', kernelVersion: '6.1.0', cpus: 2, memoryBytes: 2_000_000_000 },
      addresses: [
        { type: 'ExternalIP', address: '10.0.0.5' },
        { type: 'InternalIP', address: '192.168.0.5' },
        { type: 'Hostname', address: 'host-1-host' },
      ],
      conditions: [
        { type: 'Connected', status: 'False', reason: 'AgentRegistering' },
        { type: 'Ready', status: 'False', reason: 'AgentRegistering' },
      ],
    });
    expect(Date.parse(node.body.status.since as string)).toBeGreaterThan(0);
    // Stored hashed only.
    const record = await s.t.store.get(NODE_CREDENTIALS, 'prod', 'host-1');
    const secret = (res.body.credential as string).split('_').slice(3).join('_');
    expect(JSON.stringify(record)).not.toContain(secret);
    expect(JSON.stringify(await s.t.store.get(RESOURCES.nodes, 'prod', 'host-1'))).not.toContain(secret);
    const events = await eventsOf(s, 'prod');
    expect(events).toContainEqual(expect.objectContaining({ reason: 'Registered', involvedObject: expect.objectContaining({ kind: 'Node', name: 'host-1' }) }));
  });

  it('refuses unknown, expired and revoked tokens with a code and a message, registering nothing', async () => {
    const cases: [string, string][] = [
      ['garbage', 'DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN'],
      [`droverreg_prod_nosuch_${'A'.repeat(43)}`, 'DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN'],
      [`${token.slice(0, -4)}AAAA`, 'DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN'],
    ];
    for (const [bad, code] of cases) {
      const res = await register(s, bad, 'intruder', 'ENGINE-X');
      expect(res.status).toBe(401);
      expect(res.headers['drover-error-code']).toBe(code);
      expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', code: 401, message: expect.stringMatching(/unknown registration token/) });
    }

    const expiring = await clusterWithToken(s, 'prod', 'expiring');
    const stored = await s.t.store.get(RESOURCES.registrationtokens, 'prod', 'expiring');
    await s.t.store.update(RESOURCES.registrationtokens, { ...stored, status: { ...(stored.status as object), expiresAt: new Date(Date.now() - 1000).toISOString() } });
    const expired = await register(s, expiring, 'late', 'ENGINE-L');
    expect(expired.status).toBe(401);
    expect(expired.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_TOKEN_EXPIRED');
    expect(expired.body.message).toMatch(/registration token "expiring" of cluster "prod" expired at/);

    const revoking = await clusterWithToken(s, 'prod', 'revoking');
    expect((await api(s, 'PATCH', '/namespaces/prod/registrationtokens/revoking', { spec: { revoked: true } })).status).toBe(200);
    const revoked = await register(s, revoking, 'late', 'ENGINE-L');
    expect(revoked.status).toBe(401);
    expect(revoked.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_TOKEN_REVOKED');
    expect(revoked.body.message).toMatch(/has been revoked/);

    for (const name of ['intruder', 'late']) expect((await api(s, 'GET', `/namespaces/prod/nodes/${name}`)).status).toBe(404);
    await expect(s.t.store.get(NODE_CREDENTIALS, 'prod', 'late')).rejects.toThrow();
    const refusals = (await eventsOf(s, 'prod')).filter((e) => e.reason === 'RegistrationRefused');
    expect(refusals.map((e) => e.involvedObject.name).sort()).toEqual(['expiring', 'revoking']);
  });

  it('refuses a malformed body with 400 and the field at fault', async () => {
    const res = await https(s, 'POST', '/v1/agent/register', { ...registrationBody(token, 'Bad_Name', 'E'), docker: {} });
    expect(res.status).toBe(400);
    expect(res.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_INVALID');
    expect(res.body.message).toMatch(/\/nodeName/);
    expect(res.body.message).not.toContain(token);
    const notJson = await s.app.inject({ method: 'POST', url: '/v1/agent/register', headers: { 'content-type': 'application/json' }, payload: `${token}}` });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_INVALID');
    expect(notJson.body).not.toContain(token.slice(10));
    expect(notJson.json()).toMatchObject({ message: 'invalid registration request: the body is not valid JSON' });
  });

  it("refuses a node name held by another engine with 409 (never naming the other engine), and records it naming both", async () => {
    const before = await api(s, 'GET', '/namespaces/prod/nodes/host-1');
    const res = await register(s, token, 'host-1', 'ENGINE-2', { hostname: 'other-host' });
    expect(res.status).toBe(409);
    expect(res.headers['drover-error-code']).toBe('DROVER_ERR_REGISTRATION_NODE_CONFLICT');
    expect(res.body.message).toContain('already belongs to another host');
    expect(res.body.message).toContain('host "other-host" (engine ENGINE-2)');
    expect(JSON.stringify(res.body)).not.toContain('ENGINE-1');
    const after = await api(s, 'GET', '/namespaces/prod/nodes/host-1');
    expect(after.body.metadata.resourceVersion).toBe(before.body.metadata.resourceVersion);
    const ev = (await eventsOf(s, 'prod')).find((e) => e.reason === 'RegistrationRefused' && e.involvedObject.name === 'host-1');
    expect(ev?.message).toContain('other-host');
    expect(ev?.message).toContain('host "host-1-host" (engine ENGINE-1)');
  });

  it('re-registration from the same engine keeps the Node, issues a new credential and revokes the old one', async () => {
    const first = await register(s, token, 'host-r', 'ENGINE-R');
    expect(first.status).toBe(201);
    const uid = (await api(s, 'GET', '/namespaces/prod/nodes/host-r')).body.metadata.uid as string;
    const again = await register(s, token, 'host-r', 'ENGINE-R', { roles: ['worker'] });
    expect(again.status).toBe(200);
    expect(again.body.credential).not.toBe(first.body.credential);
    const node = await api(s, 'GET', '/namespaces/prod/nodes/host-r');
    expect(node.body.metadata.uid).toBe(uid);
    expect(node.body.spec.roles).toEqual(['worker']);
    expect(node.body.metadata.generation).toBe(2);
    const list = await api(s, 'GET', '/namespaces/prod/nodes');
    expect((list.body.items as { metadata: { name: string } }[]).filter((n) => n.metadata.name === 'host-r')).toHaveLength(1);
    const old = await refusedConnect(s, first.body.credential as string, 'ENGINE-R');
    expect(old).toMatchObject({ status: 401, code: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED', message: expect.stringMatching(/the node registered again/) });
  });

  it('never logs tokens or credentials', () => {
    const out = s.logs.join('');
    expect(out).not.toContain(token);
    expect(out).not.toMatch(/drovernode_[a-z0-9-]+_[a-z0-9-]+_[A-Za-z0-9_-]{20}/);
    expect(out).not.toMatch(/droverreg_[a-z0-9-]+_[a-z0-9-]+_[A-Za-z0-9_-]{20}/);
  });
});
