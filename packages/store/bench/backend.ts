/**
 * The store a store benchmark runs on: SQLite in a temporary directory, or with
 * `--postgres <url>` a fresh schema of that database, dropped after. Prints `fn`'s result as JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createStore } from '../src/index.ts';
import type { Store } from '../src/index.ts';

export async function runOnBackend(args: readonly string[], fn: (store: Store) => Promise<object>): Promise<void> {
  const pgUrl = args[0] === '--postgres' ? args[1] : undefined;
  if (pgUrl !== undefined) {
    const schema = `drover_bench_${process.pid}`;
    const store = await createStore({ kind: 'postgres', connectionString: pgUrl, schema });
    try {
      console.log(JSON.stringify({ backend: 'postgres', node: process.version, ...(await fn(store)) }, null, 2));
    } finally {
      await store.close();
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'drover-store-bench-'));
  const store = await createStore({ kind: 'sqlite', dataDir });
  try {
    console.log(JSON.stringify({ backend: 'sqlite', synchronous: 'FULL', node: process.version, ...(await fn(store)) }, null, 2));
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
