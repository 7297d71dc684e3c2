import { describe, expect, it } from 'vitest';
import type { AgentStatusProps } from '@drover/protocol';
import type { ContainerSummary, DockerApi } from './docker.ts';
import { HostStatus } from './host-status.ts';

describe('HostStatus.watch', () => {
  it('reports a change at its next poll, or at once when poked (after a plan was applied)', async () => {
    let containers: ContainerSummary[] = [];
    const docker: DockerApi = {
      ping: () => Promise.resolve('OK'),
      info: () => Promise.resolve({ ID: 'ENGINE', ServerVersion: '28.0.0', Driver: 'overlay2', CgroupDriver: 'systemd', OperatingSystem: 'Debian', KernelVersion: '6.1', NCPU: 2, MemTotal: 1 }),
      listContainers: () => Promise.resolve(containers),
      removeContainer: () => Promise.resolve(),
    };
    // A poll interval far beyond the test's bounds: only a poke can make the second report come.
    const status = new HostStatus({ docker, version: '0.1.0', pollMs: 600_000, log: { warn: () => undefined } });
    const seen: AgentStatusProps[] = [];
    const ac = new AbortController();
    const watching = status.watch((s) => seen.push(s), ac.signal).catch(() => undefined);
    await expect.poll(() => seen.length, { timeout: 5000, interval: 10 }).toBe(1);
    containers = [{ Id: 'c1', Names: ['/etcd'], Image: 'etcd:3', State: 'running', Created: 1, Labels: { 'drover.dev/managed': 'true' } }];
    status.poke();
    await expect.poll(() => seen.length, { timeout: 5000, interval: 10 }).toBe(2);
    expect(seen[1]!.containers?.map((c) => c.name)).toEqual(['etcd']);
    // Poked with nothing changed: no report.
    status.poke();
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(2);
    ac.abort();
    await watching;
  });
});
