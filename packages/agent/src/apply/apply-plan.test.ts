import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyPlanProps, PlanContainerSpecProps } from '@drover/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandFailure } from '../service-host.ts';
import { closedPort } from '../test-support/closed-port.ts';
import { memoryLogger } from '../test-support/fakes.ts';
import { busyboxImage, docker, dockerAnswers, DOCKER_SOCKET } from '../test-support/local-image.ts';
import { PlanRunner } from './apply-plan.ts';
import { createApplyEngine, type ApplyEngine } from './engine.ts';
import { HealthMonitor } from './health-monitor.ts';

const engineUp = await dockerAnswers();
const image = engineUp ? await busyboxImage() : undefined;
const skip = image === undefined;
const why = skip ? ' (skipped: no dockerd on /var/run/docker.sock or no static /usr/bin/busybox; ./scripts/test starts the engine)' : '';

const run = randomBytes(4).toString('hex');
const prefix = `drover-apply-${run}-`;
const KEY_MARKER = `PRIVATE-KEY-MATERIAL-${randomBytes(8).toString('hex')}`;

/** The real engine, seeing only this run's containers (the engine is shared with other suites). */
function scopedEngine(): ApplyEngine {
  const real = createApplyEngine(`unix://${DOCKER_SOCKET}`);
  return { ...real, listManaged: async () => (await real.listManaged()).filter((c) => c.name.startsWith(prefix)) };
}

async function ids(): Promise<Record<string, string>> {
  const out = await docker(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}} {{.ID}}']);
  return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]));
}

