/**
 * The server end to end over HTTPS with the real kubectl: login, kubeconfig, clusters,
 * registration tokens and their node commands, a non-admin user, the cascade on delete, and the
 * "next steps" the start banner prints, run as printed.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import { parseRegistrationToken } from './auth/bearer.ts';
import { ensureAdmin } from './auth/users.ts';
import { startBanner } from './banner.ts';
import { parseConfig } from './config.ts';
import type { ServerConfig } from './config.ts';
import { RESOURCES } from './kinds/resources.ts';
import { createTempStore } from './testing.ts';
import type { TempStore } from './testing.ts';

const KUBECTL = '/usr/bin/kubectl';
const run = promisify(execFile);
let t: TempStore;
let app: FastifyInstance;
let config: ServerConfig;
let url: string;
let generatedPassword: string;

function https(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const req = httpsRequest(`${url}${path}`, { method, ca: app.drover.caPem, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

async function kubeconfigFor(username: string, password: string, file: string): Promise<string> {
  const login = await https('POST', '/v1/login', { username, password });
  expect(login.status).toBe(200);
  const { token } = JSON.parse(login.body) as { token: string };
  const kc = await https('GET', '/v1/kubeconfig', undefined, token);
  expect(kc.status).toBe(200);
  await writeFile(file, kc.body);
  return file;
}

/** Runs kubectl with its own cache dir; returns stdout, stderr and the exit code. */
async function kubectl(kubeconfig: string, args: string[], stdin?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  const all = ['--kubeconfig', kubeconfig, '--cache-dir', join(t.dir, `kcache-${kubeconfig.split('/').pop()}`), ...args];
  const child = execFile(KUBECTL, all, { timeout: 30_000 });
  // A program that exits before reading its input closes the pipe (EPIPE): its exit status tells.
  child.stdin?.on('error', () => undefined);
  if (stdin !== undefined) child.stdin?.end(stdin);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  return { stdout, stderr, code };
}

