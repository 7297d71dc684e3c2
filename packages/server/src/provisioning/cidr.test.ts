import { describe, expect, it } from 'vitest';
import { contains, formatIp, nthIp, overlaps, parseCidr, parseIp } from './cidr.ts';
import type { Cidr } from './cidr.ts';
import { checkClusterSpec } from './cluster-spec-check.ts';
import { effectiveClusterSpec } from './cluster-defaults.ts';
import { versionTable } from './versions.ts';

const cidr = (t: string): Cidr => {
  const c = parseCidr(t);
  if (typeof c === 'string') throw new Error(c);
  return c;
};

describe('CIDRs', () => {
  it('parse IPv4 and IPv6 networks and refuse the rest with a reason', () => {
    expect(cidr('10.43.0.0/16')).toMatchObject({ family: 4, prefix: 16 });
    expect(cidr('fd00:10:43::/112')).toMatchObject({ family: 6, prefix: 112 });
    expect(parseCidr('10.43.0.0')).toMatch(/must be a CIDR/);
    expect(parseCidr('10.43.0.300/16')).toMatch(/not an IP address/);
    expect(parseCidr('10.43.0.0/x')).toMatch(/prefix length/);
    expect(parseCidr('fd00::1/64')).toBe('host bits are set; the network is fd00::/64');
  });

  it('overlap and containment', () => {
    expect(overlaps(cidr('10.42.0.0/16'), cidr('10.43.0.0/16'))).toBe(false);
    expect(overlaps(cidr('10.40.0.0/14'), cidr('10.43.255.0/24'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/8'), cidr('fd00::/8'))).toBe(false);
    expect(contains(cidr('10.43.0.0/16'), parseIp('10.43.0.10')!)).toBe(true);
    expect(contains(cidr('10.43.0.0/16'), parseIp('10.44.0.10')!)).toBe(false);
  });

  it('number Service IPs', () => {
    expect(nthIp(cidr('10.43.0.0/16'), 1)).toBe('10.43.0.1');
    expect(nthIp(cidr('10.96.0.0/12'), 10)).toBe('10.96.0.10');
    expect(nthIp(cidr('fd00:10:43::/112'), 10)).toBe('fd00:10:43::a');
    expect(formatIp(6, parseIp('::ffff:10.0.0.1')!.value)).toBe('::ffff:a00:1');
  });
});

describe('the spec checks and defaults', () => {
  const t = versionTable();
  it('pass an empty spec and fill RKE defaults', () => {
    expect(checkClusterSpec(undefined, t)).toEqual([]);
    const e = effectiveClusterSpec(undefined, t);
    expect([e.kubernetesVersion, e.serviceClusterIpRange, e.clusterCidr, e.clusterDnsServer, e.kubernetesServiceIp, e.clusterDomain]).toEqual([
      t.defaultVersion,
      '10.43.0.0/16',
      '10.42.0.0/16',
      '10.43.0.10',
      '10.43.0.1',
      'cluster.local',
    ]);
  });

  it('keep an unsupported version that does not change, refuse mixed families and a too large Service range', () => {
    expect(checkClusterSpec({ kubernetesVersion: 'v1.20.0' }, t, { kubernetesVersion: 'v1.20.0' })).toEqual([]);
    const mixed = checkClusterSpec({ services: { kubeApi: { serviceClusterIpRange: 'fd00:43::/112' } } }, t);
    expect(mixed.map((c) => c.field)).toEqual(['spec.services.kubeController.clusterCidr']);
    expect(mixed[0]?.message).toContain('same IP family');
    const big = checkClusterSpec({ services: { kubeApi: { serviceClusterIpRange: '10.0.0.0/8' } } }, t);
    expect(big[0]?.message).toContain('at least 12');
    const first = checkClusterSpec({ services: { kubelet: { clusterDnsServer: '10.43.0.1' } } }, t);
    expect(first[0]?.field).toBe('spec.services.kubelet.clusterDnsServer');
    expect(checkClusterSpec({ services: { kubeController: { serviceClusterIpRange: '10.96.0.0/16' } } }, t)[0]?.message).toContain('must equal');
    expect(checkClusterSpec({ authentication: { sans: ['Bad_Name'] } }, t)[0]?.field).toBe('spec.authentication.sans[0]');
    expect(checkClusterSpec({ services: { kubeApi: { serviceNodePortRange: '40000-30000' } } }, t)[0]?.field).toBe('spec.services.kubeApi.serviceNodePortRange');
  });
});
