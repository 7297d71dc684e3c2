/**
 * Test support: a real registry (Debian's `docker-registry`, the CNCF distribution 2.x) on
 * 127.0.0.1 with its storage in a temp directory, and pushing a minimal OCI image into it through
 * the registry API (a config blob, one layer blob, a manifest, optionally an index over it) — no
 * Docker engine. Used by the mirror tests.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import type { TokenService } from './token-service.ts';

export const REGISTRY_BIN = '/usr/bin/docker-registry';
/** The `service` and `issuer` of a token-auth registry (the token service must use the same). */
export const TOKEN_SERVICE = 'drover-test-registry';
export const TOKEN_ISSUER = 'drover-test-issuer';

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  dir: string;
  /** Every request line the registry logged (method and path), for assertions on what a client did. */
  requests(): string[];
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * A registry user for auth tests: Basic auth from an htpasswd file. The bcrypt hash (cost 5) of
 * PASSWORD, computed once with libxcrypt; registries accept only bcrypt in htpasswd.
 */
export const REGISTRY_USER = { username: 'mirror', password: 'mirror-test-password', htpasswd: 'mirror:$2a$05$c3.3tUozsSsWAAb3dqaAbuUqN387Hpre1WYrn795R7ECU8X/0fzEe' } as const;

/**
 * Starts a registry. `auth: 'basic'`: it asks for REGISTRY_USER with Basic auth (htpasswd);
 * `auth: 'token'`: it sends clients to `token` (token-service.ts) for a Bearer token.
 */
export async function startRegistry(o: { auth?: 'basic' | 'token'; token?: TokenService } = {}): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'drover-registry-'));
  const port = await freePort();
  const config = ['version: 0.1', 'log:', '  level: info', '  accesslog:', '    disabled: false', 'storage:', '  filesystem:', `    rootdirectory: ${join(dir, 'data')}`, '  delete:', '    enabled: true', 'http:', `  addr: 127.0.0.1:${port}`];
  if (o.auth === 'basic') {
    await writeFile(join(dir, 'htpasswd'), `${REGISTRY_USER.htpasswd}\n`);
    config.push('auth:', '  htpasswd:', '    realm: drover-test', `    path: ${join(dir, 'htpasswd')}`);
  } else if (o.auth === 'token') {
    if (o.token === undefined) throw new Error('auth token needs a token service');
    await writeFile(join(dir, 'token-ca.pem'), o.token.certPem);
    config.push('auth:', '  token:', `    realm: ${o.token.realm}`, `    service: ${TOKEN_SERVICE}`, `    issuer: ${TOKEN_ISSUER}`, `    rootcertbundle: ${join(dir, 'token-ca.pem')}`);
  }
  await writeFile(join(dir, 'config.yml'), `${config.join('\n')}\n`);
  const child: ChildProcess = spawn(REGISTRY_BIN, ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log: string[] = [];
  const collect = (b: Buffer) => log.push(...b.toString().split('\n'));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const host = `127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const close = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    await rm(dir, { recursive: true, force: true });
  };
  // Ready when /v2/ answers: bounded to 10 s.
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await request(`http://${host}/v2/`);
      await res.body.dump();
      if (res.statusCode === 200 || (o.auth !== undefined && res.statusCode === 401)) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`docker-registry did not start on ${host}:\n${log.slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const requests = () => log.flatMap((l) => /"(GET|HEAD|PUT|POST|PATCH|DELETE) (\S+) HTTP/.exec(l)?.slice(1, 3).join(' ') ?? []);
  return { host, dir, requests, close };
}

const digestOf = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function pushBlob(host: string, repository: string, blob: Buffer): Promise<string> {
  const digest = digestOf(blob);
  const start = await request(`http://${host}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
  await start.body.dump();
  if (start.statusCode !== 202) throw new Error(`start upload: ${start.statusCode}`);
  const url = new URL(String(start.headers.location), `http://${host}`);
  url.searchParams.set('digest', digest);
  const put = await request(url, { method: 'PUT', body: blob, headers: { 'content-type': 'application/octet-stream' } });
  await put.body.dump();
  if (put.statusCode !== 201) throw new Error(`put blob: ${put.statusCode}`);
  return digest;
}

async function pushManifest(host: string, repository: string, reference: string, mediaType: string, body: Buffer): Promise<string> {
  const res = await request(`http://${host}/v2/${repository}/manifests/${reference}`, { method: 'PUT', body, headers: { 'content-type': mediaType } });
  const text = await res.body.text();
  if (res.statusCode !== 201) throw new Error(`put manifest ${repository}:${reference}: ${res.statusCode} ${text}`);
  return digestOf(body);
}

export interface PushedImage {
  /** What the tag points at (the index when `index`). */
  digest: string;
  blobs: { digest: string; size: number }[];
}

/**
 * Pushes `repository:tag`: a config blob and `layers` random layer blobs of `layerBytes` each,
 * an OCI manifest and, with `index`, an OCI index over it (what upstream multi-arch images are).
 */
export async function pushTestImage(host: string, repository: string, tag: string, o: { layers?: number; layerBytes?: number; index?: boolean } = {}): Promise<PushedImage> {
  const layers = Array.from({ length: o.layers ?? 1 }, () => randomBytes(o.layerBytes ?? 4096));
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Entrypoint: ['/standin'] }, rootfs: { type: 'layers', diff_ids: layers.map(digestOf) } }));
  const blobs = [];
  for (const b of [config, ...layers]) blobs.push({ digest: await pushBlob(host, repository, b), size: b.length });
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: blobs[0]!.digest, size: blobs[0]!.size },
    layers: blobs.slice(1).map((b) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...b })),
  }));
  if (o.index !== true) return { digest: await pushManifest(host, repository, tag, 'application/vnd.oci.image.manifest.v1+json', manifest), blobs };
  const child = await pushManifest(host, repository, digestOf(manifest), 'application/vnd.oci.image.manifest.v1+json', manifest);
  const index = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: child, size: manifest.length, platform: { architecture: 'amd64', os: 'linux' } }],
  }));
  return { digest: await pushManifest(host, repository, tag, 'application/vnd.oci.image.index.v1+json', index), blobs };
}

/** The digest the registry serves for `repository:reference` (HEAD, Docker-Content-Digest); undefined on 404. */
export async function manifestDigest(host: string, repository: string, reference: string, user?: { username: string; password: string }): Promise<string | undefined> {
  const accept = ['application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.docker.distribution.manifest.v2+json'].join(', ');
  const res = await request(`http://${host}/v2/${repository}/manifests/${reference}`, { method: 'HEAD', headers: { accept, ...(user === undefined ? {} : { authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` }) } });
  await res.body.dump();
  if (res.statusCode === 404) return undefined;
  if (res.statusCode !== 200) throw new Error(`HEAD ${repository}:${reference}: ${res.statusCode}`);
  return String(res.headers['docker-content-digest']);
}
