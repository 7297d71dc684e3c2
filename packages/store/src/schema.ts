/**
 * Database schema and its migrations (Kysely Migrator, migrations defined in code).
 *
 * Design (kine-style revision log, one table for state and history):
 *
 *   log(rv PK, resource, namespace, name, type, prev_rv, data)
 *     One row per write. `rv` is the store-wide resourceVersion the write got; `type` is the watch
 *     event it produces (ADDED for create, MODIFIED for update, DELETED for a removal, whose row
 *     is a tombstone carrying the object's last state); `prev_rv` points at the key's previous row
 *     (null for ADDED); `data` is the full object JSON as text (exact bytes back, same on both
 *     dialects). Index (resource, namespace, name, rv).
 *   meta(key PK, value)
 *     'rv': the counter (last resourceVersion handed out). Every write transaction first locks
 *     this row (SELECT .. FOR UPDATE on PostgreSQL; SQLite has a single writer connection), which
 *     serialises writers so rows commit in rv order: a reader that sees rv N has seen all < N.
 *     'compact_rv': the compaction point. History after it is complete.
 *
 * Why one log instead of objects + events tables: the state of a key at any resourceVersion R
 * (>= compact_rv) is its newest row with rv <= R unless that row is a tombstone. That gives
 * consistent paginated lists at a snapshot (continue tokens) and watch replay from the same rows,
 * and it survives restarts (watches resume across them).
 *
 * Compaction at C deletes rows with rv <= C that are tombstones or superseded by a newer row of
 * the same key with rv <= C, so every key's newest row survives and state at R >= C stays exact;
 * rows with rv > C are all kept, so watches from N >= C replay without gaps. A row's prev_rv row
 * survives as long as the row has rv > C (nothing newer than prev and <= C exists for the key).
 *
 * Key columns use the "C" collation on PostgreSQL so (namespace, name) order is bytewise, as on
 * SQLite, and keyset pagination agrees with the index.
 */
import { sql } from 'kysely';
import type { ColumnType, Kysely } from 'kysely';
import type { Migration, MigrationProvider } from 'kysely/migration';

/** The SQL dialect in use. */
export type DialectKind = 'sqlite' | 'postgres';

/** Integer columns: SQLite returns number, PostgreSQL (bigint) returns string. */
type BigIntColumn = ColumnType<number | string, number, number>;

/** The watch event type stored with each log row. */
export type LogRowType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Table `log`. */
export interface LogTable {
  rv: BigIntColumn;
  resource: string;
  namespace: string;
  name: string;
  type: LogRowType;
  prev_rv: ColumnType<number | string | null, number | null, number | null>;
  data: string;
}

/** Table `meta`. */
export interface MetaTable {
  key: 'rv' | 'compact_rv';
  value: BigIntColumn;
}

/** The database as Kysely sees it. */
export interface StoreDatabase {
  log: LogTable;
  meta: MetaTable;
}

/** The resourceVersion of an empty store; the first write gets 2. "0" is never a real version. */
export const INITIAL_RV = 1;

function migration0001(kind: DialectKind): Migration {
  const int = kind === 'sqlite' ? 'integer' : 'bigint';
  const keyText = kind === 'postgres' ? sql`text collate "C"` : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('log')
        // On SQLite "integer primary key" makes rv the rowid.
        .addColumn('rv', int, (c) => c.primaryKey())
        .addColumn('resource', keyText, (c) => c.notNull())
        .addColumn('namespace', keyText, (c) => c.notNull())
        .addColumn('name', keyText, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('prev_rv', int)
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('log_key_rv').on('log').columns(['resource', 'namespace', 'name', 'rv']).execute();
      await db.schema
        .createTable('meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', int, (c) => c.notNull())
        .execute();
      await sql`insert into meta (key, value) values ('rv', ${INITIAL_RV}), ('compact_rv', ${INITIAL_RV})`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('meta').execute();
      await db.schema.dropTable('log').execute();
    },
  };
}

/** The store's migrations, in order, for the Kysely Migrator. */
export function migrationProvider(kind: DialectKind): MigrationProvider {
  return {
    getMigrations: () => Promise.resolve({ '0001_log': migration0001(kind) }),
  };
}
