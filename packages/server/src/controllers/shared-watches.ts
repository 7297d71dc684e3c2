/**
 * One store watch per resource for all the server's controllers (as controller-runtime's shared
 * informers): nine controllers watched Nodes, Clusters or Plans each on its own, so every Node
 * status write was read and parsed once per watch, and a start listed every Node five times
 * (10,000 Nodes: ~2 s of a restart before the server listened, issue 15). The fan-out hands the
 * same parsed object to every subscriber: a watch map only reads it.
 *
 * A subscriber that comes after the shared watch delivered its first event would miss the
 * initial state, so it gets a watch of its own instead.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store, StoredObject } from '@drover/store';
import { startWatchSource } from './watch-source.ts';
import type { WatchSource, WatchSourceOptions } from './watch-source.ts';

export type OnObject = WatchSourceOptions['onObject'];

export interface SharedWatches {
  /** Starts (or joins) the watch of `resource`; close() leaves it, and the last one out stops it. */
  subscribe(resource: string, onObject: OnObject): WatchSource;
}

interface Shared {
  subscribers: Set<OnObject>;
  source: WatchSource;
  /** An event was delivered: a newcomer would miss the initial state. */
  delivered: boolean;
}

export function createSharedWatches(store: Store, logger: FastifyBaseLogger): SharedWatches {
  const byResource = new Map<string, Shared>();
  return {
    subscribe(resource, onObject) {
      let shared = byResource.get(resource);
      if (shared?.delivered === true) return startWatchSource({ store, logger, resource, onObject });
      if (shared === undefined) {
        const subscribers = new Set<OnObject>();
        const entry: Shared = {
          subscribers,
          delivered: false,
          source: startWatchSource({
            store,
            logger,
            resource,
            onObject: (obj: StoredObject, type) => {
              entry.delivered = true;
              for (const fn of subscribers) {
                // One subscriber's fault must not cost the others their event.
                try {
                  fn(obj, type);
                } catch (err) {
                  logger.error({ err, resource }, 'a watch subscriber failed on an event');
                }
              }
            },
          }),
        };
        shared = entry;
        byResource.set(resource, shared);
      }
      const entry = shared;
      entry.subscribers.add(onObject);
      return {
        started: entry.source.started,
        synced: entry.source.synced,
        async close() {
          if (!entry.subscribers.delete(onObject) || entry.subscribers.size > 0) return;
          if (byResource.get(resource) === entry) byResource.delete(resource);
          await entry.source.close();
        },
      };
    },
  };
}
