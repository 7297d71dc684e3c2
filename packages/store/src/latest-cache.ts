/**
 * The newest log row of recently used keys, in memory (SQLite only). A get and every write's
 * precondition read the newest row of a key; in a reconnect storm of 10,000 agents that was
 * 180,000 indexed reads, a fifth of the server's time (issue 15). SQLite is one connection held
 * exclusively by this process, so every write passes through this store and the cache can be
 * exact: a transaction's own writes are kept apart (its overlay) and enter the cache when its
 * callback ends, just before COMMIT; if COMMIT fails the whole cache is dropped. PostgreSQL has no
 * cache: other processes write to it.
 *
 * A read that missed fills the cache only if no transaction was merged since it started
 * (`generation`), so a slow read never puts back an older row over a newer one. Bounded by the
 * size of the rows' JSON (least recently used out first). Rows of the resources in `uncached` are
 * never kept: records written once and seldom read again by key (Events, audit events) would
 * otherwise hold ~1 KB of every agent's memory (issue 15).
 */
import type { LogRow } from './log-queries.ts';

export interface LatestCache {
  /** The cached newest row of the key, marking it recently used. */
  get(key: string): LogRow | undefined;
  /** Caches a row read from the database, unless a merge happened since `generation` was read. */
  fill(key: string, row: LogRow, generation: number): void;
  /** Changes with every merge. */
  readonly generation: number;
  /** A transaction's writes, about to be committed. */
  merge(rows: ReadonlyMap<string, LogRow>): void;
  /** Forgets everything (a failed COMMIT, a rewrite of history). */
  clear(): void;
  readonly size: number;
}

/** The cache key of a store key. */
export const latestKey = (resource: string, namespace: string, name: string): string => `${resource}\u0000${namespace}\u0000${name}`;

/** Bytes a cached row is counted as: its JSON plus the entry's own overhead. */
const cost = (key: string, row: LogRow): number => row.data.length + key.length + 160;

export function createLatestCache(maxBytes: number, uncached: ReadonlySet<string> = new Set()): LatestCache {
  const rows = new Map<string, LogRow>();
  let bytes = 0;
  let generation = 0;

  function put(key: string, row: LogRow): void {
    if (uncached.has(row.resource)) return;
    const old = rows.get(key);
    if (old !== undefined) {
      bytes -= cost(key, old);
      rows.delete(key);
    }
    rows.set(key, row);
    bytes += cost(key, row);
    while (bytes > maxBytes && rows.size > 0) {
      const [k, r] = rows.entries().next().value as [string, LogRow];
      rows.delete(k);
      bytes -= cost(k, r);
    }
  }

  return {
    get(key) {
      const row = rows.get(key);
      if (row !== undefined) {
        rows.delete(key);
        rows.set(key, row);
      }
      return row;
    },
    fill(key, row, gen) {
      if (gen === generation && !rows.has(key)) put(key, row);
    },
    get generation() {
      return generation;
    },
    merge(written) {
      if (written.size === 0) return;
      generation += 1;
      for (const [key, row] of written) put(key, row);
    },
    clear() {
      generation += 1;
      rows.clear();
      bytes = 0;
    },
    get size() {
      return rows.size;
    },
  };
}
