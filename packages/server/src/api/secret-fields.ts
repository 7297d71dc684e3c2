/**
 * Secret fields (a kind's `secretFields`, e.g. `spec.password`, `spec.privateRegistries[*].password`)
 * are input only: the kind's hook consumes them (hashes, seals) and the API strips them from every
 * place an object's content can land before it is written — the object itself, the
 * `kubectl.kubernetes.io/last-applied-configuration` annotation (a JSON copy of what the client
 * applied) and managedFields. What is never written cannot reach the store's log, a watch, an
 * Event or a backup. docs/adr/0008-secret-fields.md.
 */
import { deletePath, getPath, isPlainObject } from './object-path.ts';
import type { JsonObject } from './object-path.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** `spec.privateRegistries[*].password` → ['spec', 'privateRegistries', '*', 'password']. */
export function parseSecretPath(path: string): string[] {
  return path.split('.').flatMap((seg) => (seg.endsWith('[*]') ? [seg.slice(0, -3), '*'] : [seg]));
}

/** Deletes `path` (with `*` for every element of an array) from `node`; true when something was removed. */
function deleteAt(node: unknown, path: readonly string[]): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return false;
  if (head === '*') {
    if (!Array.isArray(node)) return false;
    let removed = false;
    for (const item of node as unknown[]) removed = deleteAt(item, rest) || removed;
    return removed;
  }
  if (!isPlainObject(node) || !(head in node)) return false;
  if (rest.length === 0) {
    delete node[head];
    return true;
  }
  return deleteAt(node[head], rest);
}

/** Removes every secret path from `obj` (a plain JSON value); true when something was removed. */
export function deleteSecretPaths(obj: unknown, paths: readonly string[]): boolean {
  let removed = false;
  for (const p of paths) removed = deleteAt(obj, parseSecretPath(p)) || removed;
  return removed;
}

/** The last-applied annotation without secrets; undefined when it must go (not JSON). */
function scrubLastApplied(text: string, paths: readonly string[]): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined; // unreadable: cannot prove it holds no secret
  }
  if (!deleteSecretPaths(parsed, paths)) return text;
  return `${JSON.stringify(parsed)}${text.endsWith('\n') ? '\n' : ''}`;
}

/** Removes fieldsV1 members of secret paths (no values live there, but the set must not name them). */
function scrubManagedFields(entries: unknown, paths: readonly string[]): void {
  if (!Array.isArray(entries)) return;
  const fieldPaths = paths.map((p) => parseSecretPath(p).map((s) => (s === '*' ? s : `f:${s}`)));
  for (const e of entries as unknown[]) {
    if (!isPlainObject(e)) continue;
    // Lists are atomic in managedFields: nothing below a `*` is ever recorded.
    for (const fp of fieldPaths) {
      if (fp.includes('*') || !deleteAt(e.fieldsV1, fp)) continue;
      // An emptied parent would read as "owns the parent itself": remove it too.
      for (let up = fp.slice(0, -1); up.length > 0; up = up.slice(0, -1)) {
        const parent = getPath(e.fieldsV1, up);
        if (!isPlainObject(parent) || Object.keys(parent).length > 0) break;
        deletePath(e.fieldsV1 as JsonObject, up);
      }
    }
  }
}

/**
 * Strips secret fields from `obj` in place: the fields, their copies in the last-applied
 * annotation (re-serialised; dropped when not JSON) and their managedFields members.
 * @returns true when anything was removed or rewritten
 */
export function stripSecretFields(obj: JsonObject, paths: readonly string[]): boolean {
  if (paths.length === 0) return false;
  let changed = deleteSecretPaths(obj, paths);
  const meta = obj.metadata;
  if (!isPlainObject(meta)) return changed;
  const annotations = meta.annotations;
  if (isPlainObject(annotations) && typeof annotations[LAST_APPLIED] === 'string') {
    const before = annotations[LAST_APPLIED];
    const after = scrubLastApplied(before, paths);
    if (after === undefined) delete annotations[LAST_APPLIED];
    else annotations[LAST_APPLIED] = after;
    changed ||= after !== before;
  }
  const managedBefore = JSON.stringify(meta.managedFields);
  scrubManagedFields(meta.managedFields, paths);
  return changed || JSON.stringify(meta.managedFields) !== managedBefore;
}
