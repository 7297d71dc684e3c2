/**
 * Watch fan-out: one reader (the "pump") follows the log after commit notifications and offers
 * each new row to the watchers of its resource. Offering is a synchronous push into a watcher's
 * own bounded queue, so a slow watcher never blocks writers, the pump or other watchers.
 */
import type { LogEventRow } from './log-queries.ts';

/** A log row being fanned out, with its JSON parsed at most once for all watchers. */
export interface HubEvent {
  readonly row: LogEventRow;
  /** Labels of the row's object. */
  labels(): Readonly<Record<string, string>> | undefined;
  /** Labels of the key's previous state (undefined when there is none). */
  prevLabels(): Readonly<Record<string, string>> | undefined;
}

/** A watcher as the hub sees it. */
export interface HubSubscriber {
  readonly resource: string;
  /** Takes one event; must not throw or block. */
  offer(event: HubEvent): void;
  /** Ends the subscriber with an error (the hub could not read the log). */
  fail(err: unknown): void;
}

/** The fan-out hub of one store. */
export interface EventHub {
  /** Every row with rv <= position has been offered to all subscribers registered at the time. */
  readonly position: number;
  /** Registers a subscriber; it gets every row with rv > position from now on. Returns unsubscribe. */
  subscribe(sub: HubSubscriber): () => void;
  /** Signals that writes up to `rv` are committed. */
  poke(rv: number): void;
  /** Resolves when the pump is idle. */
  idle(): Promise<void>;
}

const BATCH = 256;

function labelsOf(data: string | null): Readonly<Record<string, string>> | undefined {
  if (data === null) return undefined;
  const obj = JSON.parse(data) as { metadata?: { labels?: Record<string, string> } };
  return obj.metadata?.labels ?? {};
}

function hubEvent(row: LogEventRow): HubEvent {
  let cur: { v: Readonly<Record<string, string>> | undefined } | undefined;
  let prev: { v: Readonly<Record<string, string>> | undefined } | undefined;
  return {
    row,
    labels: () => (cur ??= { v: labelsOf(row.data) }).v,
    prevLabels: () => (prev ??= { v: labelsOf(row.prevData) }).v,
  };
}

/**
 * Creates a hub positioned at `startRv` (the store's resourceVersion when it opened).
 * `read(after, limit)` returns committed log rows with rv > after, oldest first.
 */
export function createEventHub(deps: {
  startRv: number;
  read: (after: number, limit: number) => Promise<LogEventRow[]>;
}): EventHub {
  let position = deps.startRv;
  let target = deps.startRv;
  let running: Promise<void> | undefined;
  const byResource = new Map<string, Set<HubSubscriber>>();
  let count = 0;

  function failAll(err: unknown): void {
    const subs = [...byResource.values()].flatMap((s) => [...s]);
    byResource.clear();
    count = 0;
    for (const s of subs) s.fail(err);
  }

  async function pump(): Promise<void> {
    while (position < target) {
      if (count === 0) {
        position = target; // nobody to offer to: skip the read
        return;
      }
      let rows: LogEventRow[];
      try {
        rows = await deps.read(position, BATCH);
      } catch (err) {
        failAll(err);
        continue;
      }
      if (rows.length === 0) {
        position = target;
        return;
      }
      for (const row of rows) {
        const subs = byResource.get(row.resource);
        if (subs !== undefined) {
          const ev = hubEvent(row);
          for (const s of subs) {
            try {
              s.offer(ev);
            } catch (err) {
              subs.delete(s);
              count--;
              s.fail(err);
            }
          }
        }
        position = row.rv;
      }
      if (position > target) target = position;
    }
  }

  function start(): void {
    if (running !== undefined || position >= target) return;
    if (count === 0) {
      position = target;
      return;
    }
    running = pump()
      .catch(failAll)
      .finally(() => {
        running = undefined;
        start(); // a poke that raced the end of the loop
      });
  }

  return {
    get position() {
      return position;
    },
    subscribe(sub) {
      let set = byResource.get(sub.resource);
      if (set === undefined) byResource.set(sub.resource, (set = new Set()));
      set.add(sub);
      count++;
      return () => {
        const s = byResource.get(sub.resource);
        if (s?.delete(sub) === true) {
          count--;
          if (s.size === 0) byResource.delete(sub.resource);
        }
      };
    },
    poke(rv) {
      if (rv > target) target = rv;
      start();
    },
    idle() {
      return running ?? Promise.resolve();
    },
  };
}
