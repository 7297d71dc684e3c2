import { randomBytes } from 'node:crypto';
import type { ApplyPlanProps } from '@drover/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureComponentCertificates } from '../cluster-pki/component-certs.ts';
import { isDroverError } from '../errors.ts';
import { planObject } from '../kinds/plan.ts';
import { RESOURCES } from '../kinds/resources.ts';
import type { NodePlan, PlanContainer } from '../provisioning/plan-types.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore, type TempStore } from '../testing.ts';
import { AgentCommandError, type AgentChannel } from './agent-channel.ts';
import { createPlanApplier, PlanApplyError } from './plan-apply.ts';

// The request the applier builds, on the real store and SecretBox; the channel is stood in for
// (agent/src/apply/real-server-apply.test.ts runs the whole path through a real agent).
const box = createSecretBox(randomBytes(32));
let t: TempStore;

const container = (name: string): PlanContainer => ({
  name, image: `reg.local:5000/mirror/${name}:v1`, entrypoint: [], args: [`--name=${name}`], env: [], binds: ['/etc/kubernetes:/etc/kubernetes'],
  networkMode: 'host', pidMode: 'host', privileged: false, restartPolicy: 'always', specHash: `h-${name}`,
  labels: { 'drover.dev/managed': 'true', 'drover.dev/component': name, 'drover.dev/spec-hash': `h-${name}` },
  healthCheck: { type: 'https', url: 'https://127.0.0.1:10250/healthz', caFile: '/etc/kubernetes/ssl/kube-ca.pem', clientCert: { certFile: '/etc/kubernetes/ssl/kube-node.pem', keyFile: '/etc/kubernetes/ssl/kube-node-key.pem' } },
});
const plan: NodePlan = {
  node: 'n1', roles: ['worker'], kubernetesVersion: 'v1.32.6', hash: 'plan-hash', containers: [container('a'), container('b')],
  files: [
    { path: '/etc/kubernetes/ssl/kube-node.pem', mode: '0644', kind: 'certificate', sha256: 'x' },
    { path: '/etc/kubernetes/ssl/kube-node-key.pem', mode: '0600', kind: 'private-key', sha256: 'x' },
    { path: '/etc/kubernetes/ssl/kubecfg-kube-node.yaml', mode: '0644', kind: 'kubeconfig', sha256: 'x', content: 'kind: Config\n' },
  ],
};

function applierWith(answer: (body: ApplyPlanProps) => Promise<object>) {
  const sent: ApplyPlanProps[] = [];
  const channel = { applyPlan: (body: ApplyPlanProps) => (sent.push(body), answer(body)) } as unknown as AgentChannel;
  return { sent, applier: createPlanApplier({ store: t.store, secretBox: box, sessions: { channel: () => channel } }) };
}

beforeAll(async () => {
  t = await createTempStore();
  const cluster = await t.store.create(RESOURCES.clusters, {
    apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'c1' },
    spec: { privateRegistries: [{ url: 'reg.local:5000/mirror', default: true, username: 'puller', sealedPassword: box.seal('s3cret') }, { url: 'anon.local', default: false }] },
  });
  await ensureComponentCertificates(t.store, box, cluster, [{ name: 'kube-node', withKey: true, commonName: 'system:node:n1', organization: 'system:nodes', usages: 'client' }]);
  await t.store.create(RESOURCES.plans, planObject('c1', plan));
});
afterAll(async () => {
  await t?.cleanup();
});

