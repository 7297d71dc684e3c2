/**
 * A read cache over one store resource, kept current by a store watch: values are loaded on
 * demand per key and dropped when any event touches that key (`keyOf` the event's object), and
 * all of them when the watch ends (it restarts unless closed). Hot per-request reads (the
 * proxy's control-plane nodes, the cluster CA check) then cost a Map lookup instead of a store
 * read. `undefined` is never cached (absent objects are read again, so names nobody created
 * cannot fill the cache). Without `start()`, or while the watch is down, every `get` loads.
 *
 * Eventually consistent: a write is seen once its watch event arrives (the store's event hub
 * reads the log after the commit, so a request in the same millisecond may still get the old
 * value). Not for answers that must follow a write at once, such as a token's revocation
 * (auth/authenticate.ts reads the store on every request for that reason).
 *
 * ```ts
 * const nodes = createWatchedCache<string[]>(store, RESOURCES.nodes, (o) => o.metadata.namespace ?? '');
 * await nodes.start();
 * const names = await nodes.get('prod', () => loadControlPlane('prod'));
 * ```
 */
import type { Store, StoredObject, Watch } from '@drover/store';

export interface WatchedCache<V> {
  /** The cached value of `key`, or `load()`'s (kept unless undefined or invalidated meanwhile). */
  get(key: string, load: () => Promise<V | undefined>): Promise<V | undefined>;
  /** Drops `key` (or everything): for writes this process must see before its watch event. */
  invalidate(key?: string): void;
  /** Starts the watch; resolves once it runs. */
  start(): Promise<void>;
  /** Stops the watch and empties the cache; later gets load every time. */
  close(): void;
}

export interface WatchedCacheOptions {
  /** Entries kept at most (the oldest loaded goes first). Default 10 000. */
  maxEntries?: number;
  onError?: (err: unknown) => void;
}

export function createWatchedCache<V>(store: Store, resource: string, keyOf: (obj: StoredObject) => string, options: WatchedCacheOptions = {}): WatchedCache<V> {
  const maxEntries = options.maxEntries ?? 10_000;
  const onError = options.onError ?? (() => undefined);
  const values = new Map<string, V>();
  /** Bumped by every invalidation: a load that overlapped one is not kept. */
  let generation = 0;
  let watch: Watch | undefined;
  let closed = false;

  function invalidate(key?: string): void {
    generation += 1;
    if (key === undefined) values.clear();
    else values.delete(key);
  }

  async function run(w: Watch): Promise<void> {
    try {
      for await (const ev of w) {
        if (ev.type !== 'BOOKMARK') invalidate(keyOf(ev.object));
      }
    } catch (err) {
      if (!closed) onError(err);
    }
    // Ended (closed, or fell behind): nothing cached can be trusted; restart unless closing.
    if (watch === w) watch = undefined;
    invalidate();
    if (!closed) await start().catch(onError);
  }

  async function start(): Promise<void> {
    if (closed || watch !== undefined) return;
    const rv = await store.currentResourceVersion();
    const w = await store.watch(resource, { resourceVersion: rv });
    if (closed || watch !== undefined) {
      w.close();
      return;
    }
    watch = w;
    invalidate();
    void run(w);
  }

  return {
    async get(key, load) {
      if (watch === undefined) return load();
      const hit = values.get(key);
      if (hit !== undefined) return hit;
      const gen = generation;
      const value = await load();
      if (value !== undefined && gen === generation && watch !== undefined) {
        values.set(key, value);
        if (values.size > maxEntries) {
          const oldest = values.keys().next().value;
          if (oldest !== undefined) values.delete(oldest);
        }
      }
      return value;
    },
    invalidate,
    start,
    close() {
      closed = true;
      watch?.close();
      watch = undefined;
      invalidate();
    },
  };
}
