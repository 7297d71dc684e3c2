/** Small helpers shared by the kind hooks (hooks-*.ts). */
import { DroverError } from '../errors.ts';

export type Obj = Record<string, unknown>;

/** `obj[key]` as an object, created when absent. */
export function section(obj: Obj, key: string): Obj {
  const cur = obj[key];
  if (cur !== null && typeof cur === 'object' && !Array.isArray(cur)) return cur as Obj;
  const created: Obj = {};
  obj[key] = created;
  return created;
}

export function metaOf(obj: Obj): { name: string; namespace: string } {
  const m = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return { name: typeof m.name === 'string' ? m.name : '', namespace: typeof m.namespace === 'string' ? m.namespace : '' };
}

export const invalid = (message: string): DroverError => new DroverError('DROVER_ERR_API_INVALID', message);
export const forbidden = (message: string): DroverError => new DroverError('DROVER_ERR_API_FORBIDDEN', message);

/** A copy without the given top-level status fields. */
export function withoutStatusFields(obj: Obj, fields: readonly string[]): Obj {
  const status = obj.status;
  if (status === null || typeof status !== 'object') return obj;
  const copy = { ...(status as Obj) };
  for (const f of fields) delete copy[f];
  return { ...obj, status: copy };
}
