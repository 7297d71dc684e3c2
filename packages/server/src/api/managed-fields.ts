/**
 * managedFields: which manager owns which fields, in the Kubernetes FieldsV1 format.
 *
 * Field sets hold leaf paths (scalars, lists — lists are atomic, as in a CRD schema without
 * list-type markers — and empty maps). Updates (`operation: Update`) take ownership of the fields
 * they change from every other manager; server-side apply (`operation: Apply`) owns exactly the
 * fields of its configuration, conflicts with other owners of fields whose value it changes, and
 * removes fields it stopped applying that nobody else owns.
 */
import { DroverError } from '../errors.ts';
import type { StatusCause } from '../errors.ts';
import { clone, deepEqual, deletePath, getPath, isPlainObject } from './object-path.ts';
import type { JsonObject } from './object-path.ts';

export type Scope = 'main' | 'status';

export interface FieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  /** '' for the main resource. */
  subresource: string;
  /** JSON-encoded leaf paths. */
  fields: Set<string>;
}

type Path = string[];
const enc = (p: Path): string => JSON.stringify(p);
const dec = (k: string): Path => JSON.parse(k) as Path;
const isPrefix = (a: Path, b: Path): boolean => a.length < b.length && a.every((s, i) => s === b[i]);

/** Kubernetes timestamps have second precision. */
export const metaTime = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;

function addLeaves(v: unknown, prefix: Path, out: Set<string>): void {
  if (isPlainObject(v) && Object.keys(v).length > 0) {
    for (const [k, child] of Object.entries(v)) addLeaves(child, [...prefix, k], out);
  } else out.add(enc(prefix));
}

/** Leaf paths of `obj` a manager can own in `scope`. */
export function scopeFields(obj: JsonObject, scope: Scope, statusSubresource: boolean): Set<string> {
  const out = new Set<string>();
  if (scope === 'status') {
    if (obj.status !== undefined) addLeaves(obj.status, ['status'], out);
    return out;
  }
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || (k === 'status' && statusSubresource)) continue;
    addLeaves(v, [k], out);
  }
  const meta = isPlainObject(obj.metadata) ? obj.metadata : {};
  for (const k of ['labels', 'annotations']) if (isPlainObject(meta[k])) addLeaves(meta[k], ['metadata', k], out);
  for (const k of ['finalizers', 'ownerReferences']) if (meta[k] !== undefined) out.add(enc(['metadata', k]));
  return out;
}

function toFieldsV1(fields: Set<string>): JsonObject {
  const root: JsonObject = {};
  const paths = [...fields].map(dec);
  for (const p of paths) {
    let node = root;
    for (const seg of p) {
      const key = `f:${seg}`;
      if (!isPlainObject(node[key])) node[key] = {};
      node = node[key] as JsonObject;
    }
  }
  // A path owned itself and through children gets the "." member marker.
  for (const p of paths) {
    const node = getPath(root, p.map((s) => `f:${s}`));
    if (isPlainObject(node) && Object.keys(node).length > 0) node['.'] = {};
  }
  return root;
}

function fromFieldsV1(node: unknown, prefix: Path, out: Set<string>): void {
  if (!isPlainObject(node)) return;
  const children = Object.keys(node).filter((k) => k.startsWith('f:'));
  if (children.length === 0 || '.' in node) {
    if (prefix.length > 0) out.add(enc(prefix));
  }
  for (const k of children) fromFieldsV1(node[k], [...prefix, k.slice(2)], out);
}

/** Parses `metadata.managedFields` (unknown shapes are dropped). */
export function parseManagedFields(value: unknown): FieldsEntry[] {
  if (!Array.isArray(value)) return [];
  const out: FieldsEntry[] = [];
  for (const e of value as unknown[]) {
    if (!isPlainObject(e) || typeof e.manager !== 'string') continue;
    const fields = new Set<string>();
    fromFieldsV1(e.fieldsV1, [], fields);
    out.push({
      manager: e.manager,
      operation: e.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
      time: typeof e.time === 'string' ? e.time : '',
      subresource: typeof e.subresource === 'string' ? e.subresource : '',
      fields,
    });
  }
  return out;
}

export function formatManagedFields(entries: FieldsEntry[]): JsonObject[] {
  return entries
    .filter((e) => e.fields.size > 0)
    .map((e) => {
      const out: JsonObject = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, time: e.time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(e.fields) };
      if (e.subresource !== '') out.subresource = e.subresource;
      return out;
    });
}

const sameSlot = (e: FieldsEntry, manager: string, operation: FieldsEntry['operation'], subresource: string) =>
  e.manager === manager && e.operation === operation && e.subresource === subresource;

export interface ManagerRef {
  manager: string;
  subresource: string;
  apiVersion: string;
  now: Date;
  scope: Scope;
  statusSubresource: boolean;
}

/**
 * Managed fields after an Update by `ref.manager` turning `prev` (undefined on create) into `next`:
 * the manager gains what changed, everyone else loses it, removed fields leave every set.
 */
