/**
 * `drover images mirror` as a process against two real registries: the whole default version of
 * the real version table, pushed into the source under the upstream repository paths except one
 * image — exit 4 naming it, the others mirrored with their digests; after that image is pushed a
 * second run copies only it and skips every other blob. Also the usage errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImageRef, rewriteImage, versionTable } from '@drover/server/provisioning';
import { manifestDigest, pushTestImage, REGISTRY_USER, startRegistry } from '../test-support/registry.ts';
import type { TestRegistry } from '../test-support/registry.ts';
import { drover } from '../test-support/run.ts';

let src: TestRegistry;
let dst: TestRegistry;
beforeAll(async () => {
  [src, dst] = await Promise.all([startRegistry(), startRegistry()]);
});
afterAll(async () => {
  await Promise.all([src?.close(), dst?.close()]);
});

interface Row {
  image: string;
  target: string;
  status: string;
  digest?: string;
  code?: string;
  blobsCopied?: number;
  blobsSkipped?: number;
}

describe('drover images mirror', () => {
  it('mirrors every image of a version, names a missing one (exit 4), and a rerun copies only what is missing', async () => {
    const table = versionTable();
    const images = [...new Set(Object.values(table.find(table.defaultVersion)!.images))];
    const missing = images.find((i) => i.includes('/flannel/flannel:'))!;
    const digests = new Map<string, string>();
    for (const image of images.filter((i) => i !== missing)) {
      const ref = parseImageRef(image);
      digests.set(image, (await pushTestImage(src.host, ref.repository, ref.tag!, { index: ref.repository.includes('coredns') })).digest);
    }
    const args = ['images', 'mirror', '--registry', `${dst.host}/mirror`, '--source-registry', src.host, '-o', 'json'];
    const first = await drover(args);
    expect(first.code, first.stderr).toBe(4);
    expect(first.stderr).toContain(`error: DROVER_ERR_CLI_IMAGE_MISSING: 1 of ${images.length} images not mirrored:\n  ${missing}: DROVER_ERR_CLI_IMAGE_MISSING: ${rewriteImage(missing, src.host)} not found`);
    const rows = JSON.parse(first.stdout) as Row[];
    expect(rows.map((r) => r.image)).toEqual(images);
    for (const r of rows) {
      if (r.image === missing) expect([r.status, r.code]).toEqual(['failed', 'DROVER_ERR_CLI_IMAGE_MISSING']);
      else {
        expect([r.status, r.target, r.digest]).toEqual(['copied', rewriteImage(r.image, `${dst.host}/mirror`), digests.get(r.image)]);
        const t = parseImageRef(r.target);
        expect(await manifestDigest(dst.host, t.repository, t.tag!)).toBe(r.digest);
      }
    }
    expect(first.stderr).toContain(`[1/${images.length}] ${dst.host}/mirror/`);

    const ref = parseImageRef(missing);
    await pushTestImage(src.host, ref.repository, ref.tag!);
    const started = Date.now();
    const second = await drover(args);
    const ms = Date.now() - started;
    expect(second.code, second.stderr).toBe(0);
    const again = JSON.parse(second.stdout) as Row[];
    for (const r of again) expect([r.image, r.status, r.blobsCopied === 0]).toEqual([r.image, 'copied', r.image !== missing]);
    expect(again.filter((r) => r.image !== missing).every((r) => (r.blobsSkipped ?? 0) > 0)).toBe(true);
    expect(second.stderr).toMatch(new RegExp(`mirrored ${images.length}/${images.length} images to ${dst.host}/mirror in [0-9.]+ s: 2 blobs copied, `));
    console.log(`mirror rerun of ${images.length} images (1 new): ${ms} ms`);
  });

  it('authenticates to a registry with Basic auth from the environment or stdin, and never prints the password', async () => {
    const locked = await startRegistry({ auth: 'basic' });
    try {
      const pushed = await pushTestImage(src.host, 'kube-scheduler', 'v1.31.5');
      const missing = (img: string) => img.includes('/kube-scheduler:');
      // Only one image of v1.31.5 is at the source: the others fail as missing, which is beside the point here.
      const args = ['images', 'mirror', '--registry', locked.host, '--source-registry', src.host, '--version', 'v1.31.5', '-o', 'json'];
      const anonymous = await drover(args);
      const rowsOf = (stdout: string) => (JSON.parse(stdout) as (Row & { error?: string })[]).filter((r) => missing(r.image));
      expect(rowsOf(anonymous.stdout)[0]).toMatchObject({ status: 'failed', code: 'DROVER_ERR_CLI_MIRROR_FAILED' });
      expect(rowsOf(anonymous.stdout)[0]!.error).toContain(`${locked.host}: the registry asks for credentials`);

      const wrong = await drover(args, { env: { DROVER_REGISTRY_USERNAME: REGISTRY_USER.username, DROVER_REGISTRY_PASSWORD: 'not-the-password' } });
      expect(rowsOf(wrong.stdout)[0]!.error).toContain('unauthorized (credentials refused)');
      expect(wrong.stdout + wrong.stderr).not.toContain('not-the-password');

      const env = await drover(args, { env: { DROVER_REGISTRY_USERNAME: REGISTRY_USER.username, DROVER_REGISTRY_PASSWORD: REGISTRY_USER.password } });
      expect(rowsOf(env.stdout)[0]).toMatchObject({ status: 'copied', digest: pushed.digest });
      expect(await manifestDigest(locked.host, 'kube-scheduler', 'v1.31.5', REGISTRY_USER)).toBe(pushed.digest);
      expect(await manifestDigest(locked.host, 'kube-scheduler', 'v1.31.5').catch((e: Error) => e.message)).toBe('HEAD kube-scheduler:v1.31.5: 401');

      const stdin = await drover([...args, '--registry-username', REGISTRY_USER.username, '--registry-password-stdin'], { stdin: `${REGISTRY_USER.password}\n` });
      expect(rowsOf(stdin.stdout)[0]).toMatchObject({ status: 'copied', digest: pushed.digest, blobsCopied: 0 });
      for (const r of [anonymous, wrong, env, stdin]) expect(r.stdout + r.stderr).not.toContain(REGISTRY_USER.password);
    } finally {
      await locked.close();
    }
  });

  it('stops on SIGINT with exit 130 and resumes on the next run, skipping the blobs already copied', async () => {
    const etcd = await pushTestImage(src.host, 'etcd', '3.5.15-0', { layers: 4, layerBytes: 4 << 20 });
    const api = await pushTestImage(src.host, 'kube-apiserver', 'v1.31.5', { layers: 8, layerBytes: 16 << 20 });
    const args = ['images', 'mirror', '--registry', `${dst.host}/killed`, '--source-registry', src.host, '--version', 'v1.31.5', '-o', 'json'];
    let signalled = false;
    const killed = await drover(args, {
      onStderr: (text, kill) => {
        if (!signalled && text.includes('[2/')) {
          signalled = true;
          kill('SIGINT');
        }
      },
    });
    expect([killed.code, signalled], killed.stderr).toEqual([130, true]);
    expect(killed.stderr).toContain('error: DROVER_ERR_CLI_INTERRUPTED: ');
    expect(killed.stderr).toContain('run the same command again to resume');
    expect(await manifestDigest(dst.host, 'killed/etcd', '3.5.15-0')).toBe(etcd.digest);
    expect(await manifestDigest(dst.host, 'killed/kube-apiserver', 'v1.31.5')).toBeUndefined();

    const resumed = await drover(args);
    const rows = JSON.parse(resumed.stdout) as Row[];
    expect(rows.find((r) => r.image.includes('/etcd:'))).toMatchObject({ status: 'copied', digest: etcd.digest, blobsCopied: 0, blobsSkipped: 5 });
    expect(rows.find((r) => r.image.includes('/kube-apiserver:'))).toMatchObject({ status: 'copied', digest: api.digest });
    expect(await manifestDigest(dst.host, 'killed/kube-apiserver', 'v1.31.5')).toBe(api.digest);
  });

  it('has --help, and refuses a missing --registry, a bad one, and --all with --version (exit 2)', async () => {
    const help = await drover(['images', 'mirror', '--help']);
    expect([help.code, help.stdout.includes('--source-registry <r0>')]).toEqual([0, true]);
    expect((await drover(['images', 'mirror'])).stderr).toContain('error: --registry is required');
    const bad = await drover(['images', 'mirror', '--registry', 'not a host']);
    expect([bad.code, bad.stderr.startsWith('error: --registry: registry "not a host": invalid host')]).toEqual([2, true]);
    expect((await drover(['images', 'mirror', '--registry', 'r.local', '--all', '--version', 'v1.32.6'])).code).toBe(2);
    expect((await drover(['images', 'mirror', '--registry', 'r.local', '--version', 'v1.0.0'])).code).toBe(3);
  });
});