describe('createPlanApplier', () => {
  it('sends the whole plan with the key as a 0600 file, the unsealed registry credentials, and the flags', async () => {
    const { sent, applier } = applierWith(() => Promise.resolve({ planHash: 'plan-hash', created: ['a', 'b'], containers: [{ name: 'a', id: 'i', image: 'img', state: 'running', specHash: 'h-a', health: 'healthy' }] }));
    const res = await applier.apply('c1', 'n1', { prune: true, waitHealthy: true, healthTimeoutMs: 5000 });
    expect(res).toMatchObject({ planHash: 'plan-hash', created: ['a', 'b'], replaced: [], containers: [{ name: 'a', health: 'healthy', specHash: 'h-a' }] });
    const req = sent[0]!;
    expect(req).toMatchObject({ planHash: 'plan-hash', prune: true, waitHealthy: true, healthTimeoutMs: 5000, complete: true });
    expect(req.registryAuths).toEqual([{ registry: 'reg.local:5000', username: 'puller', password: 's3cret' }]);
    expect(req.containers?.map((c) => c.name)).toEqual(['a', 'b']);
    expect(req.containers?.[0]?.healthCheck).toEqual({ type: 'https', url: 'https://127.0.0.1:10250/healthz', caFile: '/etc/kubernetes/ssl/kube-ca.pem', certFile: '/etc/kubernetes/ssl/kube-node.pem', keyFile: '/etc/kubernetes/ssl/kube-node-key.pem' });
    const file = (path: string): { mode: number; text: string } => {
      const f = (req.files ?? []).find((x) => x.path === path);
      return { mode: f?.mode ?? -1, text: Buffer.from(f?.content ?? new Uint8Array()).toString() };
    };
    expect(file('/etc/kubernetes/ssl/kube-node-key.pem').mode).toBe(0o600);
    expect(file('/etc/kubernetes/ssl/kube-node-key.pem').text).toContain('-----BEGIN PRIVATE KEY-----');
    expect(file('/etc/kubernetes/ssl/kube-node.pem').text).toContain('-----BEGIN CERTIFICATE-----');
    expect(file('/etc/kubernetes/ssl/kubecfg-kube-node.yaml')).toEqual({ mode: 0o644, text: 'kind: Config\n' });
  });

  it('a subset sends those containers and every file, never prunes, and is not recorded as the whole plan', async () => {
    const { sent, applier } = applierWith(() => Promise.resolve({}));
    await applier.apply('c1', 'n1', { containers: ['b'], prune: true });
    expect(sent[0]).toMatchObject({ prune: false, complete: false });
    expect(sent[0]!.containers?.map((c) => c.name)).toEqual(['b']);
    expect(sent[0]!.files).toHaveLength(3);
    const err = await applier.apply('c1', 'n1', { containers: ['zz'] }).catch((e: unknown) => e);
    expect(isDroverError(err, 'DROVER_ERR_PLAN_INVALID')).toBe(true);
  });

  it('maps the agent\'s FAILURE_APPLY to PLAN_APPLY_FAILED with node, container and log tail; other errors pass; no Plan is PLAN_NOT_FOUND', async () => {
    const { applier } = applierWith(() => Promise.reject(new AgentCommandError('FAILURE_APPLY', 'container a: health check failing', { container: 'a', logTail: ['l1', 'l2'] })));
    const err = (await applier.apply('c1', 'n1').catch((e: unknown) => e)) as PlanApplyError;
    expect(err).toBeInstanceOf(PlanApplyError);
    expect(err.code).toBe('DROVER_ERR_PLAN_APPLY_FAILED');
    expect(err.failure).toEqual({ node: 'n1', container: 'a', logTail: ['l1', 'l2'] });
    expect(err.details?.causes).toEqual([{ reason: 'Container', field: 'container', message: 'a' }, { reason: 'LogLine', field: 'logTail', message: 'l1' }, { reason: 'LogLine', field: 'logTail', message: 'l2' }]);
    const docker = (await applierWith(() => Promise.reject(new AgentCommandError('FAILURE_DOCKER', 'no engine'))).applier.apply('c1', 'n1').catch((e: unknown) => e)) as AgentCommandError;
    expect(docker.code).toBe('DROVER_ERR_NODE_COMMAND_FAILED');
    const missing = await applier.apply('c1', 'n2').catch((e: unknown) => e);
    expect(isDroverError(missing, 'DROVER_ERR_PLAN_NOT_FOUND')).toBe(true);
  });
});
