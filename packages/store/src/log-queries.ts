/**
 * The Kysely queries over the revision log (see schema.ts). Dialect-neutral except for the
 * writer lock, which is a row lock on PostgreSQL.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { latestKey } from './latest-cache.ts';
import type { DialectKind, LogRowType, StoreDatabase } from './schema.ts';

/** A Kysely handle or transaction over the store's tables. */
export type Db = Kysely<StoreDatabase>;

/** A log row with its integers normalised to numbers. */
export interface LogRow {
  rv: number;
  resource: string;
  namespace: string;
  name: string;
  type: LogRowType;
  prevRv: number | null;
  data: string;
}

/** A log row joined with the data of its previous row (for filtered watches). */
export interface LogEventRow extends LogRow {
  prevData: string | null;
}

interface RawRow {
  rv: number | string;
  resource: string;
  namespace: string;
  name: string;
  type: LogRowType;
  prev_rv: number | string | null;
  data: string;
}

function toRow(r: RawRow): LogRow {
  return {
    rv: Number(r.rv),
    resource: r.resource,
    namespace: r.namespace,
    name: r.name,
    type: r.type,
    prevRv: r.prev_rv === null ? null : Number(r.prev_rv),
    data: r.data,
  };
}

const ROW_COLUMNS = ['rv', 'resource', 'namespace', 'name', 'type', 'prev_rv', 'data'] as const;

/**
 * Serialises writers for the rest of the transaction and returns the store-wide counter, which
 * no one else can then advance. SQLite needs no lock (one connection, held by the transaction;
 * one process owns the file); PostgreSQL locks the counter row until commit.
 */
