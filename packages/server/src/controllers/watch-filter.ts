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

/** Keys a {@link stormDelay} remembers before it forgets the quiet ones. */
const STORM_KEYS = 4096;

/**
 * A watch delay (`WatchSpec.delayMs`) that rolls up a lone change soon and a storm seldom: a key's
 * change waits `quietMs` when the key's previous change is older than `busyMs`, else `busyMs`.
 * The work queue keeps a key's earlier due time, so a pending roll-up is never pushed back; while
 * changes keep coming, a key is reconciled about once every `busyMs`. A clean server restart
 * turns every Node Disconnected, then Connected: with cluster-status at a fixed half second, 200
 * clusters of 50 nodes were reconciled (each listing its Nodes and writing its status) ~7,000
 * times in the reconnect storm (issue 15).
 */
export function stormDelay(quietMs: number, busyMs: number, now: () => number = () => performance.now()): (key: string) => number {
  const last = new Map<string, number>();
  return (key) => {
    const t = now();
    const previous = last.get(key);
    // Each change re-inserts its key, so the Map is in order of last change: the stale lead, and
    // the sweep stops at the first busy key instead of walking them all on every change.
    if (last.size >= STORM_KEYS) {
      for (const [k, at] of last) {
        if (t - at < busyMs) break;
        last.delete(k);
      }
    }
    last.delete(key);
    last.set(key, t);
    return previous !== undefined && t - previous < busyMs ? busyMs : quietMs;
  };
}
