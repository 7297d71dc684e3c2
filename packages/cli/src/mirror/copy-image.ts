/**
 * Copies one image from a source repository to a target repository, registry API to registry API:
 * the manifest as it is (an OCI index or Docker manifest list with every child manifest, or a single
 * manifest), each config and layer blob, then the manifest under the tag — so the target's digests
 * equal the source's.
 *
 * Resumable: a blob the target already has (HEAD 200) is skipped and counted as skipped; an
 * interrupted run leaves only whole blobs behind (an upload is one PUT that the registry checks
 * against the digest), and the manifest goes last, so a tag never points at missing blobs. On the
 * same registry a blob is mounted from the source repository instead of copied.
 */
import { createHash } from 'node:crypto';
import { failure, RegistryError } from './registry-client.ts';
import type { RegistryClient } from './registry-client.ts';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;
const ACCEPT = Object.values(MEDIA).join(', ');

export interface Repo {
  client: RegistryClient;
  repository: string;
}

export interface CopyStats {
  /** Digest of the top manifest (what the tag points at). */
  digest: string;
  mediaType: string;
  manifests: number;
  blobsCopied: number;
  blobsSkipped: number;
  bytesCopied: number;
  bytesSkipped: number;
}

export interface CopyOptions {
  signal?: AbortSignal;
  /** Called after each blob: copied (or mounted) or skipped. */
  onBlob?: (event: { digest: string; size: number; skipped: boolean }) => void;
}

/** Raised when the source has no such image (a 404 on its manifest): the mirror reports it by name. */
export class MissingImageError extends RegistryError {
  constructor(message: string) {
    super(404, message);
    this.name = 'MissingImageError';
  }
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
}
interface Manifest {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function getManifest(src: Repo, reference: string, signal: AbortSignal | undefined): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
  const path = `/v2/${src.repository}/manifests/${reference}`;
  const res = await src.client.call({ method: 'GET', path, repository: src.repository, scope: 'pull', headers: { accept: ACCEPT }, signal });
  if (res.statusCode === 404) {
    await res.body.dump();
    throw new MissingImageError(`${src.client.host}/${src.repository}:${reference} not found in the source registry ${src.client.host}`);
  }
  if (res.statusCode !== 200) throw await failure(src.client, `GET manifest ${src.repository}:${reference}`, res);
  const bytes = Buffer.from(await res.body.arrayBuffer());
  const digest = sha256(bytes);
  const header = res.headers['docker-content-digest'];
  if (reference.startsWith('sha256:') && reference !== digest) throw new RegistryError(502, `${src.client.host}: manifest ${src.repository}@${reference} has digest ${digest}`);
  if (typeof header === 'string' && header !== digest) throw new RegistryError(502, `${src.client.host}: manifest ${src.repository}:${reference} says ${header}, is ${digest}`);
  const parsed = JSON.parse(bytes.toString('utf8')) as Manifest;
  const contentType = String(res.headers['content-type'] ?? '').split(';')[0]!.trim();
  return { bytes, mediaType: parsed.mediaType ?? contentType, digest };
}

async function hasBlob(dst: Repo, digest: string, signal: AbortSignal | undefined): Promise<boolean> {
  const res = await dst.client.call({ method: 'HEAD', path: `/v2/${dst.repository}/blobs/${digest}`, repository: dst.repository, scope: 'pull,push', signal });
  await res.body.dump();
  if (res.statusCode === 200) return true;
  if (res.statusCode === 404) return false;
  throw new RegistryError(res.statusCode, `${dst.client.host}: HEAD blob ${dst.repository}@${digest}: HTTP ${res.statusCode}`);
}

