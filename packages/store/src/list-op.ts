/**
 * Consistent lists: every page of a list reads the state at one resourceVersion (the snapshot
 * point carried by the continue token), so pages neither skip nor repeat objects even while
 * writers go on. Selectors are applied after reading, in key order, like Kubernetes does.
 */
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { StoreError, StoreErrorCode } from './errors.ts';
import { readMeta, readStateAt } from './log-queries.ts';
import type { Db } from './log-queries.ts';
import { createObjectFilter } from './object-filter.ts';
import type { ListOptions, ListResult, StoredObject } from './types.ts';
import { checkResource, parseStored } from './write-ops.ts';

const BATCH = 500;

/**
 * Runs a list inside a read transaction `db` (REPEATABLE READ on PostgreSQL).
 * @throws StoreError INVALID (selector, limit, token), EXPIRED (token older than the history).
 */
export async function listOp(db: Db, resource: string, options: ListOptions = {}): Promise<ListResult> {
  checkResource(resource);
  const filter = createObjectFilter(options);
  const limit = options.limit ?? 0;
  if (!Number.isSafeInteger(limit) || limit < 0) throw new StoreError(StoreErrorCode.INVALID, 'limit must be a non-negative integer');
  const point = options.continue !== undefined && options.continue !== '' ? decodeContinue(options.continue) : undefined;
  const atRv = point?.rv ?? (await readMeta(db, 'rv'));
  if (point !== undefined) {
    const compacted = await readMeta(db, 'compact_rv');
    if (atRv < compacted) {
      throw new StoreError(StoreErrorCode.EXPIRED, `continue token at resourceVersion ${atRv} is older than the history (${compacted}); re-list`);
    }
  }
  let after = point === undefined ? undefined : { namespace: point.namespace, name: point.name };
  const items: StoredObject[] = [];
  for (;;) {
    const rows = await readStateAt(db, { resource, namespace: filter.namespace, atRv, after, limit: BATCH });
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      after = { namespace: row.namespace, name: row.name };
      if (!filter.matchesKey(row.namespace, row.name)) continue;
      const obj = parseStored(row.data);
      if (!filter.matchesLabels(obj.metadata.labels)) continue;
      items.push(obj);
      if (limit > 0 && items.length === limit) {
        const more =
          i < rows.length - 1 ||
          (rows.length === BATCH && (await readStateAt(db, { resource, namespace: filter.namespace, atRv, after, limit: 1 })).length > 0);
        const result: ListResult = { items, resourceVersion: String(atRv) };
        if (more) result.continue = encodeContinue({ rv: atRv, ...after });
        return result;
      }
    }
    if (rows.length < BATCH) return { items, resourceVersion: String(atRv) };
  }
}