beforeAll(async () => {
  if (!existsSync(KUBECTL)) throw new Error(`kubectl >= 1.27 is required at ${KUBECTL} for this suite`);
  t = await createTempStore();
  const parsed = parseConfig({ DROVER_DATA_DIR: join(t.dir, 'data'), DROVER_LISTEN: '127.0.0.1:0' }, []);
  if (parsed.help) throw new Error('help');
  config = parsed.config;
  const admin = await ensureAdmin(t.store);
  generatedPassword = admin.generatedPassword!;
  app = await buildServer(config, { store: t.store });
  await app.listen({ host: '127.0.0.1', port: 0 });
  url = `https://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

describe('kubectl against a started server', () => {
  it('manages clusters and registration tokens; the node command is in the create response only', async () => {
    const kc = await kubeconfigFor('admin', generatedPassword, join(t.dir, 'admin.yaml'));
    const empty = await kubectl(kc, ['get', 'clusters']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stderr).toContain('No resources found');

    const cluster = 'apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: prod}\nspec:\n  proxy: {httpsProxy: "http://proxy.corp:3128", noProxy: "10.0.0.0/8"}\n  privateRegistries: [{url: "registry.corp:5000", default: true}]\n';
    const created = await kubectl(kc, ['create', '-f', '-'], cluster);
    expect(created.stdout.trim(), created.stderr).toBe('cluster.management.drover.dev/prod created');

    const rt = 'apiVersion: management.drover.dev/v1\nkind: RegistrationToken\nmetadata: {name: workers, namespace: prod}\nspec: {roles: [worker], taints: [{key: gpu, value: "true", effect: NoSchedule}], nodeName: node-1}\n';
    const res = await kubectl(kc, ['create', '-o', 'json', '-f', '-'], rt);
    expect(res.code, res.stderr).toBe(0);
    const obj = JSON.parse(res.stdout) as { status: { token: string; nodeCommand: string; insecureNodeCommand: string; state: string; secretHash?: string } };
    const { token, nodeCommand, insecureNodeCommand } = obj.status;
    expect(obj.status.secretHash).toBeUndefined();
    expect(obj.status.state).toBe('Active');
    expect(nodeCommand).toBe(
      'docker run -d --privileged --restart=unless-stopped --net=host --label drover.dev/agent=true -v /etc/drover:/etc/drover ' +
        '-v /etc/kubernetes:/etc/kubernetes -v /var/run:/var/run -e HTTPS_PROXY=http://proxy.corp:3128 -e NO_PROXY=10.0.0.0/8 ' +
        `registry.corp:5000/drover/agent:0.1.0 --server ${url} --token ${token} --ca-checksum ${app.drover.caChecksum} ` +
        '--worker --taint gpu=true:NoSchedule --node-name node-1',
    );
    expect(insecureNodeCommand).toContain(`--token ${token} --insecure --worker`);
    // The token verifies against the stored hash; the stored object holds neither token nor command.
    const stored = await t.store.get(RESOURCES.registrationtokens, 'prod', 'workers');
    expect(await app.drover.machineSecrets.verify(parseRegistrationToken(token)!.secret, (stored.status as { secretHash: string }).secretHash)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(token);
    const later = await kubectl(kc, ['get', 'registrationtokens', '-n', 'prod', 'workers', '-o', 'json']);
    expect(later.code, later.stderr).toBe(0);
    for (const secretish of ['token', 'nodeCommand', 'insecureNodeCommand', 'secretHash']) {
      expect((JSON.parse(later.stdout) as { status: object }).status).not.toHaveProperty(secretish);
    }
    const table = await kubectl(kc, ['get', 'clusters']);
    expect(table.stdout).toMatch(/prod\s+Waiting\s+0\/0/);

    // Deleting the cluster deletes its namespace.
    const del = await kubectl(kc, ['delete', 'cluster', 'prod']);
    expect(del.code, del.stderr).toBe(0);
    expect((await t.store.list(RESOURCES.registrationtokens, { namespace: 'prod' })).items).toEqual([]);
    expect((await t.store.list(RESOURCES.clustermembers, { namespace: 'prod' })).items).toEqual([]);
  });

  it('gives a non-admin user its own clusters only, as owner', async () => {
    const kc = await kubeconfigFor('admin', generatedPassword, join(t.dir, 'admin2.yaml'));
    const user = 'apiVersion: management.drover.dev/v1\nkind: User\nmetadata: {name: bob}\nspec: {password: "bob-password-1"}\n';
    expect((await kubectl(kc, ['create', '-f', '-'], user)).code).toBe(0);
    await kubectl(kc, ['create', '-f', '-'], 'apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: admins}\n');
    const bob = await kubeconfigFor('bob', 'bob-password-1', join(t.dir, 'bob.yaml'));
    expect((await kubectl(bob, ['create', '-f', '-'], 'apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: bobs}\n')).code).toBe(0);
    const list = await kubectl(bob, ['get', 'clusters', '-o', 'name']);
    expect(list.stdout.trim()).toBe('cluster.management.drover.dev/bobs');
    expect((await kubectl(bob, ['get', 'clustermembers', '-n', 'bobs', '-o', 'jsonpath={.items[*].spec}'])).stdout).toBe('{"role":"owner","user":"bob"}');
    expect((await kubectl(bob, ['auth', 'can-i', 'delete', 'clusters/bobs'])).stdout.trim()).toBe('yes');
    expect((await kubectl(bob, ['auth', 'can-i', 'delete', 'clusters/admins'])).stdout.trim()).toBe('no');
    expect((await kubectl(bob, ['auth', 'can-i', 'get', 'clusters/admins'])).stdout.trim()).toBe('no');
    expect((await kubectl(bob, ['auth', 'can-i', 'get', 'clusters/bobs'])).stdout.trim()).toBe('yes');
    const hidden = await kubectl(bob, ['get', 'cluster', 'admins']);
    expect(hidden.code).not.toBe(0);
    expect(hidden.stderr).toContain('NotFound');
    const users = await kubectl(bob, ['get', 'users', '-o', 'name']);
    expect(users.stdout.trim()).toBe('user.management.drover.dev/bob');
    const createUser = await kubectl(bob, ['create', '-f', '-'], 'apiVersion: management.drover.dev/v1\nkind: User\nmetadata: {name: eve}\n');
    expect(createUser.stderr).toContain('Forbidden');
  });

  it('runs the next steps the start banner prints, as printed', async () => {
    const port = (app.server.address() as { port: number }).port;
    const banner = startBanner({ config, port, caChecksum: app.drover.caChecksum, adminCreated: true, generatedPassword });
    const start = banner.indexOf('Copy these lines into a shell as they are:');
    const end = banner.indexOf('Paste the printed');
    const script = banner.slice(start, end).split('\n').slice(1).join('\n').replaceAll('my-cluster', 'banner-cluster');
    const home = join(t.dir, 'home');
    await mkdir(home);
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script], { cwd: home, env: { ...process.env, HOME: home }, timeout: 60_000 });
    expect(stdout).toMatch(/^cluster\.management\.drover\.dev\/banner-cluster created\ndocker run -d --privileged .* --server https:\/\/127\.0\.0\.1:\d+ --token droverreg_banner-cluster_first-nodes_\S+ --ca-checksum [0-9a-f]{64} --etcd --controlplane --worker\n$/);
  });
});
