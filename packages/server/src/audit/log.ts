/**
 * The audit log: takes AuditRecords from the proxy and the management API (`record`, never
 * blocking and never throwing) and writes each as an AuditEvent behind the request, in batches of
 * one store transaction. The queue is bounded: when it is full a record is dropped, counted
 * (`drover_audit_records_total{result="dropped"}`) and a warning logged at most every
 * `warnIntervalMs`; requests are never slowed or failed by auditing. A Runnable of the server's
 * lifecycle: `close()` writes what is queued (the manager's grace period bounds it), records
 * arriving after close are dropped and counted; `destroy()` drops the queue. docs/adr/0016.
 *
 * ```ts
 * const audit = createAuditLog({ store, logger, registry: metrics.registry });
 * lifecycle.add('audit', audit);
 * audit.record({ source: 'api', user: 'alice', verb: 'create', method: 'POST', path, code: 201, durationMs: 3, time });
 * ```
 */
import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { KubeObject, Store, StoreTx } from '@drover/store';
import type { Runnable } from '../controllers/manager.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { AUDIT_CLUSTER_LABEL, AUDIT_SOURCE_LABEL } from '../kinds/audit-event.ts';
import { auditEventName } from './names.ts';
import type { AuditRecord, AuditSink } from './record.ts';

/** Default bounds of the audit log. */
export const AUDIT_LIMITS = {
  /** Records waiting to be written; past it new ones are dropped. */
  maxQueue: 10_000,
  /**
   * Records written in one store transaction: batching is ~10x the throughput of one transaction
   * each, and 64 keeps the store's write lock held for tens of milliseconds at most under a burst.
   */
  maxBatch: 64,
  /** Least time between two "queue full" warnings (ms). */
  warnIntervalMs: 10_000,
} as const;

export interface AuditLogOptions {
  store: Store;
  logger: FastifyBaseLogger;
  /** Registers drover_audit_records_total and drover_audit_queue_length here (none: not exported). */
  registry?: Registry;
  maxQueue?: number;
  maxBatch?: number;
  warnIntervalMs?: number;
}

export interface AuditLogStats {
  written: number;
  dropped: number;
  failed: number;
  queued: number;
}

export interface AuditLog extends AuditSink, Runnable {
  /** Resolves once every record taken so far is written (or has failed). */
  flush(): Promise<void>;
  /** Counts since creation (also exported as metrics). */
  stats(): AuditLogStats;
}

type Result = 'written' | 'dropped' | 'failed';

/** The AuditEvent object for one record (without clusterUid, which the writer looks up). */
export function auditEventOf(rec: AuditRecord, name = auditEventName(rec.time)): KubeObject {
  const labels: Record<string, string> = { [AUDIT_SOURCE_LABEL]: rec.source };
  if (rec.cluster !== undefined && rec.cluster !== '') labels[AUDIT_CLUSTER_LABEL] = rec.cluster;
  return {
    apiVersion: API_VERSION,
    kind: 'AuditEvent',
    metadata: { name, labels },
    source: rec.source,
    user: rec.userUid === undefined ? { name: rec.user } : { name: rec.user, uid: rec.userUid },
    ...(rec.cluster === undefined || rec.cluster === '' ? {} : { cluster: rec.cluster }),
    verb: rec.verb,
    method: rec.method,
    path: rec.path,
    code: rec.code,
    durationMs: Math.max(0, Math.round(rec.durationMs * 1000) / 1000),
    time: rec.time.toISOString(),
  };
}

export function createAuditLog(o: AuditLogOptions): AuditLog {
  const maxQueue = o.maxQueue ?? AUDIT_LIMITS.maxQueue;
  const maxBatch = o.maxBatch ?? AUDIT_LIMITS.maxBatch;
  const warnIntervalMs = o.warnIntervalMs ?? AUDIT_LIMITS.warnIntervalMs;
  const log = o.logger;
  const counts: Record<Result, number> = { written: 0, dropped: 0, failed: 0 };
  const records = o.registry === undefined
    ? undefined
    : new Counter({ name: 'drover_audit_records_total', help: 'Audit records by result: written, dropped (queue full or log closed), failed (store error).', labelNames: ['result'] as const, registers: [o.registry] });
  const queueLength = o.registry === undefined
    ? undefined
    : new Gauge({ name: 'drover_audit_queue_length', help: 'Audit records waiting to be written.', registers: [o.registry] });
  let queue: AuditRecord[] = [];
  let writing: Promise<void> | undefined;
  let closed = false;
  let lastWarn = -Infinity;
  let droppedSinceWarn = 0;

  function count(result: Result, n: number): void {
    if (n === 0) return;
    counts[result] += n;
    records?.inc({ result }, n);
  }

  function drop(n: number, why: string): void {
    count('dropped', n);
    droppedSinceWarn += n;
    const t = Date.now();
    if (t - lastWarn >= warnIntervalMs) {
      log.warn({ dropped: droppedSinceWarn, maxQueue, why }, 'audit records dropped');
      lastWarn = t;
      droppedSinceWarn = 0;
    }
  }

  async function writeBatch(batch: AuditRecord[]): Promise<void> {
    await o.store.transaction(async (tx: StoreTx) => {
      const uids = new Map<string, string | undefined>();
      for (const rec of batch) {
        const obj = auditEventOf(rec);
        if (rec.cluster !== undefined && rec.cluster !== '') {
          if (!uids.has(rec.cluster)) uids.set(rec.cluster, (await tx.tryGet(RESOURCES.clusters, '', rec.cluster))?.metadata.uid);
          const uid = uids.get(rec.cluster);
          if (uid !== undefined) obj.clusterUid = uid;
        }
        await tx.create(RESOURCES.auditevents, obj);
      }
    });
  }

  async function drain(): Promise<void> {
    // One turn of the event loop first, so records of requests ending together share a transaction.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      queueLength?.set(queue.length);
      try {
        await writeBatch(batch);
        count('written', batch.length);
      } catch (err) {
        count('failed', batch.length);
        log.error({ err, records: batch.length }, 'audit records could not be written');
      }
    }
  }

  function kick(): void {
    if (writing !== undefined) return;
    writing = drain().finally(() => {
      writing = undefined;
      if (queue.length > 0) kick();
    });
  }

  async function flush(): Promise<void> {
    while (writing !== undefined) await writing;
  }

  return {
    record(rec) {
      try {
        if (closed) return drop(1, 'closed');
        if (queue.length >= maxQueue) return drop(1, 'queue full');
        queue.push(rec);
        queueLength?.set(queue.length);
        kick();
      } catch (err) {
        // Auditing never fails the request it audits.
        log.error({ err }, 'audit record refused');
      }
    },
    flush,
    stats: () => ({ ...counts, queued: queue.length }),
    start: () => Promise.resolve(),
    async close() {
      closed = true;
      await flush();
    },
    destroy() {
      closed = true;
      const n = queue.length;
      queue = [];
      queueLength?.set(0);
      if (n > 0) drop(n, 'destroyed');
    },
  };
}
