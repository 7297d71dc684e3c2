/**
 * Secret fields are never stored and never returned (issue 9, finding 1): a started server, the
 * real kubectl, and a byte search of the SQLite files. User `spec.password` and Cluster
 * `spec.privateRegistries[].password` are the secret fields; `kubectl apply` copies them into the
 * last-applied-configuration annotation, which must not carry them either.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import { ensureAdmin } from './auth/users.ts';
import { parseConfig } from './config.ts';
import { RESOURCES } from './kinds/resources.ts';
import { createTempStore } from './testing.ts';
import type { TempStore } from './testing.ts';

const KUBECTL = '/usr/bin/kubectl';
const BOB_PASSWORD = 'bob-pw-Zq7-unique-4711';
const REGISTRY_PASSWORD = 'registry-pw-Xk9-unique-0815';
let t: TempStore;
let app: FastifyInstance;
let url: string;
let admin: string;

function https(method: string, path: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${url}${path}`, { method, ca: app.drover.caPem, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function kubeconfigFor(username: string, password: string): Promise<string> {
  const login = await https('POST', '/v1/login', { username, password });
  expect(login.status, login.body).toBe(200);
  const { token } = JSON.parse(login.body) as { token: string };
  const kc = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(`${url}/v1/kubeconfig`, { ca: app.drover.caPem, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end();
  });
  const file = join(t.dir, `kubeconfig-${username}`);
  await writeFile(file, kc);
  return file;
}

function kubectl(kubeconfig: string, args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(t.dir, 'kcache'), ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ stdout, stderr, code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1 });
    });
    // A program that exits before reading its input closes the pipe (EPIPE): its exit status tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin ?? '');
  });
}

/** Every file of the SQLite store (database, WAL), concatenated. */
async function storeBytes(): Promise<Buffer> {
  const dataDir = join(t.dir, 'data');
  const files = (await readdir(dataDir)).filter((f) => f.startsWith('drover-store'));
  return Buffer.concat(await Promise.all(files.map((f) => readFile(join(dataDir, f)))));
}

beforeAll(async () => {
  if (!existsSync(KUBECTL)) throw new Error(`kubectl >= 1.27 is required at ${KUBECTL} for this suite`);
  t = await createTempStore();
  const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0' }, []);
  if (parsed.help) throw new Error('help');
  const created = await ensureAdmin(t.store);
  app = await buildServer(parsed.config, { store: t.store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  admin = await kubeconfigFor('admin', created.generatedPassword ?? '');
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

describe('secret fields', () => {
  it('a User applied with kubectl: the password is in no response, annotation, stored version or database byte', async () => {
    const manifest = join(t.dir, 'bob.yaml');
    await writeFile(manifest, `apiVersion: management.drover.dev/v1\nkind: User\nmetadata: {name: bob}\nspec: {displayName: Bob, password: "${BOB_PASSWORD}"}\n`);
    const first = await kubectl(admin, ['apply', '-f', manifest]);
    expect(first.stdout.trim(), first.stderr).toBe('user.management.drover.dev/bob created');
    // A second apply (kubectl sends the password again) and a label change round-trip.
    expect((await kubectl(admin, ['apply', '-f', manifest])).code).toBe(0);
    expect((await kubectl(admin, ['label', 'user', 'bob', 'team=a'])).code).toBe(0);
    const bob = await kubeconfigFor('bob', BOB_PASSWORD);

    for (const who of [admin, bob]) {
      const yaml = await kubectl(who, ['get', 'user', 'bob', '-o', 'yaml']);
      expect(yaml.code, yaml.stderr).toBe(0);
      expect(yaml.stdout).toContain('kubectl.kubernetes.io/last-applied-configuration');
      expect(yaml.stdout).toContain('displayName');
      expect(yaml.stdout).not.toContain(BOB_PASSWORD);
      expect(yaml.stdout).not.toContain('password');
    }
    // Server-side apply records the applied fields in managedFields: not the password's.
    const ssa = await kubectl(admin, ['apply', '--server-side', '--force-conflicts', '-f', manifest]);
    expect(ssa.code, ssa.stderr).toBe(0);
    const managed = await kubectl(admin, ['get', 'user', 'bob', '-o', 'yaml', '--show-managed-fields']);
    expect(managed.stdout).toContain('f:displayName');
    expect(managed.stdout).not.toContain('password');
    const stored = await t.store.get(RESOURCES.users, '', 'bob');
    expect(JSON.stringify(stored)).not.toContain(BOB_PASSWORD);
    expect((await storeBytes()).includes(BOB_PASSWORD)).toBe(false);
  });

  it('a Cluster registry password is write-only: set with apply, kept by an apply without it, never shown to anyone', async () => {
    const manifest = join(t.dir, 'reg.yaml');
    const write = (password: string) =>
      writeFile(
        manifest,
        'apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: reg}\nspec:\n  privateRegistries:\n' +
          `  - {url: "registry.corp:5000", default: true, username: pull${password === '' ? '' : `, password: "${password}"`}}\n`,
      );
    await write(REGISTRY_PASSWORD);
    const applied = await kubectl(admin, ['apply', '-f', manifest]);
    expect(applied.code, applied.stderr).toBe(0);
    // carol (created via the API) is a read-only member of the cluster.
    const carol = 'apiVersion: management.drover.dev/v1\nkind: User\nmetadata: {name: carol}\nspec: {password: "carol-password-1"}\n';
    expect((await kubectl(admin, ['create', '-f', '-'], carol)).code).toBe(0);
    const member = 'apiVersion: management.drover.dev/v1\nkind: ClusterMember\nmetadata: {name: carol, namespace: reg}\nspec: {user: carol, role: read-only}\n';
    expect((await kubectl(admin, ['create', '-f', '-'], member)).code).toBe(0);
    const carolKc = await kubeconfigFor('carol', 'carol-password-1');

    const check = async () => {
      for (const who of [admin, carolKc]) {
        const out = await kubectl(who, ['get', 'cluster', 'reg', '-o', 'json']);
        expect(out.code, out.stderr).toBe(0);
        expect(out.stdout).not.toContain(REGISTRY_PASSWORD);
        const reg = (JSON.parse(out.stdout) as { spec: { privateRegistries: Record<string, unknown>[] } }).spec.privateRegistries[0];
        expect(reg).toEqual({ url: 'registry.corp:5000', default: true, username: 'pull', passwordSet: true });
      }
      const events = await kubectl(admin, ['get', 'events.management.drover.dev', '-n', 'reg', '-o', 'json']);
      expect(events.stdout).not.toContain(REGISTRY_PASSWORD);
      expect(JSON.stringify(await t.store.get(RESOURCES.clusters, '', 'reg'))).not.toContain(REGISTRY_PASSWORD);
      expect((await storeBytes()).includes(REGISTRY_PASSWORD)).toBe(false);
    };
    await check();
    // The manifest without the password: the stored one stays (write-only semantics).
    await write('');
    expect((await kubectl(admin, ['apply', '-f', manifest])).code).toBe(0);
    await check();
    // A round trip of what get returns (passwordSet: true, no password) changes nothing either.
    const got = await kubectl(admin, ['get', 'cluster', 'reg', '-o', 'yaml']);
    const replaced = await kubectl(admin, ['replace', '-f', '-'], got.stdout);
    expect(replaced.code, replaced.stderr).toBe(0);
    await check();
  });
});