describe.skipIf(skip)(`applying a plan on the real engine${why}`, () => {
  let dir: string;
  let port: number;
  const logger = memoryLogger();
  let runner: PlanRunner;
  const ctx = (events: string[] = []) => ({ signal: new AbortController().signal, emit: (e: { progress?: { message?: string | null } | null }) => void events.push(e.progress?.message ?? '') });

  const container = (name: string, specHash: string, extra: Partial<PlanContainerSpecProps> = {}): PlanContainerSpecProps => ({
    name: prefix + name, image: image!, entrypoint: ['/busybox'], args: ['sleep', '3600'], env: ['A=1'], binds: [`${dir}:/etc/kubernetes:ro`],
    networkMode: 'host', pidMode: '', privileged: false, restartPolicy: 'no',
    labels: { 'drover.dev/managed': 'true', 'drover.dev/component': name, 'drover.dev/spec-hash': specHash }, specHash, ...extra,
  });
  const plan = (containers: PlanContainerSpecProps[], extra: Partial<ApplyPlanProps> = {}): ApplyPlanProps => ({
    planHash: `plan-${containers.map((c) => c.specHash).join('-')}`, containers, complete: true,
    files: [
      { path: join(dir, 'ssl', 'kube-apiserver-key.pem'), mode: 0o600, content: Buffer.from(`-----BEGIN PRIVATE KEY-----\n${KEY_MARKER}\n-----END PRIVATE KEY-----\n`) },
      { path: join(dir, 'ssl', 'kube-ca.pem'), mode: 0o644, content: Buffer.from('-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n') },
    ],
    registryAuths: [{ registry: 'registry.invalid:5000', username: 'u', password: 'registry-password-secret' }],
    ...extra,
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drover-apply-'));
    port = await closedPort();
    runner = new PlanRunner({ engine: scopedEngine(), stateDir: join(dir, 'state'), health: new HealthMonitor({ minIntervalMs: 0 }), log: logger.log });
  });
  afterAll(async () => {
    const names = Object.keys(await ids().catch(() => ({})));
    if (names.length > 0) await docker(['rm', '-f', ...names]).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the containers with the plan\'s labels, a 0600 key file, and remembers the plan hash', async () => {
    const server = container('server', 'h1', { args: ['httpd', '-f', '-p', `127.0.0.1:${port}`], healthCheck: { type: 'tcp', address: `127.0.0.1:${port}` } });
    const events: string[] = [];
    const res = await runner.apply(plan([server, container('idle', 'h2')], { waitHealthy: true, healthTimeoutMs: 20_000 }), ctx(events));
    expect(res.created).toEqual([`${prefix}server`, `${prefix}idle`]);
    expect(res.filesWritten).toEqual([join(dir, 'ssl', 'kube-apiserver-key.pem'), join(dir, 'ssl', 'kube-ca.pem')]);
    expect((await stat(join(dir, 'ssl', 'kube-apiserver-key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'ssl', 'kube-ca.pem'))).mode & 0o777).toBe(0o644);
    expect(events).toContain(`ensuring ${prefix}server`);
    const inspected = JSON.parse(await docker(['inspect', `${prefix}server`])) as { Config: { Labels: Record<string, string> } }[];
    expect(inspected[0]!.Config.Labels).toEqual({
      'drover.dev/managed': 'true', 'drover.dev/component': 'server', 'drover.dev/spec-hash': 'h1',
      'drover.dev/health-check': JSON.stringify({ type: 'tcp', address: `127.0.0.1:${port}` }),
    });
    expect(res.containers?.find((c) => c.name === `${prefix}server`)).toMatchObject({ state: 'running', specHash: 'h1', health: 'healthy' });
    expect(runner.appliedPlanHash).toBe('plan-h1-h2');
    expect(JSON.parse(await readFile(join(dir, 'state', 'applied-plan.json'), 'utf8'))).toEqual({ planHash: 'plan-h1-h2' });
    const restarted = new PlanRunner({ engine: scopedEngine(), stateDir: join(dir, 'state'), health: new HealthMonitor(), log: logger.log });
    await restarted.load();
    expect(restarted.appliedPlanHash).toBe('plan-h1-h2');
  });

  it('applying the same plan again changes nothing: same container ids, no file rewritten; a stopped one is started', async () => {
    const before = await ids();
    const keyMtime = (await stat(join(dir, 'ssl', 'kube-apiserver-key.pem'))).mtimeMs;
    await docker(['stop', '-t', '0', `${prefix}idle`]);
    const server = container('server', 'h1', { args: ['httpd', '-f', '-p', `127.0.0.1:${port}`], healthCheck: { type: 'tcp', address: `127.0.0.1:${port}` } });
    const res = await runner.apply(plan([server, container('idle', 'h2')]), ctx());
    expect(res).toMatchObject({ created: [], replaced: [], removed: [], filesWritten: [] });
    expect(res.unchanged).toEqual([`${prefix}server`, `${prefix}idle`]);
    expect(await ids()).toEqual(before);
    expect((await stat(join(dir, 'ssl', 'kube-apiserver-key.pem'))).mtimeMs).toBe(keyMtime);
    expect((await docker(['inspect', '-f', '{{.State.Status}}', `${prefix}idle`])).trim()).toBe('running');
  });

  it('a changed spec hash replaces exactly that container; prune removes an extra managed container, never an agent', async () => {
    const before = await ids();
    await docker(['create', '--name', `${prefix}extra`, '--label', 'drover.dev/managed=true', image!, 'sleep', '3600']);
    await docker(['create', '--name', `${prefix}agent`, '--label', 'drover.dev/managed=true', '--label', 'drover.dev/agent=true', image!, 'sleep', '3600']);
    const server = container('server', 'h1', { args: ['httpd', '-f', '-p', `127.0.0.1:${port}`], healthCheck: { type: 'tcp', address: `127.0.0.1:${port}` } });
    const res = await runner.apply(plan([server, container('idle', 'h3', { env: ['A=2'] })], { prune: true }), ctx());
    expect(res).toMatchObject({ created: [], replaced: [`${prefix}idle`], unchanged: [`${prefix}server`], removed: [`${prefix}extra`] });
    const after = await ids();
    expect(after[`${prefix}server`]).toBe(before[`${prefix}server`]);
    expect(after[`${prefix}idle`]).not.toBe(before[`${prefix}idle`]);
    expect(after[`${prefix}extra`]).toBeUndefined();
    expect(after[`${prefix}agent`]).toBeDefined();
    expect((await docker(['inspect', '-f', '{{index .Config.Labels "drover.dev/spec-hash"}} {{index .Config.Env 0}}', `${prefix}idle`])).trim()).toBe('h3 A=2');
  });

  it('a failing health check fails the apply naming the container, with its last log lines', async () => {
    const dead = await closedPort();
    const noisy = container('noisy', 'h4', { args: ['sh', '-c', 'for i in $(seq 1 30); do echo line-$i; done; exec sleep 3600'], entrypoint: ['/busybox'], healthCheck: { type: 'tcp', address: `127.0.0.1:${dead}` } });
    const err = await runner.apply(plan([noisy], { waitHealthy: true, healthTimeoutMs: 1_500, complete: false }), ctx()).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailure);
    const f = err as CommandFailure;
    expect(f.message).toContain(`container ${prefix}noisy`);
    expect(f.message).toContain('health check');
    expect(f.detail?.container).toBe(`${prefix}noisy`);
    expect(f.detail?.logTail).toHaveLength(20);
    expect(f.detail?.logTail?.at(-1)).toBe('line-30');
    expect(runner.appliedPlanHash).toBe('plan-h1-h3'); // a failed (and partial) apply is not remembered
  });

  it('no key material or registry password in docker inspect or in the log', async () => {
    const names = Object.keys(await ids());
    expect(names.length).toBeGreaterThan(2);
    const inspected = await docker(['inspect', ...names]);
    expect(inspected).not.toContain(KEY_MARKER);
    expect(inspected).not.toContain('registry-password-secret');
    expect(logger.text()).toContain('plan applied');
    expect(logger.text()).not.toContain(KEY_MARKER);
    expect(logger.text()).not.toContain('registry-password-secret');
  });
});
