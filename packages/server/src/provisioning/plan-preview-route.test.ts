/**
 * The plan preview through the whole server: the plan controller has written the Plans of a
 * 3-node cluster; a preview of a changed spec lists exactly what would change and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startAgentTestServer } from '../agents/test-support.ts';
import type { AgentTestServer } from '../agents/test-support.ts';
import { CLUSTER_CERTS } from '../cluster-pki/component-certs.ts';
import { API_VERSION, GROUP, RESOURCES } from '../kinds/resources.ts';
import type { TempStore } from '../testing.ts';
import type { PlanPreview } from './plan-preview-route.ts';

/** The password of the users this file creates. */
const PASSWORD = 'correct horse battery';
let s: AgentTestServer;
let t: TempStore;
let app: FastifyInstance;
let headers: Record<string, string>;
const ALL = ['controlplane', 'etcd', 'worker'];

beforeAll(async () => {
  s = await startAgentTestServer();
  ({ t, app } = s);
  headers = { authorization: `Bearer ${s.admin}` };
  const created = await app.inject({ method: 'POST', url: `/apis/${GROUP}/v1/clusters`, headers, payload: { apiVersion: `${GROUP}/v1`, kind: 'Cluster', metadata: { name: 'edge' }, spec: {} } });
  expect(created.statusCode, created.body).toBe(201);
  for (const [name, ip, roles] of [['n1', '10.0.0.1', ALL], ['n2', '10.0.0.2', ALL], ['w3', '10.0.0.3', ['worker']]] as const) {
    await t.store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name, namespace: 'edge' }, spec: { roles: [...roles], address: ip } });
  }
});
afterAll(async () => {
  await s?.close();
});

const versions = async () => {
  const plans = (await t.store.list(RESOURCES.plans, { namespace: 'edge' })).items.map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`);
  const certs = (await t.store.list(CLUSTER_CERTS, { namespace: 'edge' })).items.map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`);
  return [...plans, ...certs].sort();
};
const preview = (payload: unknown, h = headers) => app.inject({ method: 'POST', url: '/v1/clusters/edge/plan-preview', headers: h, payload: payload as object });

describe('plan preview', () => {
  it('lists per node what a spec change would create, replace or change, and applies nothing', async () => {
    await expect.poll(async () => (await t.store.list(RESOURCES.plans, { namespace: 'edge' })).items.length, { timeout: 10_000 }).toBe(3);
    const before = await versions();

    const same = await preview({});
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json<PlanPreview>().nodes.map((n) => [n.node, n.action])).toEqual([['n1', 'unchanged'], ['n2', 'unchanged'], ['w3', 'unchanged']]);

    const res = await preview({ services: { kubeApi: { extraArgs: { 'audit-log-maxage': '7' } } }, authentication: { sans: ['api.example.com'] } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PlanPreview>();
    expect(body.plans).toHaveLength(3);
    const n1 = body.nodes.find((n) => n.node === 'n1')!;
    expect(n1.action).toBe('update');
    expect(n1.containers).toEqual([{ name: 'kube-apiserver', action: 'replace', changed: ['args', 'args:--audit-log-maxage'] }]);
    expect(n1.files).toEqual([
      { path: '/etc/kubernetes/ssl/kube-apiserver-key.pem', action: 'update' },
      { path: '/etc/kubernetes/ssl/kube-apiserver.pem', action: 'update' },
    ]);
    expect(body.nodes.find((n) => n.node === 'w3')).toEqual({ node: 'w3', action: 'unchanged', containers: [], files: [] });
    expect(res.body).not.toContain('PRIVATE KEY');
    expect(await versions()).toEqual(before);
  });

  it('refuses a malformed spec and explains an unplannable one', async () => {
    const bad = await preview({ services: { kubeApi: { extraArgs: 'no' } } });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('spec.services.kubeApi.extraArgs');
    const unsupported = await preview({ kubernetesVersion: 'v1.0.0' });
    expect(unsupported.statusCode).toBe(422);
    expect(unsupported.body).toContain('spec.kubernetesVersion');
    const anon = await preview({}, {});
    expect(anon.statusCode).toBe(401);
    // A member may see the cluster but not update it: 403. A user of another cluster: 404, as for a get.
    const mkUser = async (name: string) => {
      const u = await app.inject({ method: 'POST', url: `/apis/${GROUP}/v1/users`, headers, payload: { apiVersion: `${GROUP}/v1`, kind: 'User', metadata: { name }, spec: { password: PASSWORD } } });
      expect(u.statusCode, u.body).toBe(201);
      const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: name, password: PASSWORD } });
      return { authorization: `Bearer ${login.json<{ token: string }>().token}` };
    };
    const max = await mkUser('max');
    const m = await app.inject({ method: 'POST', url: `/apis/${GROUP}/v1/namespaces/edge/clustermembers`, headers, payload: { apiVersion: `${GROUP}/v1`, kind: 'ClusterMember', metadata: { name: 'max' }, spec: { user: 'max', role: 'member' } } });
    expect(m.statusCode, m.body).toBe(201);
    await expect.poll(async () => (await app.inject({ url: `/apis/${GROUP}/v1/clusters/edge`, headers: max })).statusCode, { timeout: 5000 }).toBe(200);
    expect((await preview({}, max)).statusCode).toBe(403);
    expect((await preview({}, await mkUser('eve'))).statusCode).toBe(404);
    const missing = await app.inject({ method: 'POST', url: '/v1/clusters/nope/plan-preview', headers, payload: {} });
    expect(missing.statusCode).toBe(404);
  });
});
