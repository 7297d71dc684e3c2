/**
 * Watch: a chunked stream of newline-delimited `{"type","object"}` JSON events. Headers are
 * flushed before the first event; no resourceVersion (or "0") starts with ADDED for the current
 * state; "N" replays everything strictly after N; a resourceVersion older than the history (or a
 * watcher that fell behind) ends with an ERROR event carrying a 410 Expired Status; one the store
 * has not reached within `resourceVersionWaitMs` is a 504 Timeout Status before the stream (fresh.ts). Bookmarks
 * when `allowWatchBookmarks=true`; `timeoutSeconds` (bounded by the limits) ends the stream.
 */
import { once } from 'node:events';
import { isStoreError, StoreErrorCode } from '@drover/store';
import type { Watch, WatchEvent, WatchOptions } from '@drover/store';
import type { FastifyReply } from 'fastify';
import { statusOf } from '../errors.ts';
import { badRequest } from '../errors-kube.ts';
import { toStatus } from '../error-status.ts';
import { awaitResourceVersion } from './fresh.ts';
import type { KubeStatus } from '../errors.ts';
import { selectionOf } from './handler-read.ts';
import type { OutputFormat } from './negotiate.ts';
import type { JsonObject } from './object-path.ts';
import type { ResourceRequest } from './resource-request.ts';
import { authorizeVerb, present, rethrow } from './resource-request.ts';
import { partialObject, toTable } from './table.ts';

/** Running watches, so shutdown can end them (each entry aborts one). */
export type WatchRegistry = Set<() => void>;

function timeoutOf(r: ResourceRequest): number {
  const raw = r.query.timeoutSeconds;
  const max = r.ctx.limits.maxWatchSeconds;
  if (raw === undefined || raw === '') return max;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`timeoutSeconds: Invalid value: "${raw}": must be a non-negative integer`);
  return n === 0 ? max : Math.min(n, max);
}

async function expiredStatus(r: ResourceRequest, from: string | undefined): Promise<KubeStatus> {
  const oldest = await r.ctx.store.compactedResourceVersion().catch(() => '?');
  const msg = from === undefined ? 'the watch fell too far behind; list and watch again' : `too old resource version: ${from} (${oldest})`;
  return statusOf(410, 'Expired', msg);
}

function encoder(r: ResourceRequest, format: OutputFormat): (ev: WatchEvent) => JsonObject {
  const apiVersion = `${r.kind.def.group}/${r.kind.def.version}`;
  let first = true;
  return (ev) => {
    const withColumns = first;
    first = false;
    if (ev.type === 'BOOKMARK') {
      const rv = ev.object.metadata.resourceVersion;
      if (format.kind === 'table') return { kind: 'Table', apiVersion: `meta.k8s.io/${format.version}`, metadata: { resourceVersion: rv }, columnDefinitions: [], rows: [] };
      if (format.kind === 'partial') return partialObject({ metadata: { resourceVersion: rv } }, format.version);
      return { kind: r.kind.def.kind, apiVersion, metadata: { resourceVersion: rv } };
    }
    const obj = present(r.kind, ev.object);
    if (format.kind === 'table') {
      return toTable(r.kind, [obj], { include: format.includeObject, version: format.version, withColumns, listMeta: { resourceVersion: ev.object.metadata.resourceVersion }, now: r.ctx.now() });
    }
    if (format.kind === 'partial') return partialObject(obj, format.version);
    return obj;
  };
}

export async function handleWatch(r: ResourceRequest, format: OutputFormat, reply: FastifyReply, registry: WatchRegistry): Promise<void> {
  await authorizeVerb(r, 'watch');
  const timeoutMs = timeoutOf(r) * 1000;
  const abort = new AbortController();
  const opts: WatchOptions = { ...selectionOf(r), signal: abort.signal };
  const from = r.query.resourceVersion;
  if (from !== undefined && from !== '') opts.resourceVersion = from;
  // Before any byte of the stream: a version from the future is a 504 Status, not a silent wait.
  await awaitResourceVersion(r, from);
  if (r.query.allowWatchBookmarks === 'true') opts.bookmarkIntervalMs = r.ctx.limits.bookmarkIntervalMs;

  let watch: Watch | undefined;
  let expired: KubeStatus | undefined;
  try {
    watch = await r.ctx.store.watch(r.kind.resource, opts);
  } catch (err) {
    if (!isStoreError(err, StoreErrorCode.EXPIRED)) rethrow(r, err);
    expired = await expiredStatus(r, from);
  }

  reply.hijack();
  const res = reply.raw;
  // Long-lived by route: no idle timeout on this connection (timeoutSeconds bounds the watch).
  res.socket?.setTimeout(0);
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'x-content-type-options': 'nosniff' });
  res.flushHeaders();
  const stop = () => abort.abort();
  registry.add(stop);
  res.on('close', stop);
  const timer = setTimeout(stop, timeoutMs);
  const write = async (event: JsonObject): Promise<void> => {
    if (res.destroyed || res.writableEnded) return;
    if (!res.write(`${JSON.stringify(event)}\n`)) await once(res, 'drain', { signal: abort.signal }).catch(() => undefined);
  };

  try {
    if (expired !== undefined) await write({ type: 'ERROR', object: expired });
    else if (watch !== undefined) {
      const encode = encoder(r, format);
      for await (const ev of watch) {
        if (ev.type !== 'BOOKMARK' && !(await r.ctx.authorizer.canSee(r.user, r.kind.def.plural, ev.object))) continue;
        await write({ type: ev.type, object: encode(ev) });
      }
    }
  } catch (err) {
    if (isStoreError(err, StoreErrorCode.EXPIRED)) await write({ type: 'ERROR', object: await expiredStatus(r, undefined) });
    else if (!isStoreError(err, StoreErrorCode.CLOSED) && !abort.signal.aborted) {
      const { status, internal } = toStatus(err);
      if (internal) reply.log.error({ err }, 'watch failed');
      await write({ type: 'ERROR', object: status });
    }
  } finally {
    clearTimeout(timer);
    registry.delete(stop);
    watch?.close();
    if (!res.writableEnded) res.end();
  }
}
