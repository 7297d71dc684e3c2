/**
 * `drover login` and `drover plan diff` as processes against a real server (HTTPS on 127.0.0.1,
 * real store, its plan controller): login verifies the token and writes a 0600 config in a 0700
 * directory; a wrong token, an untrusted certificate and a missing login fail with their codes;
 * a password comes from stdin; plan diff lists the kube-apiserver replacement an extraArgs change
 * would cause, and changes nothing.
 */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, register, startAgentTestServer } from '@drover/server/testing';
import type { AgentTestServer } from '@drover/server/testing';
import { drover } from '../test-support/run.ts';

let s: AgentTestServer;
let dir: string;
let caFile: string;
const G = 'management.drover.dev/v1';

beforeAll(async () => {
  s = await startAgentTestServer();
  dir = await mkdtemp(join(tmpdir(), 'drover-cli-'));
  caFile = join(dir, 'ca.pem');
  await writeFile(caFile, s.app.drover.caPem);
  const c = await api(s, 'POST', '/clusters', { apiVersion: G, kind: 'Cluster', metadata: { name: 'edge' }, spec: {} });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const rt = await api(s, 'POST', '/namespaces/edge/registrationtokens', { apiVersion: G, kind: 'RegistrationToken', metadata: { name: 'join' }, spec: {} });
  const token = (rt.body as { status: { token: string } }).status.token;
  for (const [name, ip] of [['n1', '10.0.0.1'], ['n2', '10.0.0.2']] as const) {
    const r = await register(s, token, name, `engine-${name}`, { address: ip, internalAddress: ip });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }
  const u = await api(s, 'POST', '/users', { apiVersion: G, kind: 'User', metadata: { name: 'ops' }, spec: { password: 'a long enough password' } });
  expect(u.status, JSON.stringify(u.body)).toBe(201);
});
afterAll(async () => {
  await s?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('drover login', () => {
  it('checks the token, then writes server, token and CA to a 0600 file in a 0700 directory', async () => {
    const home = join(dir, 'home');
    const r = await drover(['login', '--server', s.url, '--token', s.admin, '--ca-file', caFile], { env: { HOME: home } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Logged in to ${s.url} as admin`);
    const path = join(home, '.config', 'drover', 'config.json');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(home, '.config', 'drover'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ server: s.url, token: s.admin, certificateAuthorityData: s.app.drover.caPem });
    // Written through a temp file and a rename: nothing else is left in the directory.
    expect(await readdir(join(home, '.config', 'drover'))).toEqual(['config.json']);
    const insecure = await drover(['login', '--server', s.url, '--token', s.admin, '--insecure-skip-tls-verify'], { env: { HOME: home } });
    expect(insecure.code, insecure.stderr).toBe(0);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ server: s.url, token: s.admin, insecureSkipTlsVerify: true });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a wrong token (exit 7) and an untrusted certificate (exit 8), and writes nothing', async () => {
    const config = join(dir, 'refused', 'config.json');
    const wrong = await drover(['login', '--server', s.url, '--token', 'drover_nope_0123456789', '--ca-file', caFile], { env: { DROVER_CONFIG: config } });
    expect(wrong.code).toBe(7);
    expect(wrong.stderr).toMatch(/^error: DROVER_ERR_CLI_UNAUTHORIZED: https:\/\/127\.0\.0\.1:\d+ refused the credentials \(401 DROVER_ERR_AUTH_TOKEN_UNKNOWN\): unknown token\n$/);
    const untrusted = await drover(['login', '--server', s.url, '--token', s.admin], { env: { DROVER_CONFIG: config } });
    expect([untrusted.code, untrusted.stderr.startsWith(`error: DROVER_ERR_CLI_UNREACHABLE: cannot reach ${s.url}`)]).toEqual([8, true]);
    await expect(stat(config)).rejects.toThrow('ENOENT');
    const pw = await drover(['login', '--server', s.url, '--username', 'ops', '--password-stdin', '--ca-file', caFile], { env: { DROVER_CONFIG: config }, stdin: 'wrong password\n' });
    expect(pw.code).toBe(7);
  });

  it('logs in with a password from stdin; DROVER_TOKEN overrides the stored token', async () => {
    const config = join(dir, 'pw', 'config.json');
    const r = await drover(['login', '--server', s.url, '--username', 'ops', '--password-stdin', '--ca-file', caFile], { env: { DROVER_CONFIG: config }, stdin: 'a long enough password\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('as ops');
    const stored = JSON.parse(await readFile(config, 'utf8')) as { token: string };
    expect(stored.token).not.toBe(s.admin);
    expect(await readFile(config, 'utf8')).not.toContain('a long enough password');
    // The stored token (ops: no role in edge) cannot see the cluster; the admin's, given by env, can.
    const spec = join(dir, 'empty.yaml');
    await writeFile(spec, '{}\n');
    const asOps = await drover(['plan', 'diff', 'edge', '-f', spec], { env: { DROVER_CONFIG: config } });
    expect([asOps.code, asOps.stderr]).toEqual([9, expect.stringContaining('404') as string]);
    const asAdmin = await drover(['plan', 'diff', 'edge', '-f', spec], { env: { DROVER_CONFIG: config, DROVER_TOKEN: s.admin } });
    expect(asAdmin.code, asAdmin.stderr).toBe(0);
  });
});

describe('drover plan diff', () => {
  it('lists per node the container a changed extraArgs would replace, and applies nothing', async () => {
    const config = join(dir, 'diff', 'config.json');
    expect((await drover(['login', '--server', s.url, '--token', s.admin, '--ca-file', caFile], { env: { DROVER_CONFIG: config } })).code).toBe(0);
    const plans = async () => ((await api(s, 'GET', '/namespaces/edge/plans')).body as { items: { metadata: { name: string; resourceVersion: string } }[] }).items;
    await expect.poll(async () => (await plans()).length, { timeout: 15_000 }).toBe(2);
    const before = (await plans()).map((p) => p.metadata.resourceVersion);
    const spec = join(dir, 'cluster.yaml');
    await writeFile(spec, ['apiVersion: management.drover.dev/v1', 'kind: Cluster', 'metadata: {name: edge}', 'spec:', '  services:', '    kubeApi:', '      extraArgs:', '        audit-log-maxage: "7"', ''].join('\n'));

    const table = await drover(['plan', 'diff', 'edge', '-f', spec], { env: { DROVER_CONFIG: config } });
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/));
    expect(lines[0]).toEqual(['NODE', 'KIND', 'NAME', 'CHANGE', 'FIELDS']);
    for (const node of ['n1', 'n2']) expect(lines).toContainEqual([node, 'container', 'kube-apiserver', 'replace', 'args,args:--audit-log-maxage']);

    const json = await drover(['plan', 'diff', 'edge', '-f', spec, '-o', 'json'], { env: { DROVER_CONFIG: config } });
    const body = JSON.parse(json.stdout) as { cluster: string; nodes: { node: string; action: string; containers: unknown[] }[] };
    expect(body.cluster).toBe('edge');
    expect(body.nodes.map((n) => [n.node, n.action])).toEqual([['n1', 'update'], ['n2', 'update']]);
    expect(body.nodes[0]!.containers).toEqual([{ name: 'kube-apiserver', action: 'replace', changed: ['args', 'args:--audit-log-maxage'] }]);
    expect((await plans()).map((p) => p.metadata.resourceVersion)).toEqual(before);

    const yaml = await drover(['plan', 'diff', 'edge', '-f', spec, '-o', 'yaml'], { env: { DROVER_CONFIG: config } });
    expect(yaml.stdout).toMatch(/^cluster: edge\nnodes:\n/);
  });

  it('fails without a login (exit 6), for a missing cluster (exit 9) and a missing file (exit 11)', async () => {
    const none = await drover(['plan', 'diff', 'edge', '-f', 'x.yaml'], { env: { DROVER_CONFIG: join(dir, 'none.json') } });
    expect([none.code, none.stderr.startsWith('error: DROVER_ERR_CLI_NOT_LOGGED_IN: not logged in')]).toEqual([6, true]);
    const env = { DROVER_CONFIG: join(dir, 'none.json'), DROVER_SERVER: s.url, DROVER_TOKEN: s.admin };
    const file = await drover(['plan', 'diff', 'edge', '-f', join(dir, 'nope.yaml')], { env });
    expect(file.code).toBe(11);
    const spec = join(dir, 'empty2.yaml');
    await writeFile(spec, '');
    const missing = await drover(['plan', 'diff', 'nope', '-f', spec, '--ca-file', caFile], { env });
    expect([missing.code, missing.stderr]).toEqual([9, expect.stringContaining('404 DROVER_ERR_API_NOT_FOUND') as string]);
    for (const args of [['login', '--help'], ['plan', '--help'], ['plan', 'diff', '--help']]) expect((await drover(args)).code).toBe(0);
  });
});
