/**
 * Test support: a real store in a fresh place, removed on cleanup. SQLite in a temp directory,
 * or, when the test process has DROVER_TEST_STORE=postgres (vitest.config.ts sets it for the
 * server-on-postgres project), a fresh schema in the database at DROVER_TEST_POSTGRES_URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createPostgresNotifier, createStore } from '@drover/store';
import type { Store, StoreTuning } from '@drover/store';
import type { RequestUser } from './api/contract.ts';

export interface TempStore {
  store: Store;
  /** A fresh temp directory (the SQLite data lives in `<dir>/data`). */
  dir: string;
  cleanup(): Promise<void>;
}

/** Which store this test process runs on. */
export function testStoreKind(): 'sqlite' | 'postgres' {
  return process.env.DROVER_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
}

/** The PostgreSQL URL for tests; throws when the postgres project runs without one. */
export function testPostgresUrl(): string {
  const url = process.env.DROVER_TEST_POSTGRES_URL;
  if (url === undefined || url === '') throw new Error('DROVER_TEST_STORE=postgres needs DROVER_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db');
  return url;
}

/** A schema name no other test run uses. */
export function freshSchema(): string {
  return `drover_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

/** Drops `schema` and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Opens a store on the test backend (see the module comment); cleanup closes and removes it. */
export async function openTestStore(tuning: StoreTuning = {}): Promise<{ store: Store; cleanup(): Promise<void> }> {
  if (testStoreKind() === 'postgres') {
    const connectionString = testPostgresUrl();
    const schema = freshSchema();
    // As the server runs it (process-runnables.ts): commits fan out through LISTEN/NOTIFY.
    const notifier = await createPostgresNotifier({ connectionString, schema });
    const store = await createStore({ kind: 'postgres', connectionString, schema, poolSize: 4, notifier, ...tuning });
    return {
      store,
      async cleanup() {
        await store.close();
        await dropSchema(connectionString, schema);
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'drover-store-'));
  const store = await createStore({ kind: 'sqlite', dataDir: dir, ...tuning });
  return {
    store,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function createTempStore(tuning: StoreTuning = {}): Promise<TempStore> {
  const dir = await mkdtemp(join(tmpdir(), 'drover-server-test-'));
  if (testStoreKind() === 'sqlite') {
    const store = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data'), ...tuning });
    return {
      store,
      dir,
      async cleanup() {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const opened = await openTestStore(tuning);
  return {
    store: opened.store,
    dir,
    async cleanup() {
      await opened.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A RequestUser for tests. */
export function testUser(name: string, admin = false): RequestUser {
  return { name, uid: `uid-${name}`, groups: ['system:authenticated'], admin, via: 'token' };
}
