/**
 * main.ts as a process and its data directory (issue 9, finding 1): the directory is 0700 and its
 * files 0600; an existing directory or key file that others can read stops the start with
 * DROVER_ERR_DATA_DIR_INSECURE; a store written by an older server (passwords in
 * last-applied-configuration annotations, plain registry passwords, old versions in the log) is
 * cleaned on start, down to the bytes of the database files.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '@drover/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCES } from './kinds/resources.ts';

const MAIN = join(import.meta.dirname, 'main.ts');
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Starts main.ts on `dataDir`; stops it with SIGTERM once the banner is out (or lets it exit by itself). */
async function runServer(dataDir: string): Promise<Run> {
  const child = spawn(process.execPath, [MAIN], { env: { ...process.env, DROVER_DATA_DIR: dataDir, DROVER_LISTEN: '127.0.0.1:0', DROVER_METRICS_LISTEN: '', DROVER_LOG_LEVEL: 'warn' } });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (out.includes('Paste the printed')) child.kill('SIGTERM');
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, out, err };
}

const modeOf = async (path: string): Promise<string> => ((await stat(path)).mode & 0o777).toString(8);

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await allFiles(p)));
    else out.push(p);
  }
  return out;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'drover-datadir-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the data directory', () => {
  it('is created 0700 with files 0600; a directory or key file others can read is refused with a clear message', async () => {
    const dataDir = join(root, 'data');
    const first = await runServer(dataDir);
    expect(first.code, first.err).toBe(0);
    expect(await modeOf(dataDir)).toBe('700');
    const files = await allFiles(dataDir);
    expect(files.some((f) => f.endsWith('drover-store.sqlite'))).toBe(true);
    for (const f of files) {
      if (f.endsWith('.crt')) continue; // certificates are public
      expect(`${f} ${await modeOf(f)}`).toBe(`${f} 600`);
    }
    expect(await modeOf(join(dataDir, 'pki'))).toBe('700');

    await chmod(dataDir, 0o755);
    const loose = await runServer(dataDir);
    expect(loose.code).not.toBe(0);
    expect(loose.err).toContain('DROVER_ERR_DATA_DIR_INSECURE');
    expect(loose.err).toContain(dataDir);
    expect(loose.err).toContain('chmod 700');

    await chmod(dataDir, 0o700);
    await chmod(join(dataDir, 'pki', 'ca.key'), 0o644);
    const key = await runServer(dataDir);
    expect(key.code).not.toBe(0);
    expect(key.err).toContain('DROVER_ERR_DATA_DIR_INSECURE');
    expect(key.err).toContain(join(dataDir, 'pki', 'ca.key'));
  });

  it('an empty directory made by someone else (a fresh container volume) is tightened to 0700 and used', async () => {
    const dataDir = join(root, 'volume');
    await mkdir(dataDir, { mode: 0o755 });
    await chmod(dataDir, 0o755);
    const run = await runServer(dataDir);
    expect(run.code, run.err).toBe(0);
    expect(await modeOf(dataDir)).toBe('700');
  });

  it('a store written by an older server loses every stored secret on start, in all versions and on disk', async () => {
    const dataDir = join(root, 'old');
    const secrets = ['old-pw-one-1111', 'old-pw-two-2222', 'old-pw-three-3333', 'old-registry-pw-4444'];
    const store = await createStore({ kind: 'sqlite', dataDir });
    const user = (password: string) => ({
      apiVersion: 'management.drover.dev/v1',
      kind: 'User',
      metadata: {
        name: 'bob',
        annotations: { [LAST_APPLIED]: JSON.stringify({ apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name: 'bob' }, spec: { displayName: 'Bob', password } }) + '\n' },
      },
      spec: { displayName: 'Bob' },
      status: { passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA' },
    });
    await store.create(RESOURCES.users, user(secrets[0]!));
    await store.update(RESOURCES.users, user(secrets[1]!));
    await store.compact(0); // the first version is deleted: its bytes may linger in free pages
    await store.update(RESOURCES.users, user(secrets[2]!)); // the second stays in the history
    const registry = { url: 'registry.corp:5000', default: true, username: 'pull', password: secrets[3] };
    await store.create(RESOURCES.clusters, {
      apiVersion: 'management.drover.dev/v1',
      kind: 'Cluster',
      metadata: { name: 'reg', annotations: { [LAST_APPLIED]: JSON.stringify({ spec: { privateRegistries: [registry] } }) } },
      spec: { privateRegistries: [registry] },
    });
    await store.close();
    await chmod(dataDir, 0o700);

    const run = await runServer(dataDir);
    expect(run.code, run.err).toBe(0);
    const bytes = Buffer.concat(await Promise.all((await allFiles(dataDir)).map((f) => readFile(f))));
    for (const s of secrets) expect(bytes.includes(s), s).toBe(false);

    const after = await createStore({ kind: 'sqlite', dataDir });
    try {
      const bob = await after.get(RESOURCES.users, '', 'bob');
      expect(bob.status).toEqual({ passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA' });
      expect(JSON.parse(bob.metadata.annotations?.[LAST_APPLIED] ?? '{}')).toEqual({ apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name: 'bob' }, spec: { displayName: 'Bob' } });
      const reg = ((await after.get(RESOURCES.clusters, '', 'reg')).spec as { privateRegistries: Record<string, unknown>[] }).privateRegistries[0]!;
      expect(reg.password).toBeUndefined();
      expect(reg.url).toBe('registry.corp:5000');
      expect(typeof reg.sealedPassword).toBe('string');
    } finally {
      await after.close();
    }
  });
});
