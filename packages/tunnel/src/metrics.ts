/**
 * Tunnel metrics on an injected prom-client Registry (never the global one).
 * Gauges are computed at scrape time from the live sessions, and byte counters
 * are accumulated in plain numbers on the hot path and published at scrape
 * time, so the data path pays no metric cost per frame.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export { ByteCounts, type SessionStats } from './session-stats.ts';
import type { SessionStats } from './session-stats.ts';

export interface TunnelMetrics {
  register(session: SessionStats): void;
  unregister(session: SessionStats): void;
  observeOpen(seconds: number, outcome: 'ok' | 'error'): void;
  observeRtt(seconds: number): void;
  countReaped(n: number): void;
}

export function createTunnelMetrics(registry: Registry, prefix = 'drover_tunnel_'): TunnelMetrics {
  const sessions = new Set<SessionStats>();
  let bytesIn = 0;
  let bytesOut = 0;
  const sum = (f: (s: SessionStats) => number) => {
    let total = 0;
    for (const s of sessions) total += f(s);
    return total;
  };
  const drainBytes = () => {
    for (const s of sessions) {
      const c = s.takeByteCounts();
      bytesIn += c.in;
      bytesOut += c.out;
    }
  };
  new Gauge({ name: `${prefix}sessions`, help: 'Tunnel sessions currently open.', registers: [registry], collect() { this.set(sessions.size); } });
  new Gauge({ name: `${prefix}streams_open`, help: 'Streams open across all sessions.', registers: [registry], collect() { this.set(sum((s) => s.openStreams)); } });
  new Gauge({ name: `${prefix}opens_pending`, help: 'Local opens waiting for the peer to answer.', registers: [registry], collect() { this.set(sum((s) => s.pendingOpens)); } });
  new Gauge({ name: `${prefix}buffered_bytes`, help: 'Bytes received and not yet read by the application, across sessions.', registers: [registry], collect() { this.set(sum((s) => s.bufferedBytes)); } });
  new Gauge({ name: `${prefix}zero_window_streams`, help: 'Streams that have data to send and no credit.', registers: [registry], collect() { this.set(sum((s) => s.zeroWindowStreams)); } });
  const bytes = new Counter({
    name: `${prefix}bytes_total`,
    help: 'Frame bytes through tunnel sessions, by direction.',
    labelNames: ['direction'],
    registers: [registry],
    collect() {
      drainBytes();
      if (bytesIn > 0) this.inc({ direction: 'in' }, bytesIn);
      if (bytesOut > 0) this.inc({ direction: 'out' }, bytesOut);
      bytesIn = 0;
      bytesOut = 0;
    },
  });
  bytes.inc({ direction: 'in' }, 0);
  bytes.inc({ direction: 'out' }, 0);
  const openDuration = new Histogram({
    name: `${prefix}open_duration_seconds`,
    help: 'Time from Open to OpenOk/OpenError.',
    labelNames: ['outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const rtt = new Histogram({
    name: `${prefix}heartbeat_rtt_seconds`,
    help: 'Round-trip time of tunnel pings.',
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const reaped = new Counter({ name: `${prefix}streams_reaped_total`, help: 'Streams dropped because the peer had forgotten them (SyncStreams).', registers: [registry] });
  return {
    register: (s) => sessions.add(s),
    unregister: (s) => {
      const c = s.takeByteCounts();
      bytesIn += c.in;
      bytesOut += c.out;
      sessions.delete(s);
    },
    observeOpen: (seconds, outcome) => openDuration.observe({ outcome }, seconds),
    observeRtt: (seconds) => rtt.observe(seconds),
    countReaped: (n) => reaped.inc(n),
  };
}
