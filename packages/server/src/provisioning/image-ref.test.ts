import { describe, expect, it } from 'vitest';
import { parseImageRef, rewriteImage } from './image-ref.ts';
import { imagesOf, versionTable } from './versions.ts';

describe('the private-registry rewrite rule', () => {
  it('keeps the repository path and tag, replaces the registry host', () => {
    expect(rewriteImage('registry.k8s.io/kube-apiserver:v1.32.6', 'reg.local:5000')).toBe('reg.local:5000/kube-apiserver:v1.32.6');
    expect(rewriteImage('registry.k8s.io/coredns/coredns:v1.11.3', 'reg.local:5000')).toBe('reg.local:5000/coredns/coredns:v1.11.3');
    expect(rewriteImage('docker.io/rancher/hyperkube:v1.32.6-rancher1', '10.0.0.5:5000')).toBe('10.0.0.5:5000/rancher/hyperkube:v1.32.6-rancher1');
  });

  it('puts a registry path prefix in front of the repository path; tolerates a scheme and slashes', () => {
    expect(rewriteImage('registry.k8s.io/etcd:3.5.16-0', 'reg.local/mirror/k8s')).toBe('reg.local/mirror/k8s/etcd:3.5.16-0');
    expect(rewriteImage('registry.k8s.io/etcd:3.5.16-0', 'https://reg.local:443/')).toBe('reg.local:443/etcd:3.5.16-0');
  });

  it('keeps a digest', () => {
    const d = `sha256:${'a'.repeat(64)}`;
    expect(rewriteImage(`registry.k8s.io/pause:3.10@${d}`, 'r.local')).toBe(`r.local/pause:3.10@${d}`);
  });

  it('leaves the image alone without a registry', () => {
    expect(rewriteImage('registry.k8s.io/pause:3.10', undefined)).toBe('registry.k8s.io/pause:3.10');
    expect(rewriteImage('registry.k8s.io/pause:3.10', '')).toBe('registry.k8s.io/pause:3.10');
  });

  it('refuses references that are not fully qualified, and bad registries', () => {
    expect(() => parseImageRef('rancher/hyperkube:v1')).toThrow(/fully qualified/);
    expect(() => parseImageRef('nginx:1')).toThrow(/fully qualified/);
    expect(() => parseImageRef('registry.k8s.io/pause')).toThrow(/tag or a digest/);
    expect(() => parseImageRef('registry.k8s.io/Pause:1')).toThrow(/repository path/);
    expect(() => rewriteImage('registry.k8s.io/pause:3.10', 'bad host')).toThrow(/invalid host/);
  });

  it('maps every image of every version to a distinct image in the mirror', () => {
    for (const v of versionTable().versions) {
      const images = imagesOf(v);
      const rewritten = images.map((i) => rewriteImage(i, 'mirror.local:5000'));
      expect(new Set(rewritten).size).toBe(images.length);
      for (const r of rewritten) expect(r.startsWith('mirror.local:5000/')).toBe(true);
    }
  });
});
