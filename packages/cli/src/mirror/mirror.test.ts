/**
 * `images mirror` on real registries (Debian's docker-registry, two instances on 127.0.0.1): images
 * pushed into the source under upstream repository paths, one of them an OCI index, are copied
 * with their digests unchanged; a second run skips every blob; a run interrupted after one blob
 * resumes without copying that blob again and never left a tag pointing at missing blobs; a
 * missing source image fails by name while the others are still copied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestDigest, pushTestImage, REGISTRY_USER, startRegistry, TOKEN_ISSUER } from '../test-support/registry.ts';
import { startTokenService } from '../test-support/token-service.ts';
import type { TestRegistry } from '../test-support/registry.ts';
import { mirrorImages } from './mirror.ts';
import type { ImageResult } from './mirror.ts';

let src: TestRegistry;
let dst: TestRegistry;
beforeAll(async () => {
  [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
});
afterAll(async () => {
  await Promise.all([src?.close(), dst?.close()]);
});

const copied = (r: ImageResult) => {
  if (r.status !== 'copied') throw new Error(`${r.image}: ${r.error}`);
  return r;
};

describe('mirrorImages', () => {
  it('copies images from the source registry under the same repository paths, digests unchanged, then skips every blob', async () => {
    const api = await pushTestImage(src.host, 'kube-apiserver', 'v1.32.6', { layers: 2 });
    const hk = await pushTestImage(src.host, 'rancher/hyperkube', 'v1.32.6-rancher1', { index: true });
    const images = ['registry.k8s.io/kube-apiserver:v1.32.6', 'docker.io/rancher/hyperkube:v1.32.6-rancher1'];
    const first = (await mirrorImages({ images, registry: dst.host, sourceRegistry: src.host })).map(copied);
    expect(first.map((r) => [r.source, r.target, r.digest])).toEqual([
      [`${src.host}/kube-apiserver:v1.32.6`, `${dst.host}/kube-apiserver:v1.32.6`, api.digest],
      [`${src.host}/rancher/hyperkube:v1.32.6-rancher1`, `${dst.host}/rancher/hyperkube:v1.32.6-rancher1`, hk.digest],
    ]);
    expect(await manifestDigest(dst.host, 'kube-apiserver', 'v1.32.6')).toBe(api.digest);
    expect(await manifestDigest(dst.host, 'rancher/hyperkube', 'v1.32.6-rancher1')).toBe(hk.digest);
    expect(first.map((r) => [r.manifests, r.blobsCopied, r.blobsSkipped])).toEqual([[1, 3, 0], [2, 2, 0]]);
    expect(first[0]!.bytesCopied).toBe(api.blobs.reduce((n, b) => n + b.size, 0));

    const blobPutsBefore = dst.requests().filter((l) => l.startsWith('PUT') && l.includes('/blobs/uploads/')).length;
    expect(blobPutsBefore).toBe(5);
    const again = (await mirrorImages({ images, registry: dst.host, sourceRegistry: src.host })).map(copied);
    expect(again.map((r) => [r.digest, r.blobsCopied, r.blobsSkipped, r.bytesCopied])).toEqual([[api.digest, 0, 3, 0], [hk.digest, 0, 2, 0]]);
    expect(dst.requests().filter((l) => l.startsWith('PUT') && l.includes('/blobs/uploads/')).length).toBe(blobPutsBefore);
  });

  it('resumes a run interrupted after one blob without copying it again', async () => {
    const img = await pushTestImage(src.host, 'etcd', '3.5.16-0', { layers: 3, layerBytes: 64 * 1024 });
    const images = ['registry.k8s.io/etcd:3.5.16-0'];
    const abort = new AbortController();
    const seen: string[] = [];
    const interrupted = mirrorImages({
      images,
      registry: `${dst.host}/resume`,
      sourceRegistry: src.host,
      signal: abort.signal,
      onBlob: (_image, e) => {
        seen.push(e.digest);
        abort.abort(new Error('interrupted by the test'));
      },
    });
    await expect(interrupted).rejects.toThrow('interrupted by the test');
    expect(seen).toHaveLength(1);
    // The manifest goes last: no tag points at blobs that are not there.
    expect(await manifestDigest(dst.host, 'resume/etcd', '3.5.16-0')).toBeUndefined();

    const [r] = (await mirrorImages({ images, registry: `${dst.host}/resume`, sourceRegistry: src.host })).map(copied);
    expect([r!.digest, r!.blobsSkipped, r!.blobsCopied]).toEqual([img.digest, 1, 3]);
    expect(await manifestDigest(dst.host, 'resume/etcd', '3.5.16-0')).toBe(img.digest);
  });

  it('names a missing source image with a stable code and still copies the others', async () => {
    const pause = await pushTestImage(src.host, 'pause', '3.10');
    const progress: string[] = [];
    const results = await mirrorImages({
      images: ['registry.k8s.io/coredns/coredns:v1.11.3', 'registry.k8s.io/pause:3.10'],
      registry: `${dst.host}/partial`,
      sourceRegistry: src.host,
      onProgress: (l) => progress.push(l),
    });
    expect(results[0]).toMatchObject({ status: 'failed', code: 'DROVER_ERR_CLI_IMAGE_MISSING', image: 'registry.k8s.io/coredns/coredns:v1.11.3' });
    expect(results[0]!.status === 'failed' && results[0]!.error).toBe(`${src.host}/coredns/coredns:v1.11.3 not found in the source registry ${src.host}`);
    expect(copied(results[1]!).digest).toBe(pause.digest);
    expect(await manifestDigest(dst.host, 'partial/pause', '3.10')).toBe(pause.digest);
    expect(progress.join('')).toContain(`${dst.host}/partial/coredns/coredns:v1.11.3: FAILED`);
  });

  it('mounts blobs instead of copying them when source and target are the same registry', async () => {
    const img = await pushTestImage(src.host, 'upstream/kube-proxy', 'v1.32.6', { layers: 2 });
    const puts = () => src.requests().filter((l) => l.startsWith('PUT') && l.includes('/blobs/uploads/')).length;
    const before = puts();
    const [r] = (await mirrorImages({ images: ['registry.k8s.io/kube-proxy:v1.32.6'], registry: src.host, sourceRegistry: `${src.host}/upstream` })).map(copied);
    expect([r!.target, r!.digest, r!.blobsCopied]).toEqual([`${src.host}/kube-proxy:v1.32.6`, img.digest, 3]);
    expect(await manifestDigest(src.host, 'kube-proxy', 'v1.32.6')).toBe(img.digest);
    expect(puts()).toBe(before);
    expect(src.requests().filter((l) => /^POST \/v2\/kube-proxy\/blobs\/uploads\/\?mount=sha256(%3A|:)/.test(l))).toHaveLength(3);
  });

  it('fails an unreachable target by name, without a stack', async () => {
    const [r] = await mirrorImages({ images: ['registry.k8s.io/pause:3.10'], registry: '127.0.0.1:1', sourceRegistry: src.host });
    expect(r).toMatchObject({ status: 'failed', code: 'DROVER_ERR_CLI_MIRROR_FAILED' });
    expect(r!.status === 'failed' && r!.error).toMatch(/^127\.0\.0\.1:1: /);
  });
});

describe('mirrorImages with token auth', () => {
  it('fetches a Bearer token for each repository scope from the registry token service, with the credentials', async () => {
    const token = await startTokenService({ issuer: TOKEN_ISSUER, ...REGISTRY_USER });
    const locked = await startRegistry({ auth: 'token', token });
    try {
      const img = await pushTestImage(src.host, 'kube-controller-manager', 'v1.32.6', { index: true });
      const images = ['registry.k8s.io/kube-controller-manager:v1.32.6'];
      const [anonymous] = await mirrorImages({ images, registry: locked.host, sourceRegistry: src.host });
      expect(anonymous).toMatchObject({ status: 'failed', code: 'DROVER_ERR_CLI_MIRROR_FAILED' });
      expect(anonymous!.status === 'failed' && anonymous!.error).toContain(`${locked.host}: token service http://127.0.0.1:`);
      const [r] = (await mirrorImages({ images, registry: locked.host, sourceRegistry: src.host, targetCredentials: REGISTRY_USER })).map(copied);
      expect([r!.digest, r!.blobsCopied]).toEqual([img.digest, 2]);
      // One token per repository scope, cached for every call after it.
      expect(token.issued()).toBe(1);
    } finally {
      await locked.close();
      await token.close();
    }
  });
});