export function recordUpdate(entries: FieldsEntry[], prev: JsonObject | undefined, next: JsonObject, ref: ManagerRef): FieldsEntry[] {
  const nextF = scopeFields(next, ref.scope, ref.statusSubresource);
  const prevF = prev === undefined ? new Set<string>() : scopeFields(prev, ref.scope, ref.statusSubresource);
  const changed = [...nextF].filter((k) => prev === undefined || !deepEqual(getPath(prev, dec(k)), getPath(next, dec(k))));
  const removed = [...prevF].filter((k) => getPath(next, dec(k)) === undefined);
  if (changed.length === 0 && removed.length === 0) return entries;
  const out = entries.map((e) => ({ ...e, fields: new Set(e.fields) }));
  for (const e of out) {
    if (sameSlot(e, ref.manager, 'Update', ref.subresource)) continue;
    for (const k of [...changed, ...removed]) e.fields.delete(k);
  }
  let target = out.find((e) => sameSlot(e, ref.manager, 'Update', ref.subresource));
  if (target === undefined) {
    target = { manager: ref.manager, operation: 'Update', apiVersion: ref.apiVersion, time: '', subresource: ref.subresource, fields: new Set() };
    out.push(target);
  }
  for (const k of changed) target.fields.add(k);
  for (const k of removed) target.fields.delete(k);
  target.time = metaTime(ref.now);
  target.apiVersion = ref.apiVersion;
  return out.filter((e) => e.fields.size > 0);
}

const shown = (p: Path): string => `.${p.join('.')}`;

function mergeInto(live: JsonObject, cfg: JsonObject): void {
  for (const [k, v] of Object.entries(cfg)) {
    const cur = live[k];
    if (isPlainObject(cur) && isPlainObject(v)) mergeInto(cur, v);
    else live[k] = clone(v);
  }
}

/** The part of an applied configuration that `scope` covers. */
function scopedConfig(cfg: JsonObject, scope: Scope, statusSubresource: boolean): JsonObject {
  if (scope === 'status') return cfg.status === undefined ? {} : { status: cfg.status };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(cfg)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || (k === 'status' && statusSubresource)) continue;
    out[k] = v;
  }
  const meta = isPlainObject(cfg.metadata) ? cfg.metadata : {};
  const m: JsonObject = {};
  for (const k of ['labels', 'annotations', 'finalizers', 'ownerReferences']) if (meta[k] !== undefined) m[k] = meta[k];
  if (Object.keys(m).length > 0) out.metadata = m;
  return out;
}

export interface ApplyResult {
  object: JsonObject;
  entries: FieldsEntry[];
}

/**
 * Server-side apply of `cfg` by `ref.manager` onto `live` (an empty object with metadata when
 * creating). Throws a 409 listing the conflicting fields unless `force`.
 */
export function applyConfig(live: JsonObject, cfg: JsonObject, ref: ManagerRef, force: boolean): ApplyResult {
  const entries = parseManagedFields(isPlainObject(live.metadata) ? live.metadata.managedFields : undefined).map((e) => ({ ...e, fields: new Set(e.fields) }));
  const scoped = scopedConfig(cfg, ref.scope, ref.statusSubresource);
  const cfgFields = scopeFields(scoped, ref.scope, ref.statusSubresource);
  const mine = (e: FieldsEntry) => sameSlot(e, ref.manager, 'Apply', ref.subresource);
  const others = entries.filter((e) => !mine(e) && e.subresource === ref.subresource);

  const conflicts = new Map<FieldsEntry, Path[]>();
  for (const k of cfgFields) {
    const p = dec(k);
    if (deepEqual(getPath(scoped, p), getPath(live, p))) continue;
    for (const e of others) {
      for (const q of [...e.fields].map(dec)) {
        if (enc(q) === k || isPrefix(p, q) || isPrefix(q, p)) {
          const list = conflicts.get(e) ?? [];
          list.push(q);
          conflicts.set(e, list);
        }
      }
    }
  }
  if (conflicts.size > 0 && !force) throw conflictError(conflicts);
  for (const [e, paths] of conflicts) for (const p of paths) e.fields.delete(enc(p));

  const object = clone(live);
  mergeInto(object, scoped);
  const previous = entries.find(mine)?.fields ?? new Set<string>();
  const kept = [...cfgFields, ...others.flatMap((e) => [...e.fields])].map(dec);
  const protectedPath = (p: Path) => kept.some((q) => enc(q) === enc(p) || isPrefix(p, q));
  for (const k of previous) {
    const p = dec(k);
    if (cfgFields.has(k) || protectedPath(p)) continue;
    deletePath(object, p);
    for (let up = p.slice(0, -1); up.length >= 2; up = up.slice(0, -1)) {
      const v = getPath(object, up);
      if (!isPlainObject(v) || Object.keys(v).length > 0 || protectedPath(up)) break;
      deletePath(object, up);
    }
  }

  const result = entries.filter((e) => !mine(e));
  const old = entries.find(mine);
  const unchanged = old !== undefined && old.fields.size === cfgFields.size && [...cfgFields].every((k) => old.fields.has(k));
  result.push({
    manager: ref.manager,
    operation: 'Apply',
    apiVersion: ref.apiVersion,
    time: unchanged && old.time !== '' ? old.time : metaTime(ref.now),
    subresource: ref.subresource,
    fields: cfgFields,
  });
  return { object, entries: result.filter((e) => e.fields.size > 0) };
}

function conflictError(conflicts: Map<FieldsEntry, Path[]>): DroverError {
  const causes: StatusCause[] = [];
  const parts: string[] = [];
  let count = 0;
  for (const [e, paths] of conflicts) {
    const who = `"${e.manager}"${e.operation === 'Update' ? ` using ${e.apiVersion}` : ''}`;
    count += paths.length;
    parts.push(paths.length === 1 ? `conflict with ${who}: ${shown(paths[0] ?? [])}` : `conflicts with ${who}:\n${paths.map((p) => `- ${shown(p)}`).join('\n')}`);
    for (const p of paths) causes.push({ reason: 'FieldManagerConflict', message: `conflict with ${who}`, field: shown(p) });
  }
  const message = `Apply failed with ${count} conflict${count === 1 ? '' : 's'}: ${parts.join('\n')}`;
  return new DroverError('DROVER_ERR_API_CONFLICT', message, { details: { causes } });
}
