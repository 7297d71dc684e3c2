/**
 * Test helpers shared by the store's test files (not exported from the package).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createStore } from './store.ts';
import type { StoreTuning } from './store.ts';
import type { KubeObject, Store, Watch, WatchEvent } from './types.ts';

/** A backend under test: fresh stores, re-opening the same data, and cleanup. */
export interface BackendUnderTest {
  /** A fresh, empty store (its data is new). */
  open(tuning?: StoreTuning): Promise<Store>;
  /** A store over the same data as the last open() (close that one first). */
  reopen(tuning?: StoreTuning): Promise<Store>;
  /** Closes what is still open and removes the data. */
  cleanup(): Promise<void>;
}

/** A backend factory: one call per test. */
export type BackendFactory = () => BackendUnderTest;

/** SQLite in a fresh temporary directory. */
export const sqliteBackend: BackendFactory = () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  const open = async (dir: string, tuning?: StoreTuning) => {
    const s = await createStore({ kind: 'sqlite', dataDir: dir, ...tuning });
    stores.push(s);
    return s;
  };
  return {
    open(tuning) {
      dirs.push(mkdtempSync(join(tmpdir(), 'drover-store-test-')));
      return open(dirs.at(-1)!, tuning);
    },
    reopen: (tuning) => open(dirs.at(-1)!, tuning),
    async cleanup() {
      for (const s of stores) await s.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
};

/** PostgreSQL at `url`, one fresh schema per open(), dropped by cleanup(). */
export function postgresBackend(url: string): BackendFactory {
  return () => {
    const schemas: string[] = [];
    const stores: Store[] = [];
    const open = async (schema: string, tuning?: StoreTuning) => {
      const s = await createStore({ kind: 'postgres', connectionString: url, schema, poolSize: 4, ...tuning });
      stores.push(s);
      return s;
    };
    return {
      open(tuning) {
        schemas.push(`drover_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
        return open(schemas.at(-1)!, tuning);
      },
      reopen: (tuning) => open(schemas.at(-1)!, tuning),
      async cleanup() {
        for (const s of stores) await s.close();
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
        } finally {
          await client.end();
        }
      },
    };
  };
}

/** A minimal object. */
export function obj(name: string, extra: { namespace?: string; labels?: Record<string, string>; finalizers?: string[]; spec?: unknown } = {}): KubeObject {
  const metadata: KubeObject['metadata'] = { name };
  if (extra.namespace !== undefined) metadata.namespace = extra.namespace;
  if (extra.labels !== undefined) metadata.labels = extra.labels;
  if (extra.finalizers !== undefined) metadata.finalizers = extra.finalizers;
  return { apiVersion: 'management.drover.dev/v1', kind: 'Thing', metadata, spec: extra.spec ?? {} };
}

/** Reads a watch with timeouts; a next() that timed out stays pending for the following call. */
export interface WatchReader {
  /** The next event, 'end' when iteration finished, or 'timeout'. Rejects when the watch throws. */
  next(timeoutMs?: number): Promise<WatchEvent | 'end' | 'timeout'>;
  /** The next `n` events; rejects on timeout or end. */
  take(n: number, timeoutMs?: number): Promise<WatchEvent[]>;
}

/** Wraps a watch in a {@link WatchReader}. */
export function reader(watch: Watch): WatchReader {
  const it = watch[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<WatchEvent>> | undefined;
  const next = async (timeoutMs = 5000): Promise<WatchEvent | 'end' | 'timeout'> => {
    pending ??= it.next();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      const r = await Promise.race([pending, timeout]);
      if (r === 'timeout') return r;
      pending = undefined;
      return r.done === true ? 'end' : r.value;
    } catch (err) {
      pending = undefined;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    next,
    async take(n, timeoutMs = 5000) {
      const out: WatchEvent[] = [];
      const deadline = Date.now() + timeoutMs;
      while (out.length < n) {
        const r = await next(Math.max(1, deadline - Date.now()));
        if (r === 'timeout' || r === 'end') throw new Error(`watch gave ${r} after ${out.length}/${n} events`);
        out.push(r);
      }
      return out;
    },
  };
}

/** Summary of an event for comparisons. */
export function brief(ev: WatchEvent): string {
  return ev.type === 'BOOKMARK'
    ? `BOOKMARK@${ev.object.metadata.resourceVersion}`
    : `${ev.type} ${ev.object.metadata.namespace ?? ''}/${ev.object.metadata.name}@${ev.object.metadata.resourceVersion}`;
}
