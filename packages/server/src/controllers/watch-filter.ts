/**
 * A watch map that passes an object's event on only when the part of it a controller reads
 * changed. Node status writes (RTT, Docker facts, containers) are by far the most frequent events
 * in the store; a controller that reads only a Node's roles and addresses would otherwise re-list
 * its whole cluster on each of them (a reconnect storm of 8,000 agents spent a third of the
 * server's CPU in such lists). The map remembers one digest per object key in memory: after a
 * controller restart the first event of each object passes, as the watch's initial list does.
 * The digest is 48 bits of a SHA-256 of the relevant part's canonical JSON, a number: three
 * watches kept that JSON itself for every Node, ~0.4 KB of each agent's memory (ADR 0029); a
 * change missed by a collision has a chance of 2^-48.
 *
 * ```ts
 * watches: [{ resource: RESOURCES.nodes, map: changedOnly((n) => [n.spec, n.status?.addresses], byNamespace) }]
 * ```
 */
import { hash } from 'node:crypto';
import type { StoredObject } from '@drover/store';
import { canonicalJson } from '../provisioning/plan-hash.ts';
import type { ObjectEventType } from './define-controller.ts';

export function changedOnly(
  relevant: (obj: StoredObject) => unknown,
  keyOf: (obj: StoredObject, type: ObjectEventType) => string | readonly string[] | undefined,
): (obj: StoredObject, type: ObjectEventType) => string | readonly string[] | undefined {
  const seen = new Map<string, number>();
  return (obj, type) => {
    const id = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    if (type === 'DELETED') {
      seen.delete(id);
      return keyOf(obj, type);
    }
    const digest = digestOf({ r: relevant(obj) ?? null, d: obj.metadata.deletionTimestamp ?? null });
    if (seen.get(id) === digest) return undefined;
    seen.set(id, digest);
    return keyOf(obj, type);
  };
}

/** 48 bits of the SHA-256 of a value's canonical JSON. */
const digestOf = (value: unknown): number => hash('sha256', canonicalJson(value), 'buffer').readUIntBE(0, 6);

/**
 * A controller's `forEvents` that reconciles an object of its own kind (at once) only when the
 * part of it the controller reads changed, or it was deleted: the other controllers' status
 * writes to a Cluster pass it by.
 */
export function whenChanged(relevant: (obj: StoredObject) => unknown): (obj: StoredObject, type: ObjectEventType) => number | undefined {
  const changed = changedOnly(relevant, () => 'changed');
  return (obj, type) => (changed(obj, type) === undefined ? undefined : 0);
}
