/**
 * Event retention (issue 9, finding 3): an Event is deleted `ttlMs` after it last happened
 * (`lastTimestamp`, else its creation), as kube-apiserver's --event-ttl (default 1 h, config
 * DROVER_EVENT_TTL). A repeat moves `lastTimestamp`, so an Event that keeps happening stays.
 */
import type { Store, StoredObject } from '@drover/store';
import { RESOURCES } from '../kinds/resources.ts';
import { defineController, dueAfterMs } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { deleteIfUnchanged, getObject } from './object-ops.ts';

/** Default: an hour. */
export const EVENT_TTL_MS = 3_600_000;

export function eventExpiryController(store: Store, now: () => Date, ttlMs = EVENT_TTL_MS): ControllerDefinition {
  /** ms until `obj` expires; 0 or less: now. An Event without a readable time is expired: nothing says when it happened. */
  const leftOf = (obj: StoredObject): number => {
    const lastTimestamp = (obj as { lastTimestamp?: unknown }).lastTimestamp;
    const last = Date.parse(typeof lastTimestamp === 'string' ? lastTimestamp : obj.metadata.creationTimestamp);
    return Number.isNaN(last) ? 0 : last + ttlMs - now().getTime();
  };
  return defineController({
    name: 'event-expiry',
    for: RESOURCES.events,
    // Looked at when due, not on every write: a start with 30,000 Events read none back.
    forEvents: (obj, type) => (type === 'DELETED' ? undefined : dueAfterMs(leftOf(obj))),
    concurrency: 2,
    async reconcile(req) {
      const obj = await getObject(store, RESOURCES.events, req);
      if (obj === undefined) return;
      const left = leftOf(obj);
      if (left > 0) return { requeueAfterMs: dueAfterMs(left) };
      // A repeat recorded since the read makes this a Conflict: the retry sees the new lastTimestamp.
      await deleteIfUnchanged(store, RESOURCES.events, obj);
    },
  });
}
