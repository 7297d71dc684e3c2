/**
 * Opens the database behind a store (SQLite file or PostgreSQL pool) as a Kysely instance and
 * brings the schema up to date with the Kysely Migrator.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { StoreError, StoreErrorCode } from './errors.ts';
import { migrationProvider } from './schema.ts';
import type { DialectKind, StoreDatabase } from './schema.ts';

/** Where the store keeps its data. */
export type BackendOptions =
  | {
      kind: 'sqlite';
      /** Directory of the database file (created when missing); one store process per directory. */
      dataDir: string;
    }
  | {
      kind: 'postgres';
      /** libpq-style URL, e.g. postgres://user:pass@127.0.0.1:5432/drover. */
      connectionString: string;
      /** Schema holding the tables (created when missing). Default "public". */
      schema?: string;
      /** Connections in the pool. Default 10. */
      poolSize?: number;
    };

/** The SQLite file name inside dataDir. */
export const SQLITE_FILE = 'drover-store.sqlite';

/** An open database. */
export interface OpenDatabase {
  readonly db: Kysely<StoreDatabase>;
  readonly kind: DialectKind;
}

/** Mode of the SQLite files: the store holds password hashes and sealed secrets. */
const FILE_MODE = 0o600;

function openSqlite(dataDir: string): Kysely<StoreDatabase> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, SQLITE_FILE);
  // Create the file ourselves so it is 0600 whatever the umask; SQLite gives its WAL (and any
  // journal) the database file's mode. Existing files from older versions are tightened too.
  closeSync(openSync(path, 'a', FILE_MODE));
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    try {
      chmodSync(`${path}${suffix}`, FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  // timeout: how long to wait for a lock held by another process before failing.
  const file = new Database(path, { timeout: 1000 });
  try {
    // Deleted and overwritten rows are zeroed on disk, not left in free pages.
    file.pragma('secure_delete = ON');
    const mode = file.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`journal_mode is ${String(mode)}, not wal`);
    // FULL: a commit is on disk before it is acknowledged, in WAL mode too.
    file.pragma('synchronous = FULL');
    // One process owns the directory: the store's counter and watch fan-out live in it.
    file.pragma('locking_mode = EXCLUSIVE');
    // Take the exclusive lock now, so a second process fails here rather than later.
    file.exec('BEGIN IMMEDIATE; COMMIT;');
  } catch (err) {
    file.close();
    throw err;
  }
  // Kysely prepares every query anew; SQL texts are parameterised and few, so cache statements.
  const cache = new Map<string, Database.Statement>();
  const database = {
    close: () => file.close(),
    prepare(text: string) {
      let stmt = cache.get(text);
      if (stmt === undefined) {
        if (cache.size >= 256) cache.clear();
        stmt = file.prepare(text);
        cache.set(text, stmt);
      }
      return stmt;
    },
  };
  return new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database }) });
}

function openPostgres(connectionString: string, schema: string, poolSize: number): Kysely<StoreDatabase> {
  const pool = new pg.Pool({ connectionString, max: poolSize, options: `-c search_path=${schema}` });
  return new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/** Reads of the catalog a migration makes before it gives up on schemas dropped under it. */
const MIGRATE_ATTEMPTS = 20;

/** PostgreSQL's invalid_schema_name for a schema other than ours (dropped by someone else). */
function otherSchemaGone(err: unknown, schema: string | undefined): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return schema !== undefined && e.code === '3F000' && typeof e.message === 'string' && !e.message.includes(`"${schema}"`);
}

/**
 * Opens (and migrates) the database.
 * @throws StoreError INVALID for a bad schema name; BACKEND when the database cannot be opened.
 */
export async function openDatabase(options: BackendOptions): Promise<OpenDatabase> {
  let db: Kysely<StoreDatabase> | undefined;
  try {
    let schema: string | undefined;
    if (options.kind === 'sqlite') {
      db = openSqlite(options.dataDir);
    } else {
      schema = options.schema ?? 'public';
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new StoreError(StoreErrorCode.INVALID, `invalid schema name ${JSON.stringify(schema)}`);
      db = openPostgres(options.connectionString, schema, options.poolSize ?? 10);
      await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    }
    const migrator = new Migrator({
      db,
      provider: migrationProvider(options.kind),
      migrationTableName: 'store_migration',
      migrationLockTableName: 'store_migration_lock',
      ...(schema === undefined ? {} : { migrationTableSchema: schema }),
    });
    for (let attempt = 1; ; attempt++) {
      const { error } = await migrator.migrateToLatest();
      if (error === undefined) break;
      // The migrator reads the catalog of every schema (Kysely's introspection), and a schema
      // another client drops meanwhile fails that read with 3F000 naming it: read again.
      if (attempt < MIGRATE_ATTEMPTS && otherSchemaGone(error, schema)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        continue;
      }
      throw error instanceof Error ? error : new Error('migration failed', { cause: error });
    }
    return { db, kind: options.kind };
  } catch (err) {
    await db?.destroy().catch(() => undefined);
    if (err instanceof StoreError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new StoreError(StoreErrorCode.BACKEND, `cannot open the ${options.kind} store: ${detail}`, { cause: err });
  }
}
