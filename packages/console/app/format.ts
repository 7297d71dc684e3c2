/** Relative times ("3 m", "2 h") with the absolute time for a tooltip. */

/** A short age: 45 s, 3 m, 2 h, 5 d. */
export function age(iso: string | undefined, now = Date.now()): string {
  if (iso === undefined) return '—';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return '—';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} m`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** The absolute local time of `iso`, for a title attribute. */
export function absolute(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : new Date(iso).toLocaleString();
}

/** Reads a dotted path of an object (`status.nodes.total`). */
export function pick(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
