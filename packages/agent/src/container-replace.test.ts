import { describe, expect, it } from 'vitest';
import { ownContainerId, replaceOlderAgents, selectReplaced } from './container-replace.ts';
import { fakeDocker } from './test-support/fakes.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);
const label = { 'drover.dev/agent': 'true' };

describe('ownContainerId', () => {
  it('reads the id from the /etc/hostname bind mount in mountinfo (works under --net=host)', () => {
    const mountinfo = [
      '620 600 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X',
      `640 620 8:1 /var/lib/drover-testbed/host1/docker/containers/${A}/resolv.conf /etc/resolv.conf rw - ext4 /dev/sda1 rw`,
      `641 620 8:1 /var/lib/docker/containers/${A}/hostname /etc/hostname rw - ext4 /dev/sda1 rw`,
    ].join('\n');
    expect(ownContainerId({ mountinfo })).toBe(A);
  });

  it('falls back to the cgroup path (v1, or systemd driver on v2)', () => {
    expect(ownContainerId({ cgroup: `12:pids:/docker/${B}\n` })).toBe(B);
    expect(ownContainerId({ cgroup: `0::/system.slice/docker-${C}.scope\n` })).toBe(C);
  });

  it('is undefined outside a container', () => {
    expect(ownContainerId({ mountinfo: '1 0 8:1 / / rw - ext4 /dev/sda1 rw\n', cgroup: '0::/\n' })).toBeUndefined();
  });
});

describe('selectReplaced', () => {
  const list = [
    { Id: A, Created: 100, Labels: label },
    { Id: B, Created: 200, Labels: label },
    { Id: C, Created: 200, Labels: label },
  ];
  it('picks labelled containers created before this one; ties break by id, so two new agents agree', () => {
    expect(selectReplaced(list, C).map((c) => c.Id)).toEqual([A, B]);
    expect(selectReplaced(list, B).map((c) => c.Id)).toEqual([A]);
    expect(selectReplaced(list, A)).toEqual([]);
  });
  it('accepts a short id and picks nothing when this container is unknown', () => {
    expect(selectReplaced(list, C.slice(0, 12)).map((c) => c.Id)).toEqual([A, B]);
    expect(selectReplaced(list, undefined)).toEqual([]);
    expect(selectReplaced(list, 'f'.repeat(64))).toEqual([]);
  });
});

describe('replaceOlderAgents', () => {
  const log = { info: () => undefined, warn: () => undefined };
  it('removes only the older labelled containers', async () => {
    const docker = fakeDocker({ containers: [{ Id: A, Created: 1, Labels: label }, { Id: B, Created: 2, Labels: label }, { Id: C, Created: 0, Labels: {} }] });
    expect(await replaceOlderAgents(docker, B, log)).toEqual([A]);
    expect(docker.removed).toEqual([A]);
  });
  it('removes nothing when it cannot tell which container it is', async () => {
    const docker = fakeDocker({ containers: [{ Id: A, Created: 1, Labels: label }] });
    expect(await replaceOlderAgents(docker, undefined, log)).toEqual([]);
    expect(await replaceOlderAgents(docker, B, log)).toEqual([]);
    expect(docker.removed).toEqual([]);
  });
});
