import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocker, createDocker, dockerOptions } from './docker.ts';
import { fakeDocker } from './test-support/fakes.ts';
import { agentFailure } from './test-support/agent-failure.ts';

const dockerAnswers = existsSync('/var/run/docker.sock') && await new Promise<boolean>((resolve) => {
  const req = request({ socketPath: '/var/run/docker.sock', path: '/_ping', timeout: 1000 }, (res) => {
    res.resume();
    resolve(res.statusCode === 200);
  });
  req.on('timeout', () => req.destroy());
  req.on('error', () => resolve(false));
  req.end();
});

describe('checkDocker', () => {
  it('a missing socket says how to mount it', async () => {
    const err = await agentFailure(checkDocker(createDocker('unix:///nonexistent/docker.sock'), 'unix:///nonexistent/docker.sock'));
    expect(err.code).toBe('DROVER_ERR_AGENT_DOCKER_SOCKET_MISSING');
    expect(err.message).toContain('/nonexistent/docker.sock');
    expect(err.message).toContain('-v /var/run:/var/run');
  });

  it('a socket path nobody answers on is "unreachable"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agent-docker-'));
    try {
      await writeFile(join(dir, 'docker.sock'), '');
      const host = `unix://${join(dir, 'docker.sock')}`;
      const err = await agentFailure(checkDocker(createDocker(host), host));
      expect(err.code).toBe('DROVER_ERR_AGENT_DOCKER_UNREACHABLE');
      expect(err.message).toContain(host);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports the engine facts', async () => {
    const facts = await checkDocker(fakeDocker(), 'tcp://127.0.0.1:2375');
    expect(facts).toMatchObject({ version: '28.2.2', storageDriver: 'overlay2', cgroupDriver: 'systemd', cpus: 2, memoryBytes: 25_000_000_000 });
  });

  it('parses DOCKER_HOST forms', () => {
    expect(dockerOptions('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerOptions('tcp://10.0.0.1:2375')).toEqual({ host: '10.0.0.1', port: 2375, protocol: 'http' });
  });

  // The real engine, when one answers on this machine (the testbed and scripts/build-images start
  // dockerd). A socket file alone is not enough: a killed dockerd leaves it behind.
  const noEngine = dockerAnswers ? '' : ' (skipped: no dockerd answers on /var/run/docker.sock; ./scripts/test starts one)';
  it.skipIf(!dockerAnswers)(`reads the real engine's ID, version and drivers${noEngine}`, async () => {
    const facts = await checkDocker(createDocker('unix:///var/run/docker.sock'), 'unix:///var/run/docker.sock');
    expect(facts.engineId).toMatch(/^[A-Z0-9]{4}(:[A-Z0-9]{4}){11}$|^[0-9a-f-]{36}$/);
    expect(facts.version).toMatch(/^\d+\.\d+/);
    expect(facts.storageDriver).not.toBe('');
    expect(facts.cpus).toBeGreaterThan(0);
    expect(facts.memoryBytes).toBeGreaterThan(0);
  });
});
