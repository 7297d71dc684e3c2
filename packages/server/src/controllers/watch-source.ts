/**
 * Feeds a controller from a store watch: every object (ADDED for the current state, then every
 * change) is mapped to keys for its queue. When the watch falls behind (EXPIRED) it starts over
 * from the current state, which is fine for level-based reconcilers.
 */
import type { FastifyBaseLogger } from 'fastify';
import { isStoreError, StoreErrorCode } from '@drover/store';
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
  close(): Promise<void>;
}

export function startWatchSource(o: WatchSourceOptions): WatchSource {
  let closed = false;
  let current: Watch | undefined;
  let wake: (() => void) | undefined;
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));

  async function loop(): Promise<void> {
    while (!closed) {
      try {
        current = await o.store.watch(o.resource);
        markStarted();
        if (closed) break;
        let n = 0;
        for await (const ev of current) {
          if (ev.type !== 'BOOKMARK') o.onObject(ev.object, ev.type);
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
  }

  const done = loop();
  return {
    started,
    async close() {
      closed = true;
      current?.close();
      wake?.();
      await done;
    },
  };
}
