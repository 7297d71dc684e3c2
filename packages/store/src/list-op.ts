/**
 * Consistent lists: every page of a list reads the state at one resourceVersion (the snapshot
 * point carried by the continue token), so pages neither skip nor repeat objects even while
 * writers go on. Selectors are applied after reading, in key order, like Kubernetes does.
 */
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { StoreError, StoreErrorCode } from './errors.ts';
import { readFirstPage, readMeta, readStateAt } from './log-queries.ts';
import type { Db, LogRow } from './log-queries.ts';
import { createObjectFilter } from './object-filter.ts';
import type { ListOptions, ListResult, StoredObject } from './types.ts';
import { checkResource, parseStored } from './write-ops.ts';

const BATCH = 500;

/** Validated list options. */
function prepare(resource: string, options: ListOptions): { filter: ReturnType<typeof createObjectFilter>; limit: number } {
  checkResource(resource);
  const filter = createObjectFilter(options);
  const limit = options.limit ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new StoreError(StoreErrorCode.INVALID, 'limit must be a non-negative integer');
  return { filter, limit };
}

/**
 * Runs a list inside a read transaction `db` (REPEATABLE READ on PostgreSQL).
 * @throws StoreError INVALID (selector, limit, token), EXPIRED (token older than the history).
 */
export async function listOp(db: Db, resource: string, options: ListOptions = {}): Promise<ListResult> {
  const { filter, limit } = prepare(resource, options);
  const point = options.continue !== undefined && options.continue !== '' ? decodeContinue(options.continue) : undefined;
  const atRv = point?.rv ?? (await readMeta(db, 'rv'));
  if (point !== undefined) {
    const compacted = await readMeta(db, 'compact_rv');
    if (atRv < compacted) {
      throw new StoreError(StoreErrorCode.EXPIRED, `continue token at resourceVersion ${atRv} is older than the history (${compacted}); re-list`);
    }
  }
  const page = new Page(atRv, filter, limit, point === undefined ? undefined : { namespace: point.namespace, name: point.name });
  for (;;) {
    const rows = await readStateAt(db, { resource, namespace: filter.namespace, atRv, after: page.after, limit: BATCH });
    const done = page.take(rows, () => readStateAt(db, { resource, namespace: filter.namespace, atRv, after: page.after, limit: 1 }).then((r) => r.length > 0));
    if (done !== undefined) return done;
  }
}

/**
 * A list outside a transaction. Without a continue token, its first batch is read with the
 * current resourceVersion in one statement (readFirstPage); when that batch is all there is
 * (under 500 objects, as a cluster's Nodes), it is the list: one round trip instead of four on
 * PostgreSQL, where a restart's per-cluster lists were a third of its queries (issue 15).
 * Otherwise `inTx` runs it as listOp in a read transaction.
 */
export async function listOutsideTx(db: Db, resource: string, options: ListOptions, inTx: () => Promise<ListResult>): Promise<ListResult> {
  if (options.continue !== undefined && options.continue !== '') return inTx();
  const { filter, limit } = prepare(resource, options);
  const first = await readFirstPage(db, { resource, namespace: filter.namespace, limit: BATCH });
  if (first.rows.length >= BATCH) return inTx();
  return new Page(first.atRv, filter, limit, undefined).take(first.rows, () => Promise.resolve(false))!;
}

/** The items of a list as its batches come, in key order, up to its limit. */
class Page {
  readonly items: StoredObject[] = [];
  after: { namespace: string; name: string } | undefined;
  readonly #atRv: number;
  readonly #filter: ReturnType<typeof createObjectFilter>;
  readonly #limit: number;

  constructor(atRv: number, filter: ReturnType<typeof createObjectFilter>, limit: number, after: { namespace: string; name: string } | undefined) {
    this.#atRv = atRv;
    this.#filter = filter;
    this.#limit = limit;
    this.after = after;
  }

  /**
   * Takes one batch of rows (BATCH asked for); the list when it is complete (the limit reached,
   * or a short batch), else undefined. `moreAfter`: whether the state has a row after `after`
   * (asked only when the limit is reached on the last row of a full batch).
   */
  take(rows: readonly LogRow[], moreAfter: () => Promise<boolean>): Promise<ListResult> | undefined {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      this.after = { namespace: row.namespace, name: row.name };
      if (!this.#filter.matchesKey(row.namespace, row.name)) continue;
      const obj = parseStored(row.data);
      if (!this.#filter.matchesLabels(obj.metadata.labels)) continue;
      this.items.push(obj);
      if (this.#limit > 0 && this.items.length === this.#limit) return this.#limited(i < rows.length - 1 || (rows.length === BATCH && moreAfter()));
    }
    if (rows.length < BATCH) return Promise.resolve({ items: this.items, resourceVersion: String(this.#atRv) });
    return undefined;
  }

  async #limited(more: boolean | Promise<boolean>): Promise<ListResult> {
    const result: ListResult = { items: this.items, resourceVersion: String(this.#atRv) };
    if (await more) result.continue = encodeContinue({ rv: this.#atRv, ...this.after! });
    return result;
  }
}
