/**
 * Mirrors a list of images into a private registry under the one rewrite rule of
 * provisioning/image-ref.ts (keep the repository path and tag, replace the registry host): what
 * `drover images mirror` runs. Each image is copied from its upstream reference, or with
 * `sourceRegistry` from that registry under the same rule — so a site's own copy of the upstream
 * registries (or the end-to-end test's local registry) serves as the source.
 *
 * Images are copied one after another (a blob shared by two images is then copied once and skipped
 * the second time); a failed image is recorded with its error and the others still proceed.
 */
import { parseImageRef, rewriteImage } from '@drover/server/provisioning';
import { copyImage, MissingImageError } from './copy-image.ts';
import type { CopyStats } from './copy-image.ts';
import { RegistryClient } from './registry-client.ts';
import type { RegistryEndpoint } from './registry-client.ts';

export interface Credentials {
  username?: string;
  password?: string;
}

export interface MirrorOptions {
  /** Fully qualified upstream references, as the version table names them. */
  images: readonly string[];
  /** Target `host[:port][/prefix]`. */
  registry: string;
  sourceRegistry?: string;
  /** Plain HTTP to the target (and to a `sourceRegistry`); loopback hosts always use it. */
  insecure?: boolean;
  targetCredentials?: Credentials;
  sourceCredentials?: Credentials;
  signal?: AbortSignal;
  /** Progress: one line per image start and end, to stderr in the CLI. */
  onProgress?: (line: string) => void;
  /** Called after each blob (tests interrupt a run here). */
  onBlob?: (image: string, event: { digest: string; size: number; skipped: boolean }) => void;
}

export type ImageResult =
  | ({ image: string; source: string; target: string; status: 'copied' } & CopyStats)
  | { image: string; source: string; target: string; status: 'failed'; code: 'DROVER_ERR_CLI_IMAGE_MISSING' | 'DROVER_ERR_CLI_MIRROR_FAILED'; error: string };

/** The host that serves the registry API of a reference's host (Docker Hub's API is not on docker.io). */
const apiHost = (host: string): string => (host === 'docker.io' || host === 'index.docker.io' ? 'registry-1.docker.io' : host);

const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;

export async function mirrorImages(o: MirrorOptions): Promise<ImageResult[]> {
  const clients = new Map<string, RegistryClient>();
  const targetHost = parseImageRef(rewriteImage('x.invalid/x:x', o.registry)).registry;
  const clientFor = (host: string, creds: Credentials | undefined, insecure: boolean): RegistryClient => {
    const api = apiHost(host);
    let c = clients.get(api);
    if (c === undefined) {
      const endpoint: RegistryEndpoint = { host: api, insecure, ...creds };
      c = new RegistryClient(endpoint);
      clients.set(api, c);
    }
    return c;
  };
  const results: ImageResult[] = [];
  try {
    const unique = [...new Set(o.images)];
    for (const [i, image] of unique.entries()) {
      const source = rewriteImage(image, o.sourceRegistry);
      const target = rewriteImage(image, o.registry);
      const s = parseImageRef(source);
      const t = parseImageRef(target);
      const reference = t.digest ?? t.tag!;
      const prefix = `[${i + 1}/${unique.length}] ${target}`;
      o.onProgress?.(`${prefix}: copying from ${source}\n`);
      const started = Date.now();
      try {
        // The target's credentials win when source and target are the same registry.
        const src = { client: s.registry === targetHost ? clientFor(s.registry, o.targetCredentials, o.insecure === true) : clientFor(s.registry, o.sourceCredentials, o.insecure === true && o.sourceRegistry !== undefined), repository: s.repository };
        const dst = { client: clientFor(t.registry, o.targetCredentials, o.insecure === true), repository: t.repository };
        const stats = await copyImage(src, dst, reference, { ...(o.signal === undefined ? {} : { signal: o.signal }), onBlob: (e) => o.onBlob?.(image, e) });
        results.push({ image, source, target, status: 'copied', ...stats });
        o.onProgress?.(`${prefix}: ${stats.digest}: ${stats.blobsCopied} blobs copied (${mib(stats.bytesCopied)}), ${stats.blobsSkipped} present (${mib(stats.bytesSkipped)}), ${Date.now() - started} ms\n`);
      } catch (err) {
        if (o.signal?.aborted === true) throw err;
        const missing = err instanceof MissingImageError;
        const message = (err as Error).message;
        results.push({ image, source, target, status: 'failed', code: missing ? 'DROVER_ERR_CLI_IMAGE_MISSING' : 'DROVER_ERR_CLI_MIRROR_FAILED', error: message });
        o.onProgress?.(`${prefix}: FAILED: ${message}\n`);
      }
    }
  } finally {
    await Promise.all([...clients.values()].map((c) => c.close()));
  }
  return results;
}
