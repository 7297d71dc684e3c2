/**
 * defineController: one controller in one declaration (controller-runtime's builder).
 *
 * ```ts
 * export const clusterStatus = (store: Store, now: () => Date) => defineController({
 *   name: 'cluster-status',
 *   for: RESOURCES.clusters,                                   // a Cluster's own changes: key = its name
 *   watches: [{ resource: RESOURCES.nodes, map: (node) => node.metadata.namespace }], // its Nodes' too
 *   concurrency: 4,                                            // four clusters at once, never one twice
 *   reconcile: async ({ name }, signal) => { ... return { requeueAfterMs: 60_000 }; },
 * });
 * ```
 *
 * {@link createController} turns a definition into a {@link Runnable}: a store watch per resource
 * feeding one keyed work queue (work-queue.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Store, StoredObject, WatchEventType } from '@drover/store';
import type { Runnable } from './manager.ts';
import type { ReconcileRequest, ResourceRef } from './resource-ref.ts';
import { keyOf, requestOf, storeKeyOf } from './resource-ref.ts';
import type { SharedWatches } from './shared-watches.ts';
import { startWatchSource } from './watch-source.ts';
import type { WatchSource, WatchSourceOptions } from './watch-source.ts';
import { createWorkQueue } from './work-queue.ts';
import type { ReconcileOutcome, ReconcileResult, WorkQueue } from './work-queue.ts';

export type ObjectEventType = Exclude<WatchEventType, 'BOOKMARK'>;

/** Another kind whose changes mean some of this controller's objects need a look. */
export interface WatchSpec {
  resource: ResourceRef;
  /** Keys (`namespace/name` or `name`) of this controller's objects to reconcile; none: ignore. */
  map(obj: StoredObject, type: ObjectEventType): string | readonly string[] | undefined;
  /**
   * Reconcile the keys this long after the first change (ms) instead of at once, so a burst
   * of changes (a reconnect storm of a cluster's nodes) costs one reconcile per key. A function
   * gives each key's delay as its change comes (watch-filter.ts `stormDelay`).
   */
  delayMs?: number | ((key: string) => number);
}

export interface ControllerDefinition {
  /** Metrics label and logger binding; kebab-case. */
  readonly name: string;
  /** The kind reconciled: each of its objects is a key (`namespace/name`, or `name`). */
  readonly for: ResourceRef;
  readonly watches: readonly WatchSpec[];
  /**
   * Which events of its own objects call for a reconcile, and when: ms from now, or undefined for
   * none. Default: every event, at once. An expiry controller waits until the object is due
   * (a restart with 30,000 Events in the store read each one back at once, issue 15); a controller
   * that reads only a Cluster's spec skips the status writes of the others (watch-filter.ts `whenChanged`).
   */
  readonly forEvents?: (obj: StoredObject, type: ObjectEventType) => number | undefined;
  /** Distinct keys reconciled at once. */
  readonly concurrency: number;
  /**
   * Level-based: looks at the object as it is now. Returns `{requeueAfterMs}` to look again
   * later, throws to retry with per-key backoff, throws TerminalError to give up on the key.
   * `signal` is aborted when the controller stops.
   */
  reconcile(request: ReconcileRequest, signal: AbortSignal): Promise<ReconcileResult | void>;
}

export interface ControllerSpec {
  name: string;
  for: ResourceRef;
  watches?: readonly WatchSpec[];
  forEvents?: ControllerDefinition['forEvents'];
  /** Default 1. */
  concurrency?: number;
  reconcile: ControllerDefinition['reconcile'];
}

/** Validates and freezes a controller definition. */
export function defineController(spec: ControllerSpec): ControllerDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.name)) throw new TypeError(`controller name must be kebab-case: ${JSON.stringify(spec.name)}`);
  const concurrency = spec.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`controller ${spec.name}: concurrency must be a positive integer`);
  return Object.freeze({
    name: spec.name,
    for: spec.for,
    watches: Object.freeze([...(spec.watches ?? [])]),
    ...(spec.forEvents === undefined ? {} : { forEvents: spec.forEvents }),
    concurrency,
    reconcile: spec.reconcile,
  });
}

/** setTimeout's limit is ~24.8 days: longer waits come back daily and look again. */
const MAX_WAIT_MS = 86_400_000;

