import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { describeCrudBehaviour } from './behaviour-crud.ts';
import { describeRewriteBehaviour } from './behaviour-rewrite.ts';
import { describeWatchBehaviour } from './behaviour-watch.ts';
import { createPostgresNotifier } from './postgres-notifier.ts';
import { StoreErrorCode } from './errors.ts';
import { createStore } from './store.ts';
import type { Store } from './types.ts';
import { brief, obj, postgresBackend, reader } from './test-helpers.ts';

// The same behavioural suite as on SQLite, against a real PostgreSQL server.
const url = process.env.DROVER_TEST_POSTGRES_URL;
const reason = 'set DROVER_TEST_POSTGRES_URL=postgres://user:pass@127.0.0.1:5432/db to run the PostgreSQL suite';

describe.skipIf(url === undefined || url === '')(`store on PostgreSQL${url ? '' : ` (skipped: ${reason})`}`, () => {
  const backend = postgresBackend(url ?? '');
  describe('reads and writes', () => describeCrudBehaviour(backend));
  describe('rewriting history', () => describeRewriteBehaviour(backend));
  describe('watch', () => describeWatchBehaviour(backend));

  /** Two stores (as two server processes) on one schema; dropped after `fn`. */
  async function twoStores(suffix: string, fn: (a: Store, b: Store) => Promise<void>): Promise<void> {
    const connectionString = url ?? '';
    const schema = `drover_test_${process.pid}_${suffix}`;
    const open = async () => createStore({ kind: 'postgres', connectionString, schema, notifier: await createPostgresNotifier({ connectionString, schema }) });
    const a = await open();
    const b = await open();
    try {
      await fn(a, b);
    } finally {
      await a.close();
      await b.close();
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  }

  it('opens while another client creates and drops other schemas (the migrator reads every schema of the catalog)', async () => {
    const connectionString = url ?? '';
    const churn = new pg.Client({ connectionString });
    await churn.connect();
    let stop = false;
    const churning = (async () => {
      for (let i = 0; !stop && i < 2000; i++) {
        const other = `drover_test_${process.pid}_churn${i % 4}`;
        await churn.query(`create schema if not exists "${other}"; create table if not exists "${other}".t (a int, b text)`);
        await churn.query(`drop schema "${other}" cascade`);
      }
    })();
    const schemas: string[] = [];
    try {
      for (let i = 0; i < 15; i++) {
        const schema = `drover_test_${process.pid}_open${i}`;
        schemas.push(schema);
        const store = await createStore({ kind: 'postgres', connectionString, schema });
        await store.close();
      }
    } finally {
      stop = true;
      await churning;
      for (const schema of schemas) await churn.query(`drop schema if exists "${schema}" cascade`);
      await churn.end();
    }
  });

  it('a prefetched object another process changed since: the update is a CONFLICT, and the retry reads the newest', async () => {
    await twoStores('prefetch', async (a, b) => {
      const x = await a.create('r', obj('x', { spec: { v: 1 } }));
      await a.transaction(async (tx) => {
        await tx.prefetch([{ resource: 'r', namespace: '', name: 'x' }]);
        const newer = await b.update('r', { ...x, spec: { v: 2 } });
        const seen = await tx.get('r', '', 'x');
        expect(seen).toEqual(x); // what the prefetch read
        await expect(tx.update('r', { ...seen, spec: { v: 3 } }, { expectedResourceVersion: seen.metadata.resourceVersion })).rejects.toMatchObject({ code: StoreErrorCode.CONFLICT });
        const again = await tx.get('r', '', 'x');
        expect(again).toEqual(newer);
        await tx.update('r', { ...again, spec: { v: 3 } }, { expectedResourceVersion: again.metadata.resourceVersion });
      });
      expect((await b.get('r', '', 'x')).spec).toEqual({ v: 3 });
    });
  });

  it('a prefetch for writing holds the writer lock: another process’s write waits for the commit, and its stale update is then a CONFLICT', async () => {
    await twoStores('prefetchw', async (a, b) => {
      const x = await a.create('r', obj('x', { spec: { v: 1 } }));
      let bDone = false;
      let bWrite: Promise<unknown> | undefined;
      const written = await a.transaction(async (tx) => {
        await tx.prefetch([{ resource: 'r', namespace: '', name: 'x' }], { forWrite: true });
        bWrite = b.update('r', { ...x, spec: { v: 2 } }, { expectedResourceVersion: x.metadata.resourceVersion }).finally(() => (bDone = true));
        // It may reject before the transaction's promise settles here; checked below.
        bWrite.catch(() => undefined);
        await new Promise((r) => setTimeout(r, 300));
        expect(bDone).toBe(false); // waiting for the lock
        const seen = await tx.get('r', '', 'x');
        expect(seen).toEqual(x);
        return tx.update('r', { ...seen, spec: { v: 3 } }, { expectedResourceVersion: seen.metadata.resourceVersion });
      });
      await expect(bWrite).rejects.toMatchObject({ code: StoreErrorCode.CONFLICT });
      expect(await b.get('r', '', 'x')).toEqual(written);
      // The counter went up by one write: b's next write follows a's.
      const y = await b.create('r', obj('y'));
      expect(Number(y.metadata.resourceVersion)).toBe(Number(written.metadata.resourceVersion) + 1);
    });
  });

  it('two store processes sharing a database see each other’s writes through LISTEN/NOTIFY', async () => {
    await twoStores('notify', async (a, b) => {
      const w = reader(await b.watch('r', { resourceVersion: await b.currentResourceVersion() }));
      const x = await a.create('r', obj('x'));
      expect((await w.take(1)).map(brief)).toEqual([`ADDED /x@${x.metadata.resourceVersion}`]);
      const y = await b.create('r', obj('y'));
      // Both writers take the same counter lock: one sequence of resourceVersions.
      expect(Number(y.metadata.resourceVersion)).toBe(Number(x.metadata.resourceVersion) + 1);
      expect((await w.take(1)).map(brief)).toEqual([`ADDED /y@${y.metadata.resourceVersion}`]);
    });
  });

  it('a notifier closed with notifies in flight reports no error (a clean shutdown logged "LISTEN connection failed")', async () => {
    const errors: Error[] = [];
    const notifier = await createPostgresNotifier({ connectionString: url ?? '', schema: `drover_test_${process.pid}_closing`, onError: (err) => errors.push(err) });
    for (let rv = 1; rv <= 20; rv++) notifier.notify(rv);
    await notifier.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
