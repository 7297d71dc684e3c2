/**
 * main.ts on PostgreSQL: `DROVER_DATABASE_URL` (or `--database-url`) runs the server on that
 * database; its objects land in the configured schema, and a second server process on the same
 * schema sees them (nothing assumes one process owns the database). Runs when
 * DROVER_TEST_POSTGRES_URL is set; skipped, saying so, when not.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStore } from '@drover/store';
import { RESOURCES } from './kinds/resources.ts';
import { dropSchema, freshSchema } from './testing.ts';

const MAIN = join(import.meta.dirname, 'main.ts');
const url = process.env.DROVER_TEST_POSTGRES_URL ?? '';
const skipped = url === '' ? ' (skipped: set DROVER_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db)' : '';

function startServer(env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, DROVER_LISTEN: '127.0.0.1:0', DROVER_METRICS_LISTEN: '', DROVER_LOG_LEVEL: 'info', ...env } });
  const io = { out: '', err: '' };
  child.stdout.on('data', (c: Buffer) => (io.out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (io.err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, io, exited };
}

describe.skipIf(url === '')(`main.ts on PostgreSQL${skipped}`, () => {
  it('runs on the database named by DROVER_DATABASE_URL / --database-url, shared by two processes', async () => {
    const schema = freshSchema();
    const dirs = [await mkdtemp(join(tmpdir(), 'drover-pg-a-')), await mkdtemp(join(tmpdir(), 'drover-pg-b-'))];
    const a = startServer({ DROVER_DATA_DIR: dirs[0]!, DROVER_DATABASE_URL: url, DROVER_DATABASE_SCHEMA: schema });
    let b: ReturnType<typeof startServer> | undefined;
    try {
      await expect.poll(() => a.io.out, { timeout: 30_000 }).toContain('Paste the printed');
      expect(a.io.err).toContain(`"store":"postgres `);
      const u = new URL(url);
      expect(a.io.err).toContain(`${u.host}${u.pathname} schema ${schema}`);
      expect(a.io.err).not.toContain(url); // never the URL with its credentials
      expect(a.io.err).not.toContain(`${u.username}:${u.password}@`);
      // The admin user lives in PostgreSQL: a second process on the same schema finds it.
      b = startServer({ DROVER_DATA_DIR: dirs[1]!, DROVER_DATABASE_SCHEMA: schema }, [`--database-url=${url}`]);
      await expect.poll(() => b!.io.out, { timeout: 30_000 }).toContain('Admin login:  user "admin" (password as set on first start)');
      const store = await createStore({ kind: 'postgres', connectionString: url, schema, poolSize: 1 });
      try {
        expect((await store.list(RESOURCES.users)).items.map((u) => u.metadata.name)).toEqual(['admin']);
      } finally {
        await store.close();
      }
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
      expect(await a.exited).toBe(0);
      expect(await b.exited).toBe(0);
    } finally {
      for (const p of [a, b]) if (p !== undefined && p.child.exitCode === null) p.child.kill('SIGKILL');
      for (const d of dirs) await rm(d, { recursive: true, force: true });
      await dropSchema(url, schema);
    }
  });
});
