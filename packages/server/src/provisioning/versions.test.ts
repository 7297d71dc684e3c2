import { describe, expect, it } from 'vitest';
import { parseVersionTable, versionTable, versionTableData } from './versions.ts';

const raw = () => versionTableData() as { defaultVersion: string; versions: Record<string, unknown>[] };

describe('the version table', () => {
  it('holds at least two versions of upstream images, the default among them', () => {
    const t = versionTable();
    expect(t.versions.length).toBeGreaterThanOrEqual(2);
    expect(t.find(t.defaultVersion)?.version).toBe(t.defaultVersion);
    for (const v of t.versions) {
      const tag = v.version;
      expect(v.images.kubeApiserver).toBe(`registry.k8s.io/kube-apiserver:${tag}`);
      expect(v.images.kubeControllerManager).toBe(`registry.k8s.io/kube-controller-manager:${tag}`);
      expect(v.images.kubeScheduler).toBe(`registry.k8s.io/kube-scheduler:${tag}`);
      expect(v.images.kubeProxy).toBe(`registry.k8s.io/kube-proxy:${tag}`);
      expect(v.images.etcd).toMatch(/^registry\.k8s\.io\/etcd:3\.5\.\d+-0$/);
      expect(v.images.kubelet).toBe(`docker.io/rancher/hyperkube:${tag}-rancher1`);
    }
    expect(t.find('v1.0.0')).toBeUndefined();
  });

  it('is frozen', () => {
    const v = versionTable().versions[0]!;
    expect(() => {
      (v.images as { etcd: string }).etcd = 'x';
    }).toThrow(TypeError);
  });

  it('refuses a broken table naming the place', () => {
    const noDefault = { ...raw(), defaultVersion: 'v1.99.0' };
    expect(() => parseVersionTable(noDefault)).toThrow(/\/defaultVersion: v1.99.0 is not in versions/);
    const short = raw();
    (short.versions[0]!.images as Record<string, string>).etcd = 'etcd:3.5.16-0';
    expect(() => parseVersionTable(short)).toThrow(/\/versions\/0\/images\/etcd: image "etcd:3.5.16-0" must be fully qualified/);
    const clash = raw();
    (clash.versions[0]!.images as Record<string, string>).coredns = 'docker.io/kube-proxy:v1';
    expect(() => parseVersionTable(clash)).toThrow(/collide in a mirror/);
    const extra = raw();
    (extra.versions[1]!.images as Record<string, string>).dashboard = 'docker.io/x/y:1';
    expect(() => parseVersionTable(extra)).toThrow(/is invalid/);
    const twice = raw();
    twice.versions.push(twice.versions[0]!);
    expect(() => parseVersionTable(twice)).toThrow(/listed twice/);
  });
});
