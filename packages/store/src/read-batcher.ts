/**
 * Reads of newest rows outside a transaction, merged while the database is busy (PostgreSQL,
 * ADR 0034). A read goes out at once while fewer than `maxInFlight` are out; later ones wait and
 * leave together, up to `maxKeys` keys in one query, when a read comes back. An idle server
 * waits for nothing; a reconnect storm, whose agents each read their credential and Node, makes
 * one query of many instead of one each.
 *
 * A waiting read leaves after it was asked, so it sees every write that committed before it was
 * asked, as a read of its own would.
 */
import { latestKey } from './latest-cache.ts';
import type { LogRow } from './log-queries.ts';
import type { ObjectKey } from './types.ts';

export type ReadRows = (keys: readonly ObjectKey[]) => Promise<(LogRow | undefined)[]>;

export interface ReadBatcherOptions {
  /** Reads out at once before the next ones wait (default 2: the pool's other connections stay for writes). */
  maxInFlight?: number;
  /** Keys of the waiting reads in one query at most (default 500); a larger read goes alone. */
  maxKeys?: number;
}

interface Waiting {
  keys: readonly ObjectKey[];
  resolve(rows: (LogRow | undefined)[]): void;
  reject(err: unknown): void;
}

/** Returns `read` merged as described above; each caller gets its own keys' rows, by position. */
export function createReadBatcher(read: ReadRows, options: ReadBatcherOptions = {}): ReadRows {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxKeys = options.maxKeys ?? 500;
  let waiting: Waiting[] = [];
  let inFlight = 0;

  function takeBatch(): Waiting[] {
    let n = 0;
    let taken = 0;
    while (taken < waiting.length && (taken === 0 || n + waiting[taken]!.keys.length <= maxKeys)) n += waiting[taken++]!.keys.length;
    const batch = waiting.slice(0, taken);
    waiting = waiting.slice(taken);
    return batch;
  }

  async function send(batch: Waiting[]): Promise<void> {
    try {
      if (batch.length === 1) {
        batch[0]!.resolve(await read(batch[0]!.keys));
        return;
      }
      const unique = new Map<string, ObjectKey>();
      for (const w of batch) for (const k of w.keys) unique.set(latestKey(k.resource, k.namespace, k.name), k);
      const keys = [...unique.values()];
      const rows = await read(keys);
      const byKey = new Map<string, LogRow | undefined>();
      keys.forEach((k, i) => byKey.set(latestKey(k.resource, k.namespace, k.name), rows[i]));
      for (const w of batch) w.resolve(w.keys.map((k) => byKey.get(latestKey(k.resource, k.namespace, k.name))));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }

  function pump(): void {
    while (inFlight < maxInFlight && waiting.length > 0) {
      inFlight++;
      void send(takeBatch()).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  return (keys) =>
    new Promise((resolve, reject) => {
      waiting.push({ keys, resolve, reject });
      pump();
    });
}
