/**
 * Public types of the store: Kubernetes-style objects, options and results.
 */

/** Kubernetes-style object metadata. Fields beyond these are kept as given. */
export interface ObjectMeta {
  name: string;
  /** Absent or '' for cluster-scoped objects. */
  namespace?: string;
  uid?: string;
  /** Assigned by the store on every write (decimal string of the store-wide counter). */
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  [key: string]: unknown;
}

/** A Kubernetes-style JSON object as given to the store. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
  status?: unknown;
  [key: string]: unknown;
}

/** An object as returned by the store: uid, resourceVersion and creationTimestamp are set. */
export interface StoredObject extends KubeObject {
  metadata: ObjectMeta & { uid: string; resourceVersion: string; creationTimestamp: string };
}

/** Options of {@link Store.list}. */
export interface ListOptions {
  /** Only this namespace; absent means all namespaces (and cluster-scoped objects). */
  namespace?: string;
  /** Kubernetes label selector: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma = AND. */
  labelSelector?: string;
  /** Field selector over `metadata.name` / `metadata.namespace` with `=`, `==`, `!=`, comma = AND. */
  fieldSelector?: string;
  /** Page size; absent or 0 means everything. */
  limit?: number;
  /** Opaque token from a previous page of the same list. */
  continue?: string;
}

/** Result of {@link Store.list}. Items are sorted by (namespace, name). */
export interface ListResult {
  items: StoredObject[];
  /** The snapshot the items were read at; a watch from it misses nothing. */
  resourceVersion: string;
  /** Present when there may be more items; pass it back as `continue`. */
  continue?: string;
}

/** Options of {@link Store.update} and {@link Store.delete}. */
export interface PreconditionOptions {
  /** CONFLICT unless the stored object's resourceVersion is exactly this. */
  expectedResourceVersion?: string;
}

/** Result of {@link Store.delete}. */
export interface DeleteResult {
  /**
   * The last state: with `removed` it is the removed object carrying the resourceVersion of the
   * deletion; otherwise the object now marked with `deletionTimestamp` (finalizers pending).
   */
  object: StoredObject;
  /** True when the object is gone; false when it waits for its finalizers. */
  removed: boolean;
}

/** Type of a watch event, as in the Kubernetes API. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

/**
 * A watch event. For BOOKMARK, `object` carries only `metadata.resourceVersion`: every event up
 * to it has been delivered, so a watch resumed from it misses nothing. The bookmark that ends
 * the initial events (WatchOptions.initialEventsEnd) also has the annotation
 * {@link INITIAL_EVENTS_END_ANNOTATION}: "true".
 */
export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: StoredObject }
  | { type: 'BOOKMARK'; object: { metadata: { resourceVersion: string; annotations?: Record<string, string> } } };

/** Kubernetes' name for the mark on the bookmark after a watch's initial events (KEP-3157). */
export const INITIAL_EVENTS_END_ANNOTATION = 'k8s.io/initial-events-end';

/** Options of {@link Store.watch}. */
export interface WatchOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /**
   * Absent or "0": ADDED for every current object (one consistent snapshot), then live events.
   * "N": every event strictly after N, in order. EXPIRED when N is older than the history.
   */
  resourceVersion?: string;
  /** Aborting ends the watch like {@link Watch.close}. */
  signal?: AbortSignal;
  /** Emit a BOOKMARK after this many idle milliseconds when the position moved. Off when absent. */
  bookmarkIntervalMs?: number;
  /**
   * Mark the end of the initial events, as Kubernetes' `sendInitialEvents` watch does: once the
   * snapshot's ADDED events (or, from a resourceVersion, the history up to the watch's start)
   * are handed out, one BOOKMARK at that position with the INITIAL_EVENTS_END_ANNOTATION, then
   * the live events. A controller waits for it before its first reconcile (controller-runtime's
   * WaitForCacheSync).
   */
  initialEventsEnd?: boolean;
}

/**
 * A running watch: an async iterable of events. Iteration ends normally after `close()` or an
 * abort; it throws StoreError EXPIRED when the watcher fell too far behind (re-list and watch
 * again) and CLOSED when the store closes. Iterate it once.
 */
export interface Watch extends AsyncIterable<WatchEvent> {
  /** Stops the watch and releases its buffer; idempotent. */
  close(): void;
  /** The resourceVersion of the last event handed out (or the start point). */
  readonly resourceVersion: string;
}

/** Where an object is stored: what get and tryGet take. */
export interface ObjectKey {
  resource: string;
  namespace: string;
  name: string;
}