/** Starts an upload (or mounts from `src` on the same registry); undefined when mounted. */
async function startUpload(src: Repo, dst: Repo, digest: string, signal: AbortSignal | undefined): Promise<string | undefined> {
  const mount = src.client.host === dst.client.host ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(src.repository)}` : '';
  const res = await dst.client.call({ method: 'POST', path: `/v2/${dst.repository}/blobs/uploads/${mount}`, repository: dst.repository, scope: 'pull,push', signal });
  if (res.statusCode === 201) {
    await res.body.dump();
    return undefined;
  }
  const location = res.headers.location;
  if (res.statusCode !== 202 || typeof location !== 'string') throw await failure(dst.client, `start upload to ${dst.repository}`, res);
  await res.body.dump();
  return new URL(location, dst.client.origin).toString();
}

async function copyBlob(src: Repo, dst: Repo, d: Descriptor, stats: CopyStats, o: CopyOptions): Promise<void> {
  if (await hasBlob(dst, d.digest, o.signal)) {
    stats.blobsSkipped++;
    stats.bytesSkipped += d.size;
    o.onBlob?.({ digest: d.digest, size: d.size, skipped: true });
    return;
  }
  const upload = await startUpload(src, dst, d.digest, o.signal);
  if (upload !== undefined) {
    const got = await src.client.call({ method: 'GET', path: `/v2/${src.repository}/blobs/${d.digest}`, repository: src.repository, scope: 'pull', signal: o.signal });
    if (got.statusCode !== 200) throw await failure(src.client, `GET blob ${src.repository}@${d.digest}`, got);
    const url = new URL(upload);
    url.searchParams.set('digest', d.digest);
    const put = await dst.client.call({
      method: 'PUT',
      path: url.toString(),
      repository: dst.repository,
      scope: 'pull,push',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(d.size) },
      body: got.body,
      signal: o.signal,
    });
    if (put.statusCode !== 201) throw await failure(dst.client, `PUT blob ${dst.repository}@${d.digest}`, put);
    await put.body.dump();
  }
  stats.blobsCopied++;
  stats.bytesCopied += d.size;
  o.onBlob?.({ digest: d.digest, size: d.size, skipped: false });
}

async function putManifest(dst: Repo, reference: string, m: { bytes: Buffer; mediaType: string; digest: string }, signal: AbortSignal | undefined): Promise<void> {
  const res = await dst.client.call({ method: 'PUT', path: `/v2/${dst.repository}/manifests/${reference}`, repository: dst.repository, scope: 'pull,push', headers: { 'content-type': m.mediaType }, body: m.bytes, signal });
  if (res.statusCode !== 201) throw await failure(dst.client, `PUT manifest ${dst.repository}:${reference}`, res);
  const header = res.headers['docker-content-digest'];
  await res.body.dump();
  if (typeof header === 'string' && header !== m.digest) throw new RegistryError(502, `${dst.client.host}: stored manifest ${dst.repository}:${reference} as ${header}, expected ${m.digest}`);
}

/** Copies a manifest (by tag or digest) and everything it references; children before parents. */
async function copyManifest(src: Repo, dst: Repo, reference: string, stats: CopyStats, o: CopyOptions): Promise<{ digest: string; mediaType: string }> {
  const m = await getManifest(src, reference, o.signal);
  const parsed = JSON.parse(m.bytes.toString('utf8')) as Manifest;
  stats.manifests++;
  if (m.mediaType === MEDIA.ociIndex || m.mediaType === MEDIA.dockerList) {
    for (const child of parsed.manifests ?? []) await copyManifest(src, dst, child.digest, stats, o);
  } else if (m.mediaType === MEDIA.ociManifest || m.mediaType === MEDIA.dockerManifest) {
    for (const blob of [...(parsed.config === undefined ? [] : [parsed.config]), ...(parsed.layers ?? [])]) await copyBlob(src, dst, blob, stats, o);
  } else {
    throw new RegistryError(415, `${src.client.host}: ${src.repository}:${reference}: unsupported manifest type ${JSON.stringify(m.mediaType)}`);
  }
  await putManifest(dst, reference, m, o.signal);
  return m;
}

/** Copies `src:reference` to `dst:reference` (a tag or a digest). */
export async function copyImage(src: Repo, dst: Repo, reference: string, o: CopyOptions = {}): Promise<CopyStats> {
  const stats: CopyStats = { digest: '', mediaType: '', manifests: 0, blobsCopied: 0, blobsSkipped: 0, bytesCopied: 0, bytesSkipped: 0 };
  const top = await copyManifest(src, dst, reference, stats, o);
  stats.digest = top.digest;
  stats.mediaType = top.mediaType;
  return stats;
}
