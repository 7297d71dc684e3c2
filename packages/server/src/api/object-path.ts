/**
 * Small helpers over plain JSON objects: dotted/array paths, deep equality, clone. Objects here
 * are always JSON (no Dates, Maps or cycles).
 */
import { isDeepStrictEqual } from 'node:util';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

export const clone = <T>(v: T): T => structuredClone(v);

export const deepEqual = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, b);

/** The value at `path` (keys of nested objects), undefined when any step is missing. */
export function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Sets `value` at `path`, creating intermediate objects (replacing non-objects in the way). */
export function setPath(obj: JsonObject, path: readonly string[], value: unknown): void {
  let cur = obj;
  for (const key of path.slice(0, -1)) {
    const next = cur[key];
    if (isPlainObject(next)) cur = next;
    else {
      const fresh: JsonObject = {};
      cur[key] = fresh;
      cur = fresh;
    }
  }
  const last = path[path.length - 1];
  if (last !== undefined) cur[last] = value;
}

/** Deletes the value at `path`; returns true when something was removed. */
export function deletePath(obj: JsonObject, path: readonly string[]): boolean {
  const parent = getPath(obj, path.slice(0, -1));
  const last = path[path.length - 1];
  if (!isPlainObject(parent) || last === undefined || !(last in parent)) return false;
  delete parent[last];
  return true;
}

/** Deletes each dotted path (`status.secretHash`) from `obj`. */
export function deleteDotted(obj: JsonObject, paths: readonly string[]): void {
  for (const p of paths) deletePath(obj, p.split('.'));
}

/** The object's `metadata`, created when missing or not an object. */
export function metaOf(obj: JsonObject): JsonObject {
  const m = obj.metadata;
  if (isPlainObject(m)) return m;
  const fresh: JsonObject = {};
  obj.metadata = fresh;
  return fresh;
}

/** A string field of an object, or undefined. */
export function str(obj: unknown, key: string): string | undefined {
  if (!isPlainObject(obj)) return undefined;
  const v = obj[key];
  return typeof v === 'string' ? v : undefined;
}
