/**
 * The audit log on a real store: records are written behind the caller in batches, a full queue
 * drops (counted, one warning) instead of blocking, close() writes what is queued, a failing store
 * fails nothing but its records; and its write throughput.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import type { Store, StoreTx } from '@drover/store';
import { createLogger } from '../logger.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { createTempStore, testStoreKind } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createAuditLog } from './log.ts';
import type { AuditRecord } from './record.ts';

let t: TempStore;
let logs: string[];
const logger = () => createLogger({ level: 'debug' }, { write: (s: string) => void logs.push(s) });
beforeEach(async () => {
  t = await createTempStore();
  logs = [];
});
afterEach(async () => {
  await t.cleanup();
});

const rec = (i: number, extra: Partial<AuditRecord> = {}): AuditRecord => ({
  source: 'api',
  user: `user-${i % 7}`,
  userUid: `uid-${i % 7}`,
  verb: 'create',
  method: 'POST',
  path: `/apis/management.drover.dev/v1/namespaces/prod/registrationtokens`,
  code: 201,
  durationMs: 1.5,
  time: new Date(Date.UTC(2026, 11, 6, 12, 0, 0, i)),
  ...extra,
});

/** The store, with transactions held until `open()` (a slow database). */
function gated(store: Store): { store: Store; open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const wrapped = Object.create(store) as Store;
  wrapped.transaction = async <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    await gate;
    return store.transaction(fn);
  };
  return { store: wrapped, open };
}

const metric = async (registry: Registry, result: string): Promise<number | undefined> =>
  (await registry.getSingleMetric('drover_audit_records_total')?.get())?.values.find((v) => v.labels.result === result)?.value;

describe('createAuditLog', () => {
  it('writes each record as an AuditEvent, with the cluster uid looked up', async () => {
    const c = await t.store.create(RESOURCES.clusters, { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'prod' } });
    const audit = createAuditLog({ store: t.store, logger: logger() });
    audit.record(rec(1, { cluster: 'prod' }));
    audit.record(rec(2, { cluster: 'gone' }));
    audit.record(rec(3, { source: 'proxy', verb: 'exec', code: 101, userUid: undefined }));
    await audit.flush();
    const { items } = await t.store.list(RESOURCES.auditevents);
    expect(items.map((i) => [i.cluster, i.clusterUid])).toEqual([['prod', c.metadata.uid], ['gone', undefined], [undefined, undefined]]);
    expect(items[2]).toMatchObject({ source: 'proxy', verb: 'exec', code: 101, user: { name: 'user-3' }, time: '2026-12-06T12:00:00.003Z' });
    expect(items[0]!.metadata.name).toMatch(/^20261206-120000-001-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(audit.stats()).toEqual({ written: 3, dropped: 0, failed: 0, queued: 0 });
  });

  it('drops (never blocks) when the queue is full: counted, one warning; the rest is written once the store answers', async () => {
    const registry = new Registry();
    const slow = gated(t.store);
    const audit = createAuditLog({ store: slow.store, logger: logger(), registry, maxQueue: 100, maxBatch: 10 });
    // 150 record() calls against a store that does not answer return at once (synchronously).
    for (let i = 0; i < 150; i += 1) audit.record(rec(i));
    expect(audit.stats()).toMatchObject({ dropped: 50, queued: 100, written: 0 });
    expect(await metric(registry, 'dropped')).toBe(50);
    const warnings = logs.filter((l) => l.includes('audit records dropped'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 40, dropped: 1, maxQueue: 100, why: 'queue full' });
    slow.open();
    await audit.flush();
    expect(audit.stats()).toEqual({ written: 100, dropped: 50, failed: 0, queued: 0 });
    expect(await metric(registry, 'written')).toBe(100);
    expect((await t.store.list(RESOURCES.auditevents)).items).toHaveLength(100);
  });

  it('close() writes what is queued; records after close are dropped and counted', async () => {
    const audit = createAuditLog({ store: t.store, logger: logger(), maxBatch: 7 });
    await audit.start(new AbortController().signal);
    for (let i = 0; i < 40; i += 1) audit.record(rec(i));
    await audit.close();
    expect((await t.store.list(RESOURCES.auditevents)).items).toHaveLength(40);
    audit.record(rec(41));
    expect(audit.stats()).toMatchObject({ written: 40, dropped: 1 });
  });

  it('a store failure fails only the records of that batch, never the caller', async () => {
    const broken = Object.create(t.store) as Store;
    broken.transaction = () => Promise.reject(new Error('disk on fire'));
    const audit = createAuditLog({ store: broken, logger: logger() });
    expect(() => audit.record(rec(1))).not.toThrow();
    await audit.flush();
    expect(audit.stats()).toMatchObject({ failed: 1, written: 0 });
    expect(logs.some((l) => l.includes('audit records could not be written') && l.includes('disk on fire'))).toBe(true);
  });

  // Batching is what this guards: one transaction per record measured ~270/s on SQLite and
  // ~130/s on PostgreSQL on the 2-core test machine; batches of 64, ~2,500-7,500/s and ~470-850/s.
  // Speed itself is not asserted here (tests assert behaviour): the number of transactions is.
  it(`writes queued records in batches: one transaction per up to maxBatch records (${testStoreKind()})`, async () => {
    const n = 2000;
    let transactions = 0;
    const counting = Object.create(t.store) as Store;
    counting.transaction = (fn) => {
      transactions += 1;
      return t.store.transaction(fn);
    };
    const audit = createAuditLog({ store: counting, logger: logger(), maxQueue: n, maxBatch: 64 });
    const started = performance.now();
    for (let i = 0; i < n; i += 1) audit.record(rec(i, { cluster: i % 2 === 0 ? 'prod' : undefined }));
    await audit.flush();
    const seconds = (performance.now() - started) / 1000;
    console.log(`audit log: ${n} records in ${seconds.toFixed(2)} s = ${Math.round(n / seconds)} records/s in ${transactions} transactions on ${testStoreKind()}`);
    expect(audit.stats()).toMatchObject({ written: n, dropped: 0, failed: 0 });
    expect((await t.store.list(RESOURCES.auditevents)).items).toHaveLength(n);
    expect(transactions).toBeLessThanOrEqual(Math.ceil(n / 64) + 2);
  });
});
