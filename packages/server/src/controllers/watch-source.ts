/**
 * Feeds a controller from a store watch: every object (ADDED for the current state, then every
 * change) is mapped to keys for its queue. When the watch falls behind (EXPIRED) it starts over
 * from the current state, which is fine for level-based reconcilers.
 */
import type { FastifyBaseLogger } from 'fastify';
import { INITIAL_EVENTS_END_ANNOTATION, isStoreError, StoreErrorCode } from '@drover/store';
import type { Store, StoredObject, Watch, WatchEventType } from '@drover/store';

/** Events handed out between two turns of the event loop. */
const YIELD_EVERY = 256;

export interface WatchSourceOptions {
  store: Store;
  resource: string;
  logger: FastifyBaseLogger;
  onObject(obj: StoredObject, type: Exclude<WatchEventType, 'BOOKMARK'>): void;
  /** Delay before re-watching after an unexpected error. Default 1 s. */
  retryMs?: number;
}

export interface WatchSource {
  /** Resolves once the first watch is open (its initial ADDED events may still be arriving). */
  readonly started: Promise<void>;
  /**
   * Resolves once the first watch's initial events have all been handed to onObject (the
   * store's initial-events-end bookmark), or the source closed: controller-runtime's cache sync.
   */
  readonly synced: Promise<void>;
  close(): Promise<void>;
}

export function startWatchSource(o: WatchSourceOptions): WatchSource {
  let closed = false;
  let current: Watch | undefined;
  let wake: (() => void) | undefined;
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((resolve) => (markSynced = resolve));

  async function loop(): Promise<void> {
    while (!closed) {
      try {
        current = await o.store.watch(o.resource, { initialEventsEnd: true });
        markStarted();
        if (closed) break;
        let n = 0;
        for await (const ev of current) {
          if (ev.type !== 'BOOKMARK') o.onObject(ev.object, ev.type);
          else if (ev.object.metadata.annotations?.[INITIAL_EVENTS_END_ANNOTATION] === 'true') markSynced();
          // Events that are ready come as one chain of microtasks: a watch's initial list of
          // 10,000 Nodes held the event loop for a second, and the listener and every socket
          // with it. Let I/O in every so often.
          if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        }
      } catch (err) {
        markStarted();
        if (closed || isStoreError(err, StoreErrorCode.CLOSED)) break;
        if (!isStoreError(err, StoreErrorCode.EXPIRED)) {
          o.logger.warn({ err, resource: o.resource }, 'watch failed; retrying');
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, o.retryMs ?? 1000);
            wake = () => {
              clearTimeout(t);
              resolve();
            };
          });
        }
      } finally {
        current?.close();
        current = undefined;
      }
    }
    markStarted();
    markSynced();
  }

  const done = loop();
  return {
    started,
    synced,
    async close() {
      closed = true;
      current?.close();
      wake?.();
      await done;
    },
  };
}
