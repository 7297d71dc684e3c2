/**
 * A node's live agent tunnel, from the server's in-memory session registry
 * (`GET /v1/clusters/:cluster/nodes/:node/tunnel`), polled every 2 s while open: connected or not,
 * since when and from where, RTT, open / pending streams and buffered bytes.
 */
import { useEffect, useState } from 'react';
import { request } from '../api.ts';
import { absolute, age } from '../format.ts';

interface TunnelView {
  connected: boolean;
  connectedAt?: string;
  remoteAddress?: string;
  rttMs?: number;
  openStreams?: number;
  pendingOpens?: number;
  bufferedBytes?: number;
  bytesIn?: number;
  bytesOut?: number;
  reconnectsLastHour?: number;
}

/** 1536 → "1.5 KiB". */
function size(n: number | undefined): string {
  if (n === undefined) return '—';
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  return u === 0 ? `${v} bytes` : `${v.toFixed(1)} ${units[u]}`;
}

const POLL_MS = 2000;

export function TunnelPanel({ cluster, node, onClose }: { cluster: string; node: string; onClose: () => void }) {
  const [view, setView] = useState<TunnelView>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    const abort = new AbortController();
    const load = (): void => {
      request<TunnelView>('GET', `/v1/clusters/${encodeURIComponent(cluster)}/nodes/${encodeURIComponent(node)}/tunnel`, { signal: abort.signal }).then(
        (v) => {
          setView(v);
          setError(undefined);
        },
        (err: unknown) => {
          if (!abort.signal.aborted) setError(err instanceof Error ? err.message : String(err));
        },
      );
    };
    load();
    const timer = setInterval(load, POLL_MS);
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [cluster, node]);
  return (
    <section className="panel" aria-label={`Tunnel of ${node}`}>
      <div className="section-head">
        <h3>Tunnel: {node}</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {error !== undefined && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {view === undefined ? (
        <p className="notice">Loading…</p>
      ) : !view.connected ? (
        <p className="notice">
          No agent session on this server: the agent is not connected (or is connected to another server replica). Reconnects in the last hour: {view.reconnectsLastHour ?? 0}.
        </p>
      ) : (
        <dl className="facts">
          <dt>Connected</dt>
          <dd title={absolute(view.connectedAt)}>for {age(view.connectedAt)}</dd>
          <dt>From</dt>
          <dd>{view.remoteAddress ?? '—'}</dd>
          <dt>RTT</dt>
          <dd>{view.rttMs === undefined ? '—' : `${view.rttMs.toFixed(1)} ms`}</dd>
          <dt>Open streams</dt>
          <dd>{view.openStreams ?? 0}</dd>
          <dt>Opening</dt>
          <dd>{view.pendingOpens ?? 0}</dd>
          <dt>Buffered</dt>
          <dd>{view.bufferedBytes ?? 0} bytes</dd>
          <dt>Bytes in / out</dt>
          <dd title="Tunnel frame bytes over the current session">
            {size(view.bytesIn)} / {size(view.bytesOut)}
          </dd>
          <dt>Reconnects (last hour)</dt>
          <dd>{view.reconnectsLastHour ?? 0}</dd>
        </dl>
      )}
    </section>
  );
}
