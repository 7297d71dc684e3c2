import { describe, expect, it } from 'vitest';
import { serviceTarget, tcpTarget, unixTarget } from '@drover/tunnel';
import { agentDialPolicy } from './dial-policy.ts';

describe('agentDialPolicy', () => {
  const warned: unknown[] = [];
  const policy = agentDialPolicy([{ host: '127.0.0.1', port: 9099 }], { warn: (obj) => warned.push(obj) });

  it('allows the local Kubernetes and etcd ports on 127.0.0.1 and localhost', () => {
    for (const port of [6443, 10250, 10257, 10259, 2379, 2381]) {
      expect(policy(tcpTarget('127.0.0.1', port))).toBe(true);
      expect(policy(tcpTarget('localhost', port))).toBe(true);
    }
    expect(policy(tcpTarget('127.0.0.1', 9099))).toBe(true);
  });

  it('never allows the Docker socket, the Docker TCP port, other hosts or other ports', () => {
    expect(policy(unixTarget('/var/run/docker.sock'))).toBe(false);
    expect(policy(unixTarget('/run/docker.sock'))).toBe(false);
    expect(policy(tcpTarget('127.0.0.1', 2375))).toBe(false);
    expect(policy(tcpTarget('127.0.0.1', 2376))).toBe(false);
    expect(policy(tcpTarget('10.0.0.5', 6443))).toBe(false);
    expect(policy(tcpTarget('localhost', 9099))).toBe(false);
    expect(policy(tcpTarget('127.0.0.1', 22))).toBe(false);
    expect(warned).toContainEqual({ target: 'unix:/var/run/docker.sock' });
  });

  it('even an --allow for a unix path cannot open the Docker socket (only TCP rules exist)', () => {
    const p = agentDialPolicy([{ host: '/var/run/docker.sock', port: 1 }]);
    expect(p(unixTarget('/var/run/docker.sock'))).toBe(false);
  });
});

describe('agentDialPolicy and services', () => {
  it('allows exactly the services the agent serves', () => {
    const p = agentDialPolicy([], undefined, ['drover.agent.v1']);
    expect(p(serviceTarget('drover.agent.v1'))).toBe(true);
    expect(p(serviceTarget('drover.agent.v2'))).toBe(false);
    expect(p(tcpTarget('drover.agent.v1', 6443))).toBe(false);
    expect(agentDialPolicy([])(serviceTarget('drover.agent.v1'))).toBe(false);
  });
});
