/**
 * The process-level parts main.ts runs under its manager: the store's commit notifier, the store,
 * and the listening server (whose own manager runs the server's parts: app.ts). Started in that
 * order, closed in reverse: the server drains before the store it writes to closes.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createPostgresNotifier, createStore } from '@drover/store';
import type { Notifier, Store } from '@drover/store';
import type { ServerConfig } from './config.ts';
import type { Runnable } from './controllers/manager.ts';
import { RESOURCES } from './kinds/resources.ts';

export interface OpenedStore {
  store: Store;
  /** "sqlite <dir>" or "postgres <host>/<database>" (never credentials), for logs. */
  description: string;
  /** In start order. */
  runnables: [name: string, runnable: Runnable][];
}

/** `postgres://host:port/db` without user, password or parameters. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return 'postgres://<unparsable URL>';
  }
}

/**
 * Opens the configured store: SQLite in `dataDir`, or PostgreSQL at `databaseUrl` with a
 * LISTEN/NOTIFY notifier, so writes by other server processes on the same database reach this
 * one's watches (nothing assumes this process owns the database).
 * @throws StoreError BACKEND when the database cannot be opened
 */
export async function openStore(config: ServerConfig, logger: FastifyBaseLogger): Promise<OpenedStore> {
  const onBackgroundError = (err: Error) => logger.warn({ err }, 'store background work failed');
  if (config.databaseUrl === undefined) {
    // Events and audit events are written once and seldom read again by key: not worth the
    // cache's memory, ~1 KB per agent at 19,500 agents (issue 15).
    const store = await createStore({ kind: 'sqlite', dataDir: config.dataDir, onBackgroundError, uncachedResources: [RESOURCES.events, RESOURCES.auditevents] });
    return { store, description: `sqlite ${config.dataDir}`, runnables: [['store', storeRunnable(store)]] };
  }
  const connectionString = config.databaseUrl;
  const schema = config.databaseSchema;
  const notifier = await createPostgresNotifier({ connectionString, schema, onError: (err) => logger.warn({ err }, 'PostgreSQL LISTEN connection failed; reconnecting') });
  let store: Store;
  try {
    store = await createStore({ kind: 'postgres', connectionString, schema, poolSize: config.databasePoolSize, notifier, onBackgroundError });
  } catch (err) {
    await notifier.close();
    throw err;
  }
  return {
    store,
    description: `postgres ${redactDatabaseUrl(connectionString)} schema ${schema}`,
    runnables: [
      ['notifier', notifierRunnable(notifier)],
      ['store', storeRunnable(store)],
    ],
  };
}

/** The store is opened before the manager starts (the admin user and PKI need it); close() waits for its work in flight. */
export function storeRunnable(store: Store): Runnable {
  return {
    start: async () => void (await store.currentResourceVersion()),
    close: () => store.close(),
    destroy: () => store.close(),
  };
}

/** The store closes its notifier too; closing again is a no-op. */
export function notifierRunnable(notifier: Notifier): Runnable {
  return { start: () => Promise.resolve(), close: () => notifier.close(), destroy: () => notifier.close() };
}

/**
 * Pending connections the listener queues (the kernel caps it at net.core.somaxconn). A server
 * restart brings every agent back in one burst; with Node's default of 511 the rest of the burst
 * is reset, and each of those agents backs off for seconds (a cold storm of 19,500 agents saw
 * thousands of resets).
 */
export const LISTEN_BACKLOG = 8192;

/** The server: start listens; close is fastify's close (which closes the server's own parts). */
export function listeningServer(app: FastifyInstance, address: { host: string; port: number }): Runnable {
  return {
    start: async () => void (await app.listen({ ...address, backlog: LISTEN_BACKLOG })),
    close: () => app.close(),
    destroy() {
      app.server.closeAllConnections();
      return app.close();
    },
  };
}
