/**
 * Live lists: list, then watch from the list's collection resourceVersion (never an item's), over
 * the management API's chunked watch stream (one JSON event a line). Bookmarks keep the version
 * fresh; a stream that ends (the server's timeout) or drops resumes from the last version seen,
 * after a jittered backoff (1 s doubling, at most 30 s, cut short when the browser comes back
 * online or the tab into view); an ERROR 410 (the version is older than
 * the history) lists again. Events are applied to a Map and published at most once per animation
 * frame, so a burst of thousands of events is one re-render. A 401 goes to the session handler.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError, errorOf, headersFor, unauthorized } from './api.ts';
import type { KubeObject } from './api.ts';

export type LiveState = 'loading' | 'live' | 'reconnecting' | 'error';

export interface LiveSnapshot<T> {
  items: readonly T[];
  state: LiveState;
  /** The last failure, shown beside the Reconnecting badge. */
  error: string | undefined;
}

interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject & { code?: number; message?: string };
}

const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const MAX_BACKOFF_MS = 30_000;

/** Sorted by name: a stable order for tables. */
function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** One live collection (list + watch) at `path`; subscribe to read snapshots. */
export class LiveList<T extends KubeObject = KubeObject> {
  readonly #path: string;
  readonly #objects = new Map<string, T>();
  readonly #listeners = new Set<() => void>();
  readonly #abort = new AbortController();
  #snapshot: LiveSnapshot<T> = { items: [], state: 'loading', error: undefined };
  #resourceVersion = '';
  #scheduled = false;
  #failures = 0;
  /** Ends the current backoff wait early (the browser came back online or the tab into view). */
  #wake: () => void = () => undefined;

  constructor(path: string) {
    this.#path = path;
  }

  get snapshot(): LiveSnapshot<T> {
    return this.#snapshot;
  }

  subscribe = (fn: () => void): (() => void) => {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  };

  getSnapshot = (): LiveSnapshot<T> => this.#snapshot;

  start(): void {
    const wake = (): void => {
      if (document.visibilityState === 'visible') this.#wake();
    };
    window.addEventListener('online', wake, { signal: this.#abort.signal });
    document.addEventListener('visibilitychange', wake, { signal: this.#abort.signal });
    void this.#run();
  }

  stop(): void {
    this.#abort.abort();
    this.#wake();
  }

  #publish(state: LiveState, error?: string): void {
    this.#snapshot = { items: [...this.#objects.values()].sort(byName), state, error };
    for (const fn of this.#listeners) fn();
  }

  /** Publishes once per frame at most (a burst of events is one render). */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    const flush = (): void => {
      this.#scheduled = false;
      if (!this.#abort.signal.aborted) this.#publish('live');
    };
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(flush);
    else setTimeout(flush, 50);
  }

  async #list(): Promise<void> {
    const res = await fetch(this.#path, { credentials: 'same-origin', headers: headersFor('GET'), signal: this.#abort.signal });
    if (!res.ok) throw await errorOf(res);
    const list = (await res.json()) as { items: T[]; metadata: { resourceVersion: string } };
    this.#objects.clear();
    for (const o of list.items) this.#objects.set(keyOf(o), o);
    this.#resourceVersion = list.metadata.resourceVersion;
    this.#publish('live');
  }

  /** Watches until the stream ends; true when the server said the version is too old (410). */
  async #watch(): Promise<boolean> {
    const sep = this.#path.includes('?') ? '&' : '?';
    const url = `${this.#path}${sep}watch=1&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(this.#resourceVersion)}`;
    const res = await fetch(url, { credentials: 'same-origin', headers: headersFor('GET'), signal: this.#abort.signal });
    if (!res.ok) throw await errorOf(res);
    if (res.body === null) return false;
    this.#failures = 0;
    if (this.#snapshot.state !== 'live') this.#publish('live');
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      buffered += value;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line === '') continue;
        if (this.#apply(JSON.parse(line) as WatchEvent)) {
          await reader.cancel().catch(() => undefined);
          return true;
        }
      }
    }
  }

  /** Applies one event; true on a 410 ERROR (list again). */
  #apply(ev: WatchEvent): boolean {
    const rv = ev.object.metadata?.resourceVersion;
    switch (ev.type) {
      case 'ADDED':
      case 'MODIFIED':
        this.#objects.set(keyOf(ev.object), ev.object as unknown as T);
        break;
      case 'DELETED':
        this.#objects.delete(keyOf(ev.object));
        break;
      case 'BOOKMARK':
        break;
      case 'ERROR':
        if (ev.object.code === 410) return true;
        throw new ApiError(ev.object.code ?? 500, ev.object.message ?? 'watch failed', undefined, []);
    }
    if (rv !== undefined && rv !== '') this.#resourceVersion = rv;
    if (ev.type !== 'BOOKMARK') this.#schedule();
    return false;
  }

  async #run(): Promise<void> {
    let needList = true;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        if (needList) await this.#list();
        needList = await this.#watch();
        continue;
      } catch (err) {
        if (signal.aborted) return;
        if (err instanceof ApiError && err.status === 401) {
          unauthorized(err);
          this.#publish('error', err.message);
          return;
        }
        if (err instanceof ApiError && err.status === 403) {
          this.#publish('error', err.message);
          return;
        }
        if (err instanceof ApiError && err.status === 410) needList = true;
        this.#failures += 1;
        this.#publish(this.#resourceVersion === '' ? 'error' : 'reconnecting', err instanceof Error ? err.message : String(err));
      }
      const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(this.#failures - 1, 5));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, base / 2 + Math.random() * (base / 2));
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = () => undefined;
    }
  }
}

/** The live collection at `path` (null: nothing), restarted when the path changes. */
export function useLiveList<T extends KubeObject = KubeObject>(path: string | null): LiveSnapshot<T> {
  const [list, setList] = useState<LiveList<T> | null>(null);
  useEffect(() => {
    if (path === null) return;
    const l = new LiveList<T>(path);
    setList(l);
    l.start();
    return () => l.stop();
  }, [path]);
  const empty = EMPTY as LiveSnapshot<T>;
  return useSyncExternalStore(list?.subscribe ?? noopSubscribe, list?.getSnapshot ?? (() => empty));
}

const EMPTY: LiveSnapshot<KubeObject> = { items: [], state: 'loading', error: undefined };
const noopSubscribe = (): (() => void) => () => undefined;
