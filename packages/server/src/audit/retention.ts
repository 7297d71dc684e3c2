/**
 * Audit retention: deletes AuditEvents older than `ttlMs` (DROVER_AUDIT_TTL, default 30 days).
 * Not a per-object controller like event-expiry: an audit log holds hundreds of thousands of
 * objects, and a key with a timer per object is too much for them. Instead a sweep every
 * `intervalMs` lists AuditEvents oldest first (their names sort by time, names.ts) in pages,
 * deletes the expired ones one page per store transaction, and stops at the first one still
 * young. A Runnable of the server's lifecycle; `sweep()` runs one pass (tests, operators).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store, StoredObject } from '@drover/store';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Runnable } from '../controllers/manager.ts';
import { RESOURCES } from '../kinds/resources.ts';

/** Default: 30 days. */
export const AUDIT_TTL_MS = 30 * 86_400_000;
const PAGE = 500;

export interface AuditRetentionOptions {
  store: Store;
  logger: FastifyBaseLogger;
  now?: () => Date;
  ttlMs?: number;
  /** Time between sweeps (ms). Default a tenth of the TTL, between 1 s and 1 h. */
  intervalMs?: number;
}

export interface AuditRetention extends Runnable {
  /** One pass; resolves with how many AuditEvents it deleted. */
  sweep(): Promise<number>;
}

/** When the event happened: its `time`, else its creation (a record without a readable time expires). */
function timeOf(obj: StoredObject): number {
  const t = Date.parse(typeof obj.time === 'string' ? obj.time : obj.metadata.creationTimestamp);
  return Number.isNaN(t) ? 0 : t;
}

export function createAuditRetention(o: AuditRetentionOptions): AuditRetention {
  const now = o.now ?? (() => new Date());
  const ttlMs = o.ttlMs ?? AUDIT_TTL_MS;
  const intervalMs = o.intervalMs ?? Math.min(Math.max(Math.floor(ttlMs / 10), 1000), 3_600_000);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = false;

  async function pass(): Promise<number> {
    const cutoff = now().getTime() - ttlMs;
    let deleted = 0;
    for (;;) {
      // Always the first page: what this pass deleted is gone from it.
      const { items } = await o.store.list(RESOURCES.auditevents, { limit: PAGE });
      const expired = items.filter((obj) => timeOf(obj) <= cutoff);
      if (expired.length > 0) {
        await o.store.transaction(async (tx) => {
          for (const obj of expired) {
            try {
              await tx.delete(RESOURCES.auditevents, '', obj.metadata.name);
            } catch (err) {
              if (!isStoreError(err, StoreErrorCode.NOT_FOUND)) throw err; // another replica's sweep
            }
          }
        });
        deleted += expired.length;
      }
      // Oldest first: a page that was not all expired (or not full) ends the pass.
      if (stopped || expired.length < items.length || items.length < PAGE) return deleted;
    }
  }

  function sweep(): Promise<number> {
    running ??= pass().finally(() => (running = undefined));
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      sweep()
        .then((n) => {
          if (n > 0) o.logger.info({ deleted: n, ttlMs }, 'expired audit events deleted');
        })
        .catch((err: unknown) => o.logger.warn({ err }, 'audit retention sweep failed; retrying at the next interval'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    sweep,
    start() {
      stopped = false;
      // A first pass soon after start, then every interval.
      timer = setTimeout(() => {
        sweep()
          .catch((err: unknown) => o.logger.warn({ err }, 'audit retention sweep failed'))
          .finally(schedule);
      }, 0);
      timer.unref();
      return Promise.resolve();
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
    },
    destroy() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
