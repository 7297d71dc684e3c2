/**
 * Commit notifications that drive watch fan-out. Writers call notify(rv) after a commit; the
 * event hub subscribes and reads the log from where it stopped. Only "something up to rv is
 * committed" travels, never the events themselves, so a PostgreSQL deployment with several
 * processes can implement this with LISTEN/NOTIFY (payload = rv) without changing the store.
 */
import { EventEmitter } from 'node:events';

/** A channel of "writes up to this resourceVersion are committed" signals. */
export interface Notifier {
  /** Announces that every write up to `resourceVersion` is committed. Never throws. */
  notify(resourceVersion: number): void;
  /** Calls `listener` for each announcement (possibly out of order); returns an unsubscribe. */
  subscribe(listener: (resourceVersion: number) => void): () => void;
  /** Releases the channel; later notify() calls are ignored. */
  close(): Promise<void>;
}

/** An in-process Notifier (EventEmitter): enough for SQLite and for a single PostgreSQL client process. */
export function createLocalNotifier(): Notifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  let closed = false;
  return {
    notify(resourceVersion) {
      if (!closed) emitter.emit('commit', resourceVersion);
    },
    subscribe(listener) {
      emitter.on('commit', listener);
      return () => emitter.off('commit', listener);
    },
    close() {
      closed = true;
      emitter.removeAllListeners();
      return Promise.resolve();
    },
  };
}