/**
 * The delay before looking again at an object that is due in `leftMs` (an expiry): just after
 * it, at most a day. For `forEvents` and `requeueAfterMs` alike.
 */
export function dueAfterMs(leftMs: number): number {
  return Math.min(Math.max(0, leftMs + 10), MAX_WAIT_MS);
}

export interface ControllerDeps {
  store: Store;
  logger: FastifyBaseLogger;
  /** Called after every reconcile (metrics). */
  onResult?: (result: ReconcileOutcome) => void;
  /** Retry backoff of the queue (tests shorten it). */
  baseBackoffMs?: number;
  /** Watches shared with the other controllers (shared-watches.ts); default: a watch of its own per resource. */
  watches?: SharedWatches;
}

/** A running controller: a Runnable, plus idle() for tests. */
export interface Controller extends Runnable {
  readonly definition: ControllerDefinition;
  /** Resolves when its queue is idle (delayed keys do not count). */
  idle(): Promise<void>;
}

export function createController(def: ControllerDefinition, deps: ControllerDeps): Controller {
  const { store, logger } = deps;
  let queue: WorkQueue | undefined;
  let sources: WatchSource[] = [];
  /**
   * Keys that came before every watch had handed out its initial state, each with when it is
   * due (performance.now() ms): the queue gets them only then (controller-runtime waits for its
   * caches to sync). Reconciling a Cluster as soon as its own ADDED came, and again as each batch
   * of its Nodes' came, listed every Cluster's Nodes ~6 times at a restart (19,500 Nodes, issue 15).
   */
  let held: Map<string, number> | undefined = new Map();
  let synced: Promise<void> = Promise.resolve();

  function addKeys(q: WorkQueue, keys: string | readonly string[] | undefined, delayMs: WatchSpec['delayMs'] = 0): void {
    if (keys === undefined) return;
    for (const k of typeof keys === 'string' ? [keys] : keys) {
      if (k === '') continue;
      const ms = typeof delayMs === 'number' ? delayMs : delayMs(k);
      if (held === undefined) {
        q.addAfter(k, ms);
        continue;
      }
      const due = performance.now() + ms;
      const before = held.get(k);
      if (before === undefined || due < before) held.set(k, due);
    }
  }

  function release(q: WorkQueue): void {
    const keys = held;
    held = undefined;
    if (keys === undefined || queue !== q) return;
    const now = performance.now();
    for (const [k, due] of keys) q.addAfter(k, due - now);
  }

  function stopSources(): Promise<void> {
    const s = sources;
    sources = [];
    return Promise.all(s.map((x) => x.close())).then(() => undefined);
  }

  return {
    definition: def,
    async start() {
      if (queue !== undefined) return;
      const q = createWorkQueue({
        name: def.name,
        logger,
        concurrency: def.concurrency,
        reconcile: (key, signal) => def.reconcile(requestOf(key), signal),
        ...(deps.onResult === undefined ? {} : { onResult: deps.onResult }),
        ...(deps.baseBackoffMs === undefined ? {} : { baseBackoffMs: deps.baseBackoffMs }),
      });
      queue = q;
      const own = (obj: StoredObject, type: ObjectEventType): void => {
        const delayMs = def.forEvents === undefined ? 0 : def.forEvents(obj, type);
        if (delayMs !== undefined) addKeys(q, keyOf({ namespace: obj.metadata.namespace ?? '', name: obj.metadata.name }), delayMs);
      };
      const watch = (resource: string, onObject: WatchSourceOptions['onObject']): WatchSource =>
        deps.watches === undefined ? startWatchSource({ store, logger, resource, onObject }) : deps.watches.subscribe(resource, onObject);
      sources = [watch(storeKeyOf(def.for), own), ...def.watches.map((w) => watch(storeKeyOf(w.resource), (obj, type) => addKeys(q, w.map(obj, type), w.delayMs)))];
      synced = Promise.all(sources.map((s) => s.synced)).then(() => release(q));
      await Promise.all(sources.map((s) => s.started));
    },
    async close() {
      // Watches first, so no key arrives at a closing queue; then the queue awaits its reconciles.
      held = undefined;
      await stopSources();
      await queue?.close();
    },
    destroy() {
      held = undefined;
      void stopSources();
      queue?.destroy();
    },
    idle: async () => {
      await synced;
      await queue?.idle();
    },
  };
}