export async function lockWriters(db: Db, kind: DialectKind): Promise<number> {
  const query = db.selectFrom('meta').select('value').where('key', '=', 'rv');
  const row = await (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Reads a meta counter ('rv' or 'compact_rv'). */
export async function readMeta(db: Db, key: 'rv' | 'compact_rv'): Promise<number> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return Number(row.value);
}

/** Sets a meta counter. */
export async function writeMeta(db: Db, key: 'rv' | 'compact_rv', value: number): Promise<void> {
  await db.updateTable('meta').set({ value }).where('key', '=', key).execute();
}

/** The newest row of a key (possibly a tombstone), or undefined when the key never existed. */
export async function readLatest(db: Db, resource: string, namespace: string, name: string): Promise<LogRow | undefined> {
  const row = await db
    .selectFrom('log')
    .select(ROW_COLUMNS)
    .where('resource', '=', resource)
    .where('namespace', '=', namespace)
    .where('name', '=', name)
    .orderBy('rv', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toRow(row);
}

/** Keys per query of {@link readLatestMany} on SQLite: one compound SELECT arm each (SQLite allows 500). */
const LATEST_MANY_CHUNK = 100;
/** Keys per query on PostgreSQL: three array parameters, whatever their length. */
const LATEST_MANY_CHUNK_PG = 1000;

/**
 * The newest row of each key, as {@link readLatest}, by position (a reconnect storm on
 * PostgreSQL spent most of its queries reading one key at a time, issue 15). SQLite: one query
 * per 100 keys, a UNION ALL of one index probe per key. PostgreSQL: one statement of constant
 * text per 1,000 keys, the keys as arrays, one index probe per key (ADR 0034): building the
 * union took Kysely ~19 µs a key on the server's thread.
 */
export async function readLatestMany(db: Db, kind: DialectKind, keys: readonly { resource: string; namespace: string; name: string }[]): Promise<(LogRow | undefined)[]> {
  const byKey = new Map<string, LogRow>();
  if (kind === 'postgres') {
    for (let at = 0; at < keys.length; at += LATEST_MANY_CHUNK_PG) {
      const chunk = keys.slice(at, at + LATEST_MANY_CHUNK_PG);
      const { rows } = await sql<RawRow>`select l.* from unnest(${chunk.map((k) => k.resource)}::text[], ${chunk.map((k) => k.namespace)}::text[], ${chunk.map((k) => k.name)}::text[]) as k(resource, namespace, name)
        cross join lateral (select rv, resource, namespace, name, type, prev_rv, data from log
          where log.resource = k.resource and log.namespace = k.namespace and log.name = k.name order by rv desc limit 1) as l`.execute(db);
      for (const raw of rows) {
        const row = toRow(raw);
        byKey.set(latestKey(row.resource, row.namespace, row.name), row);
      }
    }
    return keys.map((k) => byKey.get(latestKey(k.resource, k.namespace, k.name)));
  }
  for (let at = 0; at < keys.length; at += LATEST_MANY_CHUNK) {
    const arms = keys.slice(at, at + LATEST_MANY_CHUNK).map((k, i) =>
      db
        .selectFrom((sub) =>
          sub.selectFrom('log').select(ROW_COLUMNS).where('resource', '=', k.resource).where('namespace', '=', k.namespace).where('name', '=', k.name).orderBy('rv', 'desc').limit(1).as(`k${i}`),
        )
        .selectAll(),
    );
    let query = arms[0]!;
    for (let i = 1; i < arms.length; i++) query = query.unionAll(arms[i]!);
    for (const raw of await query.execute()) {
      const row = toRow(raw);
      byKey.set(latestKey(row.resource, row.namespace, row.name), row);
    }
  }
  return keys.map((k) => byKey.get(latestKey(k.resource, k.namespace, k.name)));
}

/** Appends a row. */
export async function insertRow(db: Db, row: LogRow): Promise<void> {
  await db
    .insertInto('log')
    .values({
      rv: row.rv,
      resource: row.resource,
      namespace: row.namespace,
      name: row.name,
      type: row.type,
      prev_rv: row.prevRv,
      data: row.data,
    })
    .execute();
}

/** Rows per statement of {@link insertRows} on PostgreSQL. */
const INSERT_CHUNK_PG = 1000;

/**
 * Appends rows: on PostgreSQL one statement of constant text per 1,000 rows, the columns as
 * arrays (a transaction's writes, ADR 0035); on SQLite one prepared insert each (in process).
 */
export async function insertRows(db: Db, kind: DialectKind, rows: readonly LogRow[]): Promise<void> {
  if (kind === 'sqlite') {
    for (const row of rows) await insertRow(db, row);
    return;
  }
  for (let at = 0; at < rows.length; at += INSERT_CHUNK_PG) {
    const chunk = rows.slice(at, at + INSERT_CHUNK_PG);
    const col = <T>(f: (r: LogRow) => T): T[] => chunk.map(f);
    await sql`insert into log (rv, resource, namespace, name, type, prev_rv, data)
      select * from unnest(${col((r) => r.rv)}::bigint[], ${col((r) => r.resource)}::text[], ${col((r) => r.namespace)}::text[], ${col((r) => r.name)}::text[],
        ${col((r) => r.type)}::text[], ${col((r) => r.prevRv)}::bigint[], ${col((r) => r.data)}::text[])`.execute(db);
  }
}

/**
 * The live objects of `resource` as of resourceVersion `atRv`, ordered by (namespace, name),
 * starting strictly after the key `after`. Exact only while `atRv` >= compact_rv.
 */
export async function readStateAt(
  db: Db,
  q: { resource: string; namespace: string | undefined; atRv: number; after: { namespace: string; name: string } | undefined; limit: number },
): Promise<LogRow[]> {
  let query = db
    .selectFrom('log as l')
    .select(['l.rv', 'l.resource', 'l.namespace', 'l.name', 'l.type', 'l.prev_rv', 'l.data'])
    .where('l.resource', '=', q.resource)
    .where('l.rv', '<=', q.atRv)
    .where('l.type', '<>', 'DELETED')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('log as n')
            .select(sql.lit(1).as('one'))
            .whereRef('n.resource', '=', 'l.resource')
            .whereRef('n.namespace', '=', 'l.namespace')
            .whereRef('n.name', '=', 'l.name')
            .whereRef('n.rv', '>', 'l.rv')
            .where('n.rv', '<=', q.atRv),
        ),
      ),
    );
  if (q.namespace !== undefined) query = query.where('l.namespace', '=', q.namespace);
  const after = q.after;
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('l.namespace', '>', after.namespace), eb.and([eb('l.namespace', '=', after.namespace), eb('l.name', '>', after.name)])]),
    );
  }
  const rows = await query.orderBy('l.namespace').orderBy('l.name').limit(q.limit).execute();
  return rows.map(toRow);
}

