/**
 * One resource request after routing: which kind, namespace, name and subresource, who asks,
 * and its query. Also the helpers every handler shares: authorize, fetch-visible, present.
 */
import type { StoredObject } from '@drover/store';
import type { RequestAttributes, RequestUser, WriteContext } from './contract.ts';
import type { ApiContext, KindRuntime } from './context.ts';
import { authorize } from './authz.ts';
import { badRequest, fromStoreError, notFound } from '../errors-kube.ts';
import type { ErrorSubject } from '../errors-kube.ts';
import { clone } from './object-path.ts';
import { deleteSecretPaths, stripSecretFields } from './secret-fields.ts';
import type { JsonObject } from './object-path.ts';
import type { FieldValidation } from './validation.ts';

export interface ResourceRequest {
  ctx: ApiContext;
  kind: KindRuntime;
  /** Namespace from the URL; undefined for cluster-scoped kinds and all-namespace lists. */
  namespace: string | undefined;
  name: string | undefined;
  subresource: 'status' | undefined;
  user: RequestUser;
  query: Record<string, string>;
  /** Collected `Warning` header texts. */
  warnings: string[];
  userAgent: string;
  /** The name a create stored (or tried to) when the URL has none: set by createObject, read by the audit hook. */
  createdName?: string;
}

export function subjectOf(r: ResourceRequest, name = r.name): ErrorSubject {
  const s: ErrorSubject = { plural: r.kind.def.plural, group: r.kind.def.group, kind: r.kind.def.kind };
  if (name !== undefined) s.name = name;
  return s;
}

export async function authorizeVerb(r: ResourceRequest, verb: RequestAttributes['verb'], name = r.name): Promise<void> {
  const attrs: RequestAttributes = { verb, group: r.kind.def.group, resource: r.kind.def.plural };
  if (r.subresource !== undefined) attrs.subresource = r.subresource;
  if (r.namespace !== undefined) attrs.namespace = r.namespace;
  if (name !== undefined) attrs.name = name;
  await authorize(r.ctx.authorizer, r.user, attrs);
}

/** Rethrows a store failure as the Status Kubernetes would give for this request. */
export function rethrow(r: ResourceRequest, err: unknown, name = r.name): never {
  throw fromStoreError(err, subjectOf(r, name)) ?? err;
}

/** The stored object named by the request; 404 when absent or not visible to the caller. */
export async function getVisible(r: ResourceRequest): Promise<StoredObject> {
  let obj: StoredObject;
  try {
    obj = await r.ctx.store.get(r.kind.resource, r.namespace ?? '', r.name ?? '');
  } catch (err) {
    rethrow(r, err);
  }
  if (!(await r.ctx.authorizer.canSee(r.user, r.kind.def.plural, obj))) throw notFound(subjectOf(r));
  return obj;
}

/**
 * The object as the client sees it: the kind's `present` hook (which may derive markers such as
 * `passwordSet` from hidden fields), then hidden and secret fields stripped.
 */
export function present(kind: KindRuntime, obj: JsonObject): JsonObject {
  const { apiVersion, kind: k, metadata, ...rest } = clone(obj);
  const shaped: JsonObject = { apiVersion, kind: k, metadata, ...rest };
  const out = kind.hooks.present ? kind.hooks.present(shaped) : shaped;
  deleteSecretPaths(out, kind.def.hidden);
  stripSecretFields(out, kind.def.secretFields);
  return out;
}

export function writeContext(r: ResourceRequest, dryRun: boolean): WriteContext {
  return { user: r.user, store: r.ctx.store, dryRun };
}

/** `dryRun=All` → true; absent → false; anything else is a 400 as in Kubernetes. */
export function dryRunOf(query: Record<string, string>): boolean {
  const v = query.dryRun;
  if (v === undefined || v === '') return false;
  if (v === 'All') return true;
  throw badRequest(`Invalid dry run option "${v}": valid values are "All"`);
}

/** `fieldValidation` (default Warn, as kube-apiserver since 1.27). */
export function fieldValidationOf(query: Record<string, string>): FieldValidation {
  const v = query.fieldValidation;
  if (v === undefined || v === '') return 'Warn';
  if (v === 'Ignore' || v === 'Warn' || v === 'Strict') return v;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn" or "Strict", got "${v}"`);
}

/** The field manager: `fieldManager`, else the user-agent's product name ("kubectl"). */
export function fieldManagerOf(r: ResourceRequest): string {
  const fm = r.query.fieldManager;
  if (fm !== undefined && fm !== '') {
    if (fm.length > 128) throw badRequest('fieldManager: Too long: may not be more than 128 bytes');
    return fm;
  }
  const ua = r.userAgent.split('/')[0]?.trim() ?? '';
  return ua === '' ? 'unknown' : ua.slice(0, 128);
}
