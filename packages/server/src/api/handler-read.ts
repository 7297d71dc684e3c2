/** get and list (with label/field selectors, limit/continue), as JSON, Table or PartialObjectMetadata. */
import type { ListOptions } from '@drover/store';
import { badRequest } from './errors.ts';
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

export async function handleList(r: ResourceRequest, format: OutputFormat): Promise<JsonObject> {
  await authorizeVerb(r, 'list');
  const opts: ListOptions = selectionOf(r);
  if (r.query.limit !== undefined && r.query.limit !== '') {
    const limit = Number(r.query.limit);
    if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit: Invalid value: "${r.query.limit}": must be a non-negative integer`);
    if (limit > 0) opts.limit = Math.min(limit, r.ctx.limits.maxListLimit);
  }
  if (r.query.continue) opts.continue = r.query.continue;
  let listed;
  try {
    listed = await r.ctx.store.list(r.kind.resource, opts);
  } catch (err) {
    rethrow(r, err);
  }
  const items: JsonObject[] = [];
  for (const obj of listed.items) {
    if (await r.ctx.authorizer.canSee(r.user, r.kind.def.plural, obj)) items.push(present(r.kind, obj));
  }
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
