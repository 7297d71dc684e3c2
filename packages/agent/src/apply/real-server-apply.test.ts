/**
 * PlanApplier end to end: the real server reads a stored Plan, the sealed certificate and key
 * records and the Cluster's registry credentials, sends ApplyPlan over a real agent's tunnel, and
 * the agent applies it on the real Docker engine (a locally built busybox image; containers of
 * this run only). Node.status then carries each container's spec hash and health and the applied
 * plan hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isDroverError, PlanApplyError } from '@drover/server';
import { ensureComponentCertificates, planObject, RESOURCES } from '@drover/server/testing';
import type { NodePlan, PlanContainer } from '@drover/server/provisioning';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type RunningAgent } from '../agent.ts';
import { parseAgentConfig } from '../config.ts';
import { createDocker, type DockerApi } from '../docker.ts';
import { closedPort } from '../test-support/closed-port.ts';
import { memoryLogger } from '../test-support/fakes.ts';
import { busyboxImage, docker, dockerAnswers, DOCKER_SOCKET } from '../test-support/local-image.ts';
import { startRealServer, type RealServer } from '../test-support/real-server.ts';
import { createApplyEngine, type ApplyEngine } from './engine.ts';

const image = (await dockerAnswers()) ? await busyboxImage() : undefined;
const why = image === undefined ? ' (skipped: no dockerd on /var/run/docker.sock or no static /usr/bin/busybox)' : '';
const prefix = `drover-rsapply-${randomBytes(4).toString('hex')}-`;
const ENGINE = `unix://${DOCKER_SOCKET}`;
const REGISTRY_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;

/** The real engine, seeing only this run's containers (it is shared with other suites). */
function scoped(): { docker: DockerApi; engine: ApplyEngine } {
  const d = createDocker(ENGINE);
  const e = createApplyEngine(ENGINE);
  return {
    docker: { ...d, listContainers: async (o) => (await d.listContainers(o)).filter((c) => (c.Names?.[0] ?? '').startsWith(`/${prefix}`)) },
    engine: { ...e, listManaged: async () => (await e.listManaged()).filter((c) => c.name.startsWith(prefix)) },
  };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(image === undefined)(`PlanApplier through a real agent tunnel${why}`, () => {
  let server: RealServer;
  let agent: RunningAgent;
  let port: number;
  let config: ReturnType<typeof parseAgentConfig>;
  const agentLog = memoryLogger();
  const root = (): string => join(server.dir, 'hostroot');

  const container = (name: string, specHash: string, extra: Partial<PlanContainer> = {}): PlanContainer => ({
    name: prefix + name, image: image!, entrypoint: ['/busybox'], args: ['sleep', '3600'], env: [], binds: [], networkMode: 'host', pidMode: '',
    privileged: false, restartPolicy: 'always', labels: { 'drover.dev/managed': 'true', 'drover.dev/component': name, 'drover.dev/spec-hash': specHash },
    healthCheck: { type: 'tcp', address: `127.0.0.1:${port}` }, specHash, ...extra,
  });
  const kubeconfig = 'apiVersion: v1\nkind: Config\n';
  const plan = (containers: PlanContainer[], hash: string): NodePlan => ({
    node: 'host-a', roles: ['worker'], kubernetesVersion: 'v1.32.6', containers, hash,
    files: [
      { path: '/etc/kubernetes/ssl/kube-node.pem', mode: '0644', kind: 'certificate', sha256: '0'.repeat(64) },
      { path: '/etc/kubernetes/ssl/kube-node-key.pem', mode: '0600', kind: 'private-key', sha256: '0'.repeat(64) },
      { path: '/etc/kubernetes/ssl/kubecfg-kube-node.yaml', mode: '0644', kind: 'kubeconfig', sha256: createHash('sha256').update(kubeconfig).digest('hex'), content: kubeconfig },
    ],
  });
  const storePlan = async (p: NodePlan): Promise<void> => {
    const store = server.app.drover.store;
    const old = await store.tryGet(RESOURCES.plans, 'prod', p.node);
    if (old === undefined) await store.create(RESOURCES.plans, planObject('prod', p));
    else await store.update(RESOURCES.plans, { ...old, spec: planObject('prod', p).spec });
  };
  const channelOpen = (): boolean => {
    try {
      server.app.drover.agents.channel('prod', 'host-a');
      return true;
    } catch {
      return false;
    }
  };
  const node = async () => (await server.api('GET', '/namespaces/prod/nodes/host-a')).body as { status?: { containers?: Record<string, unknown>[]; appliedPlanHash?: string; state?: string } };

  beforeAll(async () => {
    port = await closedPort();
    server = await startRealServer();
    // The server's controllers write the new Cluster's status meanwhile: read again on a conflict, as a client does.
    let put = { status: 0 };
    for (let attempt = 0; attempt < 5 && put.status !== 200; attempt++) {
      const cluster = await server.api('GET', '/clusters/prod');
      put = await server.api('PUT', '/clusters/prod', { ...cluster.body, spec: { privateRegistries: [{ url: 'registry.invalid:5000', default: false, username: 'puller', password: REGISTRY_PASSWORD }] } });
      if (put.status !== 409) break;
    }
    expect(put.status).toBe(200);
    const stored = await server.app.drover.store.get(RESOURCES.clusters, '', 'prod');
    await ensureComponentCertificates(server.app.drover.store, server.app.drover.secretBox, stored, [{ name: 'kube-node', withKey: true, commonName: 'system:node:host-a', organization: 'system:nodes', usages: 'client' }]);
    const argv = await server.nodeCommandArgv('apply');
    config = { ...parseAgentConfig([...argv, '--docker-host', ENGINE, '--node-name', 'host-a', '--config-dir', join(server.dir, 'etc-a')], {}), statusPollMs: 100 };
    const { docker: d, engine } = scoped();
    agent = await startAgent(config, { docker: d, applyEngine: engine, planFileRoot: root(), log: agentLog.log, hostname: 'host-a', selfFiles: () => Promise.resolve({}) });
    await until('the node connected', node, (n) => n.status?.state === 'Connected');
    await until('the command channel', () => Promise.resolve(channelOpen()), (open) => open);
  });
  afterAll(async () => {
    await agent?.close({ graceMs: 200 });
    const names = (await docker(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}']).catch(() => '')).split('\n').filter(Boolean);
    if (names.length > 0) await docker(['rm', '-f', ...names]).catch(() => undefined);
    await server?.close();
  });

  it('applies the stored Plan with its sealed key as a 0600 file; Node.status gets spec hashes, health and the plan hash; a re-apply changes nothing', async () => {
    await storePlan(plan([container('web', 'w1', { args: ['httpd', '-f', '-p', `127.0.0.1:${port}`] })], 'plan-1'));
    const progress: string[] = [];
    const res = await server.app.drover.planApplier.apply('prod', 'host-a', { prune: true, waitHealthy: true, healthTimeoutMs: 20_000, onProgress: (m) => progress.push(m) });
    expect(res).toMatchObject({ planHash: 'plan-1', created: [`${prefix}web`], replaced: [], removed: [], unchanged: [] });
    expect(res.filesWritten).toEqual(['/etc/kubernetes/ssl/kube-node.pem', '/etc/kubernetes/ssl/kube-node-key.pem', '/etc/kubernetes/ssl/kubecfg-kube-node.yaml']);
    expect(res.containers).toMatchObject([{ name: `${prefix}web`, specHash: 'w1', health: 'healthy', state: 'running' }]);
    expect(progress).toContain(`ensuring ${prefix}web`);
    const keyFile = join(root(), 'etc/kubernetes/ssl/kube-node-key.pem');
    const key = await readFile(keyFile, 'utf8');
    expect(key).toContain('-----BEGIN PRIVATE KEY-----');
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(join(root(), 'etc/kubernetes/ssl/kubecfg-kube-node.yaml'), 'utf8')).toBe(kubeconfig);

    const n = await until('spec hash and health on the Node', node, (v) => v.status?.appliedPlanHash === 'plan-1' && v.status.containers?.some((c) => c.health === 'healthy') === true);
    expect(n.status?.containers).toEqual([{ name: `${prefix}web`, image: image!, state: 'running', specHash: 'w1', health: 'healthy' }]);

    const again = await server.app.drover.planApplier.apply('prod', 'host-a', { prune: true });
    expect(again).toMatchObject({ created: [], replaced: [], removed: [], unchanged: [`${prefix}web`], filesWritten: [] });

    const inspected = await docker(['inspect', `${prefix}web`]);
    const body = key.split('\n').filter((l) => !l.startsWith('-----') && l.length > 20)[0]!;
    expect(inspected).not.toContain(body);
    expect(inspected).not.toContain(REGISTRY_PASSWORD);
    expect(agentLog.text()).not.toContain(body);
    expect(agentLog.text()).not.toContain(REGISTRY_PASSWORD);
  });

  it('a failing container rejects with DROVER_ERR_PLAN_APPLY_FAILED naming node, container and log tail; a restarted agent re-reports the applied hash; a missing Plan is PLAN_NOT_FOUND', async () => {
    const dead = await closedPort();
    await storePlan(plan([container('web', 'w1', { args: ['httpd', '-f', '-p', `127.0.0.1:${port}`] }), container('bad', 'b1', { args: ['sh', '-c', 'echo starting; echo cannot bind; exec sleep 3600'], healthCheck: { type: 'tcp', address: `127.0.0.1:${dead}` } })], 'plan-2'));
    const err = await server.app.drover.planApplier.apply('prod', 'host-a', { waitHealthy: true, healthTimeoutMs: 1_500 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(PlanApplyError);
    const e = err as PlanApplyError;
    expect(e.code).toBe('DROVER_ERR_PLAN_APPLY_FAILED');
    expect(e.failure).toEqual({ node: 'host-a', container: `${prefix}bad`, logTail: ['starting', 'cannot bind'] });
    expect(e.details?.name).toBe('host-a');
    expect(e.message).toContain(`${prefix}bad`);
    // The failed plan is not recorded as applied.
    expect((await node()).status?.appliedPlanHash).toBe('plan-1');

    // A restarted agent reports the applied plan hash it kept in its state directory: wipe it
    // from the Node while the agent is away, and the new agent's first report puts it back.
    await agent.close({ graceMs: 200 });
    await until('the node disconnected', node, (v) => v.status?.state === 'Disconnected');
    const stored = await server.app.drover.store.get(RESOURCES.nodes, 'prod', 'host-a');
    const { appliedPlanHash: _dropped, ...rest } = (stored.status ?? {}) as Record<string, unknown>;
    await server.app.drover.store.update(RESOURCES.nodes, { ...stored, status: rest });
    expect((await node()).status?.appliedPlanHash).toBeUndefined();
    agent = await startAgent(config, { docker: scoped().docker, applyEngine: scoped().engine, planFileRoot: root(), log: agentLog.log, hostname: 'host-a', selfFiles: () => Promise.resolve({}) });
    await until('the applied plan hash re-reported', node, (v) => v.status?.state === 'Connected' && v.status.appliedPlanHash === 'plan-1');
    await until('the command channel', () => Promise.resolve(channelOpen()), (open) => open);

    const missing = await server.app.drover.planApplier.apply('prod', 'nope').then(() => undefined, (x: unknown) => x);
    expect(isDroverError(missing, 'DROVER_ERR_PLAN_NOT_FOUND')).toBe(true);
    const logs = await server.app.drover.agents.channel('prod', 'host-a').containerLogs(`${prefix}bad`, 1);
    expect(logs).toEqual(['cannot bind']);
  });
});
