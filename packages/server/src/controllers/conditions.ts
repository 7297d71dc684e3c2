/**
 * Status conditions shared by several controllers on one object: each controller owns condition
 * types and merges only its own into `status.conditions`, leaving the others as they are (issue 13:
 * no two controllers write the same field). lastTransitionTime moves only when the status changes.
 */

export interface StatusCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
}

/** `conditions` with the condition of `next.type` set (in place of the old one, else appended). */
export function mergeCondition(conditions: readonly StatusCondition[] | undefined, next: Omit<StatusCondition, 'lastTransitionTime'>, now: Date): StatusCondition[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const old = i < 0 ? undefined : list[i];
  const lastTransitionTime = old !== undefined && old.status === next.status && typeof old.lastTransitionTime === 'string' ? old.lastTransitionTime : now.toISOString();
  const merged: StatusCondition = { type: next.type, status: next.status, reason: next.reason, message: next.message, lastTransitionTime };
  if (i < 0) list.push(merged);
  else list[i] = merged;
  return list;
}
