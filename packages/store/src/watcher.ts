/**
 * One watch: catch-up from the database (a snapshot as ADDED events, or the history after a
 * resourceVersion), then live events from the hub, through a bounded queue, as an async iterable.
 *
 * Ordering: the watcher subscribes to the hub first and notes the hub's position H. Live events
 * are exactly the rows > H; catch-up reads the rows (or the state) up to H. So nothing is missed
 * and nothing is delivered twice.
 */
import { StoreError, StoreErrorCode } from './errors.ts';
import type { EventHub, HubEvent, HubSubscriber } from './event-hub.ts';
import type { LogEventRow, LogRow } from './log-queries.ts';
import type { ObjectFilter } from './object-filter.ts';
import { INITIAL_EVENTS_END_ANNOTATION } from './types.ts';
import type { StoredObject, Watch, WatchEvent } from './types.ts';

/** An event waiting in a queue; the object is parsed when handed out (each consumer owns its copy). */
interface Pending {
  type: WatchEvent['type'];
  rv: number;
  data: string | undefined;
  /** The bookmark after the initial events (WatchOptions.initialEventsEnd). */
  initialEnd?: true;
}

/** What a watcher needs from the store. */
export interface WatcherDeps {
  resource: string;
  filter: ObjectFilter;
  /** undefined: snapshot then live; a number N: the events after N. */
  startRv: number | undefined;
  hub: EventHub;
  /** The live objects at `atRv` after the key `after`, in key order (see readStateAt). */
  readSnapshot(atRv: number, after: { namespace: string; name: string } | undefined, limit: number): Promise<LogRow[]>;
  /** Rows of this resource with after < rv <= upTo; rejects EXPIRED when `after` is compacted. */
  readHistory(after: number, upTo: number, limit: number): Promise<LogEventRow[]>;
  maxBuffered: number;
  bookmarkIntervalMs: number | undefined;
  /** Queue a marked BOOKMARK once the catch-up is handed out. */
  initialEventsEnd: boolean;
  signal: AbortSignal | undefined;
  /** Called once when the watch ends for any reason. */
  onEnd(): void;
}

/** The store's handle on a watcher. */
export interface WatcherHandle {
  readonly watch: Watch;
  /** The lowest resourceVersion this watcher still reads from the database (Infinity when live). */
  floor(): number;
  /** Ends the watch: the iterator throws `err` once. */
  fail(err: StoreError): void;
}

const PAGE = 500;

/** Decides what a row means to a filtered watcher (labels may have changed). */
function judge(filter: ObjectFilter, ev: HubEvent): Pending | undefined {
  const { row } = ev;
  if (!filter.matchesKey(row.namespace, row.name)) return undefined;
  const pending = (type: Pending['type']): Pending => ({ type, rv: row.rv, data: row.data });
  if (!filter.usesLabels) return pending(row.type);
  const now = filter.matchesLabels(ev.labels());
  if (row.type === 'ADDED') return now ? pending('ADDED') : undefined;
  const before = row.prevData !== null && filter.matchesLabels(ev.prevLabels());
  if (row.type === 'DELETED') return now || before ? pending('DELETED') : undefined;
  if (now) return pending(before ? 'MODIFIED' : 'ADDED');
  return before ? pending('DELETED') : undefined;
}

function eventFromRow(row: LogEventRow): HubEvent {
  let labels: Record<string, string> | undefined;
  let prev: Record<string, string> | undefined;
  const parse = (data: string) => (JSON.parse(data) as { metadata?: { labels?: Record<string, string> } }).metadata?.labels ?? {};
  return {
    row,
    labels: () => (labels ??= parse(row.data)),
    prevLabels: () => (row.prevData === null ? undefined : (prev ??= parse(row.prevData))),
  };
}