/** Reads and writes that can run inside {@link Store.transaction}. Same contracts as on Store. */
export interface StoreTx {
  create(resource: string, obj: KubeObject): Promise<StoredObject>;
  get(resource: string, namespace: string, name: string): Promise<StoredObject>;
  tryGet(resource: string, namespace: string, name: string): Promise<StoredObject | undefined>;
  /**
   * Reads the current objects of `keys` together (one query per 100 keys on SQLite, per 1,000 on
   * PostgreSQL). A later get or tryGet of one of them in this transaction returns what was read,
   * unless the transaction wrote it since: a batch of read-check-write operations then costs one
   * round trip for its reads. On PostgreSQL what was read may be older than the writer lock, as
   * any read before a write is: an update still checks `expectedResourceVersion` against the
   * newest row.
   *
   * `forWrite`: take the writer lock first (as a write does; other writers wait until this
   * transaction ends). The rows are then the newest, and this transaction's writes of those keys
   * need not read them again: with the rows inserted together (ADR 0035), a batch of
   * read-check-write operations costs one read and one insert.
   */
  prefetch(keys: readonly ObjectKey[], options?: { forWrite?: boolean }): Promise<void>;
  /** Lists everything matching (no pagination inside a transaction). */
  list(resource: string, options?: Omit<ListOptions, 'limit' | 'continue'>): Promise<ListResult>;
  update(resource: string, obj: KubeObject, options?: PreconditionOptions): Promise<StoredObject>;
  delete(resource: string, namespace: string, name: string, options?: PreconditionOptions): Promise<DeleteResult>;
}

/** The resource store. Create one with `createStore`. */
export interface Store {
  /**
   * Stores a new object under (resource, metadata.namespace ?? '', metadata.name). Assigns
   * resourceVersion, and uid/creationTimestamp when absent. ALREADY_EXISTS when the key is taken.
   */
  create(resource: string, obj: KubeObject): Promise<StoredObject>;
  /** The current object; NOT_FOUND when absent. Use '' as namespace for cluster-scoped objects. */
  get(resource: string, namespace: string, name: string): Promise<StoredObject>;
  /** The current object, or undefined when absent (every other failure still rejects). */
  tryGet(resource: string, namespace: string, name: string): Promise<StoredObject | undefined>;
  /** tryGet of each key, by position, read together (one query per 100 keys on SQLite, per 1,000 on PostgreSQL). */
  tryGetMany(keys: readonly ObjectKey[]): Promise<(StoredObject | undefined)[]>;
  /** A consistent (single snapshot) list, optionally paginated with `limit` + `continue`. */
  list(resource: string, options?: ListOptions): Promise<ListResult>;
  /**
   * Replaces the object at its key, assigning a new resourceVersion (uid and creationTimestamp are
   * carried over from the stored object when the given one lacks them). NOT_FOUND when absent,
   * CONFLICT when `expectedResourceVersion` is given and differs. When the stored object has a
   * deletionTimestamp and the new one has no finalizers, the object is removed instead (DELETED).
   */
  update(resource: string, obj: KubeObject, options?: PreconditionOptions): Promise<StoredObject>;
  /**
   * Deletes the object. With pending finalizers it only sets metadata.deletionTimestamp (MODIFIED;
   * a repeated delete then changes nothing and returns the stored object); otherwise removes it
   * (DELETED carrying the last state with a new resourceVersion).
   */
  delete(resource: string, namespace: string, name: string, options?: PreconditionOptions): Promise<DeleteResult>;
  /**
   * Runs `fn` in one database transaction: all its writes commit together or none does (when `fn`
   * throws, its error is rethrown unchanged after rollback). Each write still takes its own
   * resourceVersion. Use only `tx` inside `fn`: calling the Store itself there rejects with INVALID.
   * Watchers see the events after the commit.
   */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Starts a watch; rejects EXPIRED at once when `resourceVersion` is older than the history. */
  watch(resource: string, options?: WatchOptions): Promise<Watch>;
  /** The current store-wide resourceVersion (the last write's), e.g. for bookmarks. */
  currentResourceVersion(): Promise<string>;
  /** The oldest resourceVersion a watch may start from (history before it is compacted). */
  compactedResourceVersion(): Promise<string>;
  /**
   * Drops history so that at most `keep` events (default: the configured historySize) remain
   * watchable. Runs automatically; exposed for operators and tests. Returns the new compaction point.
   */
  compact(keep?: number): Promise<string>;
  /**
   * Rewrites every stored version of `resource` in place — current objects, the history and
   * tombstones — where `rewrite` returns a replacement (undefined: keep the row). Resource
   * versions stay; no watch event is emitted, so run it before serving (start-up migrations that
   * remove data which must not be kept, e.g. secrets). One transaction. Returns the rows changed.
   */
  rewriteHistory(resource: string, rewrite: (obj: StoredObject) => StoredObject | undefined): Promise<number>;
  /**
   * Makes the backend drop the bytes of deleted and overwritten rows from its files (SQLite:
   * VACUUM and truncate the WAL; PostgreSQL: VACUUM FULL of the log table, which locks it while
   * it runs). For after {@link Store.rewriteHistory}; slow on big stores.
   */
  reclaimSpace(): Promise<void>;
  /** Ends all watches (they throw CLOSED), waits for running operations, closes the database. */
  close(): Promise<void>;
}