/**
 * readStateAt's first page at the current resourceVersion, read with that resourceVersion in one
 * statement: a statement sees one snapshot on both dialects, so no transaction (on PostgreSQL
 * four round trips: BEGIN, the counter, the page, COMMIT) is needed while one page is the list.
 */
export async function readFirstPage(db: Db, q: { resource: string; namespace: string | undefined; limit: number }): Promise<{ atRv: number; rows: LogRow[] }> {
  const namespace = q.namespace === undefined ? sql`` : sql`and l."namespace" = ${q.namespace}`;
  const { rows } = await sql<{ at_rv: number | string } & { [K in keyof RawRow]: RawRow[K] | null }>`
    with m as (select "value" as at_rv from "meta" where "key" = 'rv')
    select m.at_rv, p.* from m left join (
      select l."rv", l."resource", l."namespace", l."name", l."type", l."prev_rv", l."data" from "log" as l
      where l."resource" = ${q.resource} ${namespace} and l."rv" <= (select at_rv from m) and l."type" <> 'DELETED'
        and not exists (select 1 from "log" as n where n."resource" = l."resource" and n."namespace" = l."namespace"
          and n."name" = l."name" and n."rv" > l."rv" and n."rv" <= (select at_rv from m))
      order by l."namespace", l."name" limit ${q.limit}
    ) as p on 1 = 1
    order by p."namespace", p."name"`.execute(db);
  const atRv = Number(rows[0]?.at_rv);
  return { atRv, rows: rows.flatMap((r) => (r.rv === null ? [] : [toRow(r as RawRow)])) };
}

/**
 * Log rows with after < rv <= upTo (upTo optional), oldest first, each with its previous row's
 * data; only `resource` when given.
 */
export async function readEventsAfter(
  db: Db,
  q: { after: number; upTo?: number | undefined; resource?: string | undefined; limit: number },
): Promise<LogEventRow[]> {
  let query = db
    .selectFrom('log as l')
    .leftJoin('log as p', 'p.rv', 'l.prev_rv')
    .select(['l.rv', 'l.resource', 'l.namespace', 'l.name', 'l.type', 'l.prev_rv', 'l.data', 'p.data as prev_data'])
    .where('l.rv', '>', q.after);
  if (q.upTo !== undefined) query = query.where('l.rv', '<=', q.upTo);
  if (q.resource !== undefined) query = query.where('l.resource', '=', q.resource);
  const rows = await query.orderBy('l.rv').limit(q.limit).execute();
  return rows.map((r) => ({ ...toRow(r), prevData: r.prev_data }));
}

/**
 * Deletes the history between the last compaction (`from`, exclusive) and `upTo`: the rows that
 * rows written in that span replaced (their `prev_rv`: a write always names the key's newest row
 * before it), and the tombstones written in it. What `from` left was compacted before, so the
 * result is the same as deleting every tombstone and superseded row at or before `upTo`; the
 * cost is that of the span, not of the whole log (which re-checked every live row each time:
 * ~45 ms a compaction with 50,000 live rows, 1.5 s of a reconnect storm, issue 15).
 * Returns the number of rows deleted.
 */
export async function compactLog(db: Db, from: number, upTo: number): Promise<number> {
  const replaced = await db
    .deleteFrom('log')
    .where('rv', 'in', (eb) => eb.selectFrom('log as n').select('n.prev_rv').where('n.rv', '>', from).where('n.rv', '<=', upTo).where('n.prev_rv', 'is not', null))
    .executeTakeFirst();
  const tombstones = await db.deleteFrom('log').where('rv', '>', from).where('rv', '<=', upTo).where('type', '=', 'DELETED').executeTakeFirst();
  return Number(replaced.numDeletedRows) + Number(tombstones.numDeletedRows);
}

/** Rows of `resource` with rv > `after`, oldest first, at most `limit` (for in-place rewrites). */
export async function readResourceRows(db: Db, resource: string, after: number, limit: number): Promise<LogRow[]> {
  const rows = await db.selectFrom('log').select(ROW_COLUMNS).where('resource', '=', resource).where('rv', '>', after).orderBy('rv').limit(limit).execute();
  return rows.map(toRow);
}

/** Replaces the data of the row at `rv` (its resourceVersion and place in the history stay). */
export async function replaceRowData(db: Db, rv: number, data: string): Promise<void> {
  await db.updateTable('log').set({ data }).where('rv', '=', rv).execute();
}
