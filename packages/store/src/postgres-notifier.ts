/**
 * A Notifier over PostgreSQL LISTEN/NOTIFY, for several store processes sharing one database:
 * each one's commits reach the watchers of all. Payload: the committed resourceVersion.
 */
import pg from 'pg';
import { StoreError, StoreErrorCode } from './errors.ts';
import { createLocalNotifier } from './notifier.ts';
import type { Notifier } from './notifier.ts';

/** Options of {@link createPostgresNotifier}. */
export interface PostgresNotifierOptions {
  connectionString: string;
  /** The store's schema (default "public"); its counter is read after each (re)connect. */
  schema?: string;
  /** Channel name; stores sharing data must use the same one. Default "drover_store_<schema>". */
  channel?: string;
  /** Delay before reconnecting after the listening connection failed. Default 1000 ms. */
  reconnectDelayMs?: number;
  /** Connection failures (the notifier keeps reconnecting until closed). */
  onError?: (err: StoreError) => void;
}

/**
 * Connects, LISTENs, and returns a Notifier: notify() announces locally at once and to the other
 * processes with pg_notify; announcements from any process reach subscribers. After a reconnect
 * it announces the counter read from the database, so no commit made meanwhile is overlooked.
 * close() ends the connection and any reconnect timer.
 * @throws StoreError INVALID for a bad schema/channel name, BACKEND when the first connect fails.
 */
export async function createPostgresNotifier(options: PostgresNotifierOptions): Promise<Notifier> {
  const schema = options.schema ?? 'public';
  const channel = options.channel ?? `drover_store_${schema}`;
  for (const id of [schema, channel]) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(id)) throw new StoreError(StoreErrorCode.INVALID, `invalid identifier ${JSON.stringify(id)}`);
  }
  const local = createLocalNotifier();
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  // After close() the queries still queued on the connection fail with "Connection terminated":
  // that is the close, not a failure (a clean shutdown logged a warning for each).
  const report = (err: unknown) => {
    if (!closed) options.onError?.(new StoreError(StoreErrorCode.BACKEND, 'LISTEN connection failed', { cause: err }));
  };

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: options.connectionString });
    c.on('notification', (msg) => {
      const rv = Number(msg.payload);
      if (msg.channel === channel && Number.isSafeInteger(rv)) local.notify(rv);
    });
    c.on('error', (err) => {
      report(err);
      if (client === c) client = undefined;
      c.end().catch(() => undefined);
      scheduleReconnect();
    });
    await c.connect();
    try {
      await c.query(`LISTEN ${channel}`);
      const res = await c.query<{ value: string }>(`select value from "${schema}".meta where key = 'rv'`).catch(() => undefined);
      if (closed) throw new Error('closed while connecting');
      client = c;
      const rv = Number(res?.rows[0]?.value);
      if (Number.isSafeInteger(rv)) local.notify(rv);
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
  }

  function scheduleReconnect(): void {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((err: unknown) => {
        report(err);
        scheduleReconnect();
      });
    }, options.reconnectDelayMs ?? 1000);
  }

  try {
    await connect();
  } catch (err) {
    throw new StoreError(StoreErrorCode.BACKEND, 'cannot LISTEN on PostgreSQL', { cause: err });
  }

  return {
    notify(rv) {
      local.notify(rv);
      client?.query('select pg_notify($1, $2)', [channel, String(rv)]).catch(report);
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
      await local.close();
    },
  };
}