/** Starts a watcher: it is subscribed to the hub when this returns. */
export function startWatcher(deps: WatcherDeps): WatcherHandle {
  const startPoint = deps.hub.position;
  const snapshot = deps.startRv === undefined;
  // Highest rv queued or read so far; the next catch-up read starts after it.
  let cursorRv = deps.startRv ?? startPoint;
  let snapshotAfter: { namespace: string; name: string } | undefined;
  let catchingUp = true;
  let deliveredRv = deps.startRv ?? startPoint;
  let queuedRv = Math.max(cursorRv, startPoint);
  const ready: Pending[] = [];
  let readyHead = 0;
  let live: Pending[] = [];
  let liveHead = 0;
  let ended = false;
  let error: StoreError | undefined;
  let waiters: (() => void)[] = [];
  let loading: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;

  const subscriber: HubSubscriber = {
    resource: deps.resource,
    offer(ev) {
      if (ended || ev.row.rv <= (deps.startRv ?? startPoint)) return;
      const p = judge(deps.filter, ev);
      if (p === undefined) return;
      if (live.length - liveHead >= deps.maxBuffered) {
        fail(new StoreError(StoreErrorCode.EXPIRED, `watch of ${deps.resource} fell more than ${deps.maxBuffered} events behind; re-list`));
        return;
      }
      live.push(p);
      queuedRv = p.rv;
      wakeUp();
    },
    fail(err) {
      fail(err instanceof StoreError ? err : new StoreError(StoreErrorCode.BACKEND, 'watch feed failed', { cause: err }));
    },
  };
  const unsubscribe = deps.hub.subscribe(subscriber);

  function wakeUp(): void {
    const ws = waiters;
    waiters = [];
    for (const w of ws) w();
  }

  function end(): void {
    if (ended) return;
    ended = true;
    unsubscribe();
    if (timer !== undefined) clearInterval(timer);
    deps.signal?.removeEventListener('abort', close);
    ready.length = 0;
    readyHead = 0;
    live = [];
    liveHead = 0;
    deps.onEnd();
    wakeUp();
  }

  function fail(err: StoreError): void {
    if (ended) return;
    error = err;
    end();
  }

  function close(): void {
    end();
  }

  async function catchUpPage(): Promise<void> {
    if (snapshot) {
      const rows = await deps.readSnapshot(startPoint, snapshotAfter, PAGE);
      for (const row of rows) {
        snapshotAfter = { namespace: row.namespace, name: row.name };
        const p = judge(deps.filter, eventFromRow({ ...row, prevData: null }));
        if (p !== undefined) ready.push({ ...p, type: 'ADDED' });
      }
      if (rows.length < PAGE) caughtUp();
      return;
    }
    const rows = await deps.readHistory(cursorRv, startPoint, PAGE);
    for (const row of rows) {
      cursorRv = row.rv;
      const p = judge(deps.filter, eventFromRow(row));
      if (p !== undefined) ready.push(p);
    }
    if (rows.length < PAGE) caughtUp();
  }

  function caughtUp(): void {
    catchingUp = false;
    // Every row up to the start point is queued (and the start rv itself when it is ahead).
    if (deps.initialEventsEnd) ready.push({ type: 'BOOKMARK', rv: Math.max(startPoint, deps.startRv ?? 0), data: undefined, initialEnd: true });
  }

  function take(): Pending | undefined {
    if (readyHead < ready.length) {
      const p = ready[readyHead++]!;
      if (readyHead === ready.length) {
        ready.length = 0;
        readyHead = 0;
      }
      return p;
    }
    if (catchingUp) return undefined;
    if (liveHead < live.length) {
      const p = live[liveHead++]!;
      if (liveHead > 1024 && liveHead * 2 > live.length) {
        live = live.slice(liveHead);
        liveHead = 0;
      }
      return p;
    }
    return undefined;
  }

  function toEvent(p: Pending): WatchEvent {
    if (p.type === 'BOOKMARK' || p.data === undefined) {
      const metadata = { resourceVersion: String(p.rv) };
      return { type: 'BOOKMARK', object: { metadata: p.initialEnd === true ? { ...metadata, annotations: { [INITIAL_EVENTS_END_ANNOTATION]: 'true' } } : metadata } };
    }
    return { type: p.type, object: JSON.parse(p.data) as StoredObject };
  }

  async function next(): Promise<IteratorResult<WatchEvent>> {
    for (;;) {
      if (error !== undefined) {
        const e = error;
        error = undefined;
        throw e;
      }
      if (ended) return { done: true, value: undefined };
      const p = take();
      if (p !== undefined) {
        // Snapshot ADDED events carry older rvs; the position after them is the start point.
        if (!(snapshot && p.rv <= startPoint)) deliveredRv = Math.max(deliveredRv, p.rv);
        return { done: false, value: toEvent(p) };
      }
      if (catchingUp) {
        // One page read at a time, even if next() is called concurrently.
        loading ??= catchUpPage()
          .catch((err: unknown) => {
            fail(err instanceof StoreError ? err : new StoreError(StoreErrorCode.BACKEND, 'watch catch-up failed', { cause: err }));
          })
          .finally(() => (loading = undefined));
        await loading;
        continue;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }

  if (deps.bookmarkIntervalMs !== undefined) {
    timer = setInterval(() => {
      // Every row up to the hub's position has been offered to this watcher; with nothing queued,
      // everything up to it has been handed out, so a watch resumed from it misses nothing.
      const pos = deps.hub.position;
      if (!catchingUp && liveHead === live.length && pos > queuedRv) {
        live.push({ type: 'BOOKMARK', rv: pos, data: undefined });
        queuedRv = pos;
        wakeUp();
      }
    }, deps.bookmarkIntervalMs);
    timer.unref();
  }
  if (deps.signal?.aborted === true) end();
  else deps.signal?.addEventListener('abort', close, { once: true });

  const watch: Watch = {
    close,
    get resourceVersion() {
      return String(deliveredRv);
    },
    [Symbol.asyncIterator]() {
      return {
        next,
        return() {
          close();
          return Promise.resolve({ done: true, value: undefined });
        },
      };
    },
  };
  return {
    watch,
    floor: () => (ended || !catchingUp ? Infinity : snapshot ? startPoint : cursorRv),
    fail,
  };
}
