/** get and list (with label/field selectors, limit/continue), as JSON, Table or PartialObjectMetadata. */
import { encodeContinue } from '@drover/store';
import type { ListOptions } from '@drover/store';
import { badRequest } from '../errors-kube.ts';
import { awaitResourceVersion } from './fresh.ts';
import type { OutputFormat } from './negotiate.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { authorizeVerb, getVisible, present, rethrow } from './resource-request.ts';
import { partialObject, toTable } from './table.ts';

export async function handleGet(r: ResourceRequest, format: OutputFormat): Promise<JsonObject> {
  // Visibility first: an object the caller may not see is a 404, exactly like a missing one,
  // so the authorizer can answer `get` exactly (kubectl auth can-i stays truthful).
  const visible = await getVisible(r);
  await authorizeVerb(r, 'get');
  const obj = present(r.kind, visible);
  if (format.kind === 'table') {
    const rv = (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
    return toTable(r.kind, [obj], { include: format.includeObject, version: format.version, withColumns: true, listMeta: rv === undefined ? {} : { resourceVersion: rv }, now: r.ctx.now() });
  }
  if (format.kind === 'partial') return partialObject(obj, format.version);
  return obj;
}

/** Selectors and namespace of a list or watch, from the query. */
export function selectionOf(r: ResourceRequest): Pick<ListOptions, 'namespace' | 'labelSelector' | 'fieldSelector'> {
  const sel: Pick<ListOptions, 'namespace' | 'labelSelector' | 'fieldSelector'> = {};
  if (r.namespace !== undefined) sel.namespace = r.namespace;
  if (r.query.labelSelector) sel.labelSelector = r.query.labelSelector;
  if (r.query.fieldSelector) sel.fieldSelector = r.query.fieldSelector;
  return sel;
}

/** Least page read from the store while filtering a list by visibility. */
const VISIBILITY_BATCH = 100;

/**
 * The page of `opts` as the caller sees it: filtered by visibility **before** paginating, so a
 * page holds up to `limit` visible objects and its continue token names the last of them —
 * never an object the caller may not see (issue 9, finding 6). Store pages of at least
 * {@link VISIBILITY_BATCH} keep a caller who sees few of many objects to few reads.
 */
async function visiblePage(r: ResourceRequest, opts: ListOptions): Promise<{ items: JsonObject[]; resourceVersion: string; continue?: string }> {
  const limit = opts.limit ?? 0;
  const items: JsonObject[] = [];
  let cont = opts.continue;
  for (;;) {
    const batch = limit === 0 ? 0 : Math.min(Math.max(limit - items.length, VISIBILITY_BATCH), r.ctx.limits.maxListLimit);
    let page;
    try {
      page = await r.ctx.store.list(r.kind.resource, { ...opts, limit: batch, ...(cont === undefined ? {} : { continue: cont }) });
    } catch (err) {
      rethrow(r, err);
    }
    for (const [i, obj] of page.items.entries()) {
      if (!(await r.ctx.authorizer.canSee(r.user, r.kind.def.plural, obj))) continue;
      items.push(present(r.kind, obj));
      if (limit > 0 && items.length === limit) {
        const more = i < page.items.length - 1 || page.continue !== undefined;
        if (!more) return { items, resourceVersion: page.resourceVersion };
        const next = encodeContinue({ rv: Number(page.resourceVersion), namespace: obj.metadata.namespace ?? '', name: obj.metadata.name });
        return { items, resourceVersion: page.resourceVersion, continue: next };
      }
    }
    if (page.continue === undefined) return { items, resourceVersion: page.resourceVersion };
    cont = page.continue;
  }
}

export async function handleList(r: ResourceRequest, format: OutputFormat): Promise<JsonObject> {
  await authorizeVerb(r, 'list');
  const opts: ListOptions = selectionOf(r);
  if (r.query.limit !== undefined && r.query.limit !== '') {
    const limit = Number(r.query.limit);
    if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit: Invalid value: "${r.query.limit}": must be a non-negative integer`);
    if (limit > 0) opts.limit = Math.min(limit, r.ctx.limits.maxListLimit);
  }
  if (r.query.continue) opts.continue = r.query.continue;
  // The list is served at the latest state, which satisfies any resourceVersion the store has reached.
  else await awaitResourceVersion(r, r.query.resourceVersion);
  const listed = await visiblePage(r, opts);
  const items = listed.items;
  const listMeta: JsonObject = { resourceVersion: listed.resourceVersion };
  if (listed.continue !== undefined) listMeta.continue = listed.continue;
  if (format.kind === 'table') {
    return toTable(r.kind, items, { include: format.includeObject, version: format.version, withColumns: true, listMeta, now: r.ctx.now() });
  }
  if (format.kind === 'partial') {
    return { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${format.version}`, metadata: listMeta, items: items.map((o) => partialObject(o, format.version)) };
  }
  return { kind: r.kind.def.listKind, apiVersion: `${r.kind.def.group}/${r.kind.def.version}`, metadata: listMeta, items };
}
