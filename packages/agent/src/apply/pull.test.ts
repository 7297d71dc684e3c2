/**
 * Pulls on the real engine from throwaway local registries (nothing comes from the internet): a
 * missing image is pulled with progress streamed back, a present one is not pulled again, a
 * missing image fails the apply naming the container, and the request's credentials reach a
 * registry that asks for them (only for its host).
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanContainerSpecProps } from '@drover/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_BIN, REGISTRY_USER, startRegistry, type TestRegistry } from '@drover/cli/testing';
import { CommandFailure } from '../service-host.ts';
import { memoryLogger } from '../test-support/fakes.ts';
import { busyboxImage, docker, dockerAnswers, DOCKER_SOCKET } from '../test-support/local-image.ts';
import { PlanRunner } from './apply-plan.ts';
import { createApplyEngine, type ApplyEngine } from './engine.ts';
import { HealthMonitor } from './health-monitor.ts';

const local = (await dockerAnswers()) && existsSync(REGISTRY_BIN) ? await busyboxImage() : undefined;
const why = local === undefined ? ' (skipped: needs dockerd on /var/run/docker.sock, /usr/bin/busybox and /usr/bin/docker-registry; ./scripts/test installs them)' : '';
const prefix = `drover-pull-${randomBytes(4).toString('hex')}-`;

describe.skipIf(local === undefined)(`pulling plan images from a local registry${why}`, () => {
  let registry: TestRegistry;
  let locked: TestRegistry;
  let ref: string;
  let dir: string;
  let runner: PlanRunner;
  const logger = memoryLogger();

  beforeAll(async () => {
    [registry, locked] = await Promise.all([startRegistry(), startRegistry({ auth: 'basic' })]);
    dir = await mkdtemp(join(tmpdir(), 'drover-pull-'));
    ref = `${registry.host}/drover-test/${prefix}busybox:v1`;
    await docker(['tag', local!, ref]);
    await docker(['push', ref]);
    await docker(['rmi', ref]);
    const real = createApplyEngine(`unix://${DOCKER_SOCKET}`);
    const engine: ApplyEngine = { ...real, listManaged: async () => (await real.listManaged()).filter((c) => c.name.startsWith(prefix)) };
    runner = new PlanRunner({ engine, stateDir: join(dir, 'state'), health: new HealthMonitor(), log: logger.log });
  });
  afterAll(async () => {
    const names = (await docker(['ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}']).catch(() => '')).split('\n').filter(Boolean);
    if (names.length > 0) await docker(['rm', '-f', ...names]).catch(() => undefined);
    await docker(['rmi', ref]).catch(() => undefined);
    await Promise.all([registry?.close(), locked?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  const spec = (name: string, image: string): PlanContainerSpecProps => ({
    name: prefix + name, image, entrypoint: ['/busybox'], args: ['sleep', '3600'], networkMode: 'host', restartPolicy: 'no', specHash: 'p1',
    labels: { 'drover.dev/managed': 'true', 'drover.dev/component': name, 'drover.dev/spec-hash': 'p1' },
  });
  const ctx = (events: string[]) => ({ signal: new AbortController().signal, emit: (e: { progress?: { message?: string | null } | null }) => void events.push(e.progress?.message ?? '') });

  it('pulls a missing image with progress, then not again', async () => {
    const events: string[] = [];
    const auths = [{ registry: registry.host, username: 'puller', password: 'pull-password-secret' }];
    const res = await runner.apply({ planHash: 'p', containers: [spec('c', ref)], registryAuths: auths }, ctx(events));
    expect(res.created).toEqual([`${prefix}c`]);
    expect(events).toContain(`pulling ${ref}`);
    expect((await docker(['images', '-q', ref])).trim()).not.toBe('');
    expect(logger.text()).toContain('pulling image');
    expect(logger.text()).not.toContain('pull-password-secret');

    const again: string[] = [];
    await runner.apply({ planHash: 'p', containers: [spec('c2', ref)] }, ctx(again));
    expect(again.filter((m) => m.startsWith('pulling'))).toEqual([]);
  });

  it('an image the registry does not have fails the apply naming the container', async () => {
    const err = await runner.apply({ planHash: 'p', containers: [spec('missing', `${registry.host}/drover-test/absent:v9`)] }, ctx([])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandFailure);
    expect((err as CommandFailure).message).toContain(`container ${prefix}missing`);
    expect((err as CommandFailure).detail).toEqual({ container: `${prefix}missing`, logTail: [] });
  });

  it('pulls every image a change needs before it touches a container: a missing one leaves the host as it was', async () => {
    await runner.apply({ planHash: 'p', containers: [spec('keep', ref)] }, ctx([]));
    const id = (await docker(['inspect', '-f', '{{.Id}}', `${prefix}keep`])).trim();
    const changed = { ...spec('keep', ref), specHash: 'p2', args: ['sleep', '3601'] };
    const err = await runner.apply({ planHash: 'p2', containers: [changed, spec('absent', `${registry.host}/drover-test/absent:v9`)] }, ctx([])).catch((e: unknown) => e);
    expect((err as CommandFailure).message).toContain(`container ${prefix}absent: pulling ${registry.host}/drover-test/absent:v9`);
    expect((await docker(['inspect', '-f', '{{.Id}}', `${prefix}keep`])).trim()).toBe(id);
  });

  it('sends the credentials of the image\'s registry host: without them the locked registry refuses, with them it answers', async () => {
    const image = `${locked.host}/drover-test/absent:v1`;
    const anonymous = await runner.apply({ planHash: 'p', containers: [spec('locked-a', image)], registryAuths: [{ registry: registry.host, username: REGISTRY_USER.username, password: REGISTRY_USER.password }] }, ctx([])).then(() => new Error('applied'), (e: unknown) => e as Error);
    expect(anonymous.message).toMatch(/no basic auth credentials|unauthorized/i);
    const authed = await runner.apply({ planHash: 'p', containers: [spec('locked-b', image)], registryAuths: [{ registry: locked.host, username: REGISTRY_USER.username, password: REGISTRY_USER.password }] }, ctx([])).then(() => new Error('applied'), (e: unknown) => e as Error);
    expect(authed.message).toMatch(/not found|manifest unknown/i);
    expect(authed.message).not.toMatch(/unauthorized|no basic auth/i);
    expect(logger.text()).not.toContain(REGISTRY_USER.password);
  });
});
