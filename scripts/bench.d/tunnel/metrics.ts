/**
 * The one table of the benchmark's figures: each metric's JSON key, how it is
 * computed from the measurements, its rounding, and its goal if it has one.
 * The JSON object, the goals table and `goals_missed` all come from METRICS,
 * so a goal cannot name a figure that is not reported (docs/bench-tunnel.md
 * lists the same goals for readers).
 */
import type { Dir, Key, Measurements, Path } from './measure.ts';
import { median, quantile } from './stats.ts';

/** What a metric is computed from: accessors over one run's measurements. */
export interface Figures {
  /** Median over rounds of the per-round Gbit/s. */
  abs(k: Key, p: Path): number;
  /** Median over rounds of the per-round path ÷ direct throughput. */
  ratio(k: Key, p: Path): number;
  /** RTT quantile of the pooled samples, µs. */
  rtt(p: Path, which: 'p50' | 'p99'): number;
  /** RTT quantile, path − direct, µs. */
  rttAdded(p: Path, which: 'p50' | 'p99'): number;
  /** HTTP GET p50 on an open (keep-alive) or a new connection, µs. */
  http(kind: 'open' | 'new', p: Path): number;
  /** HTTP GET p50, path − direct, µs. */
  httpAdded(kind: 'open' | 'new', p: Path): number;
  /** CPU seconds per GB moved over the bulk phases of the `${path}:${dir}` buckets. */
  cpuPerGb(...buckets: `${Path}:${Dir}`[]): number;
  readonly m: Measurements;
  /** Wall time of the run so far, s. */
  readonly elapsedS: number;
}

export type Figure = number | null;

interface Goal {
  label: string;
  op: '>=' | '<=';
  /** A number, or one computed from the other (rounded) figures. */
  limit: number | ((r: Readonly<Record<string, Figure | undefined>>) => number);
}

interface Metric {
  key: string;
  /** Decimal places kept in the JSON. */
  digits: number;
  value(f: Figures): number | undefined;
  goal?: Goal;
  /** Reported only with --relay. */
  relay?: true;
}

export const METRICS = [
  // The goals (plain ws; "up" = client → server's listener → agent → target sink).
  { key: 'ratio_1', digits: 3, value: (f) => f.ratio('up1', 'ws'), goal: { label: 'throughput ratio, 1 stream', op: '>=', limit: 0.3 } },
  { key: 'ratio_8', digits: 3, value: (f) => f.ratio('up8', 'ws'), goal: { label: 'throughput ratio, 8 streams', op: '>=', limit: 0.3 } },
  { key: 'cpu_s_per_gb', digits: 2, value: (f) => f.cpuPerGb('ws:up', 'ws:down'), goal: { label: 'CPU s/GB (server + agent)', op: '<=', limit: 3.0 } },
  { key: 'rtt_added_p50_us', digits: 0, value: (f) => f.rttAdded('ws', 'p50'), goal: { label: 'added RTT p50 (µs)', op: '<=', limit: 150 } },
  { key: 'rtt_added_p99_us', digits: 0, value: (f) => f.rttAdded('ws', 'p99'), goal: { label: 'added RTT p99 (µs), ≤ 3 × added p50', op: '<=', limit: (r) => 3 * (r.rtt_added_p50_us ?? 0) } },
  { key: 'http_open_added_p50_us', digits: 0, value: (f) => f.httpAdded('open', 'ws'), goal: { label: 'HTTP GET, open stream, added p50 (µs)', op: '<=', limit: 250 } },
  { key: 'http_new_added_p50_us', digits: 0, value: (f) => f.httpAdded('new', 'ws'), goal: { label: 'HTTP GET, new stream, added p50 (µs)', op: '<=', limit: 450 } },
  { key: 'agent_rss_idle_mb', digits: 1, value: (f) => f.m.memory.agentRssIdle, goal: { label: 'agent RSS idle (MiB)', op: '<=', limit: 55 } },
  { key: 'agent_rss_load_mb', digits: 1, value: (f) => f.m.memory.agentRssLoad, goal: { label: 'agent RSS peak after load (MiB)', op: '<=', limit: 90 } },
  // Absolute figures: throughput medians over rounds, latency quantiles of the pooled samples.
  { key: 'direct_gbps_1', digits: 2, value: (f) => f.abs('up1', 'direct') },
  { key: 'tunnel_gbps_1', digits: 2, value: (f) => f.abs('up1', 'ws') },
  { key: 'direct_gbps_8', digits: 2, value: (f) => f.abs('up8', 'direct') },
  { key: 'tunnel_gbps_8', digits: 2, value: (f) => f.abs('up8', 'ws') },
  { key: 'rtt_direct_p50_us', digits: 0, value: (f) => f.rtt('direct', 'p50') },
  { key: 'rtt_tunnel_p50_us', digits: 0, value: (f) => f.rtt('ws', 'p50') },
  { key: 'rtt_direct_p99_us', digits: 0, value: (f) => f.rtt('direct', 'p99') },
  { key: 'rtt_tunnel_p99_us', digits: 0, value: (f) => f.rtt('ws', 'p99') },
  { key: 'rtt_samples', digits: 0, value: (f) => f.m.latency.get('rtt:ws')?.length ?? 0 },
  { key: 'http_open_direct_p50_us', digits: 0, value: (f) => f.http('open', 'direct') },
  { key: 'http_open_tunnel_p50_us', digits: 0, value: (f) => f.http('open', 'ws') },
  { key: 'http_new_direct_p50_us', digits: 0, value: (f) => f.http('new', 'direct') },
  { key: 'http_new_tunnel_p50_us', digits: 0, value: (f) => f.http('new', 'ws') },
  { key: 'cpu_s_per_gb_up', digits: 2, value: (f) => f.cpuPerGb('ws:up') },
  { key: 'cpu_s_per_gb_down', digits: 2, value: (f) => f.cpuPerGb('ws:down') },
  { key: 'direct_endpoints_cpu_s_per_gb', digits: 2, value: (f) => f.cpuPerGb('direct:up', 'direct:down') },
  { key: 'agent_rss_idle_ts_mb', digits: 1, value: (f) => f.m.memory.agentRssIdleTs },
  { key: 'agent_rss_idle_anon_mb', digits: 1, value: (f) => f.m.memory.agentRssIdleAnon },
  // The other direction: the target sends (agent → server), as API responses and logs do.
  { key: 'down_direct_gbps_1', digits: 2, value: (f) => f.abs('down1', 'direct') },
  { key: 'down_tunnel_gbps_1', digits: 2, value: (f) => f.abs('down1', 'ws') },
  { key: 'down_direct_gbps_8', digits: 2, value: (f) => f.abs('down8', 'direct') },
  { key: 'down_tunnel_gbps_8', digits: 2, value: (f) => f.abs('down8', 'ws') },
  { key: 'down_ratio_1', digits: 3, value: (f) => f.ratio('down1', 'ws') },
  { key: 'down_ratio_8', digits: 3, value: (f) => f.ratio('down8', 'ws') },
  // Same, with the agent's ws client option generateMask: (m) => m.fill(0) (not adopted; for the lead).
  { key: 'masked_down_gbps_1', digits: 2, value: (f) => f.abs('down1', 'wszm') },
  { key: 'masked_down_gbps_8', digits: 2, value: (f) => f.abs('down8', 'wszm') },
  { key: 'masked_down_ratio_1', digits: 3, value: (f) => f.ratio('down1', 'wszm') },
  { key: 'masked_down_ratio_8', digits: 3, value: (f) => f.ratio('down8', 'wszm') },
  { key: 'masked_cpu_s_per_gb_down', digits: 2, value: (f) => f.cpuPerGb('wszm:down') },
  // wss:// (TLS on node:https), same tests.
  { key: 'wss_ratio_1', digits: 3, value: (f) => f.ratio('up1', 'wss') },
  { key: 'wss_ratio_8', digits: 3, value: (f) => f.ratio('up8', 'wss') },
  { key: 'wss_gbps_1', digits: 2, value: (f) => f.abs('up1', 'wss') },
  { key: 'wss_gbps_8', digits: 2, value: (f) => f.abs('up8', 'wss') },
  { key: 'wss_rtt_added_p50_us', digits: 0, value: (f) => f.rttAdded('wss', 'p50') },
  { key: 'wss_rtt_added_p99_us', digits: 0, value: (f) => f.rttAdded('wss', 'p99') },
  { key: 'wss_cpu_s_per_gb', digits: 2, value: (f) => f.cpuPerGb('wss:up') },
  { key: 'wss_agent_rss_load_mb', digits: 1, value: (f) => f.m.memory.wssAgentHwm },
  // Floor (--relay): two plain TCP relay processes in the tunnel's place.
  { key: 'relay_ratio_1', digits: 3, relay: true, value: (f) => f.ratio('up1', 'relay') },
  { key: 'relay_ratio_8', digits: 3, relay: true, value: (f) => f.ratio('up8', 'relay') },
  { key: 'relay_down_ratio_1', digits: 3, relay: true, value: (f) => f.ratio('down1', 'relay') },
  { key: 'relay_down_ratio_8', digits: 3, relay: true, value: (f) => f.ratio('down8', 'relay') },
  { key: 'relay_cpu_s_per_gb', digits: 2, relay: true, value: (f) => f.cpuPerGb('relay:up', 'relay:down') },
  { key: 'relay_rtt_added_p50_us', digits: 0, relay: true, value: (f) => f.rttAdded('relay', 'p50') },
  { key: 'relay_rtt_added_p99_us', digits: 0, relay: true, value: (f) => f.rttAdded('relay', 'p99') },
  { key: 'relay_http_open_added_p50_us', digits: 0, relay: true, value: (f) => f.httpAdded('open', 'relay') },
  { key: 'relay_http_new_added_p50_us', digits: 0, relay: true, value: (f) => f.httpAdded('new', 'relay') },
  // Hygiene: streams still open on the ws pair after all tests (should be 0) and failed opens.
  { key: 'streams_left_open', digits: 0, value: (f) => f.m.hygiene.leaked },
  { key: 'open_failures', digits: 0, value: (f) => f.m.hygiene.openFailures },
  { key: 'elapsed_s', digits: 1, value: (f) => f.elapsedS },
] as const satisfies readonly Metric[];

export type MetricKey = (typeof METRICS)[number]['key'];
/** The figures of one run by key; relay metrics are absent without --relay. */
export type Results = Partial<Record<MetricKey, Figure>>;

/** Rounds to `digits` places; null for a figure that could not be computed (no samples). */
export const round = (n: number | undefined, digits = 2): Figure => (n !== undefined && Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

export function figures(m: Measurements, elapsedS: number): Figures {
  const series = (k: Key, p: Path) => m.gbps.get(`${k}:${p}`) ?? [];
  const lat = (test: string, p: Path, q: number) => quantile(m.latency.get(`${test}:${p}`) ?? [], q);
  const f: Figures = {
    m,
    elapsedS,
    abs: (k, p) => median(series(k, p)),
    ratio: (k, p) => median(series(k, p).map((v, i) => v / series(k, 'direct')[i]!)),
    rtt: (p, which) => lat('rtt', p, which === 'p50' ? 0.5 : 0.99),
    rttAdded: (p, which) => f.rtt(p, which) - f.rtt('direct', which),
    http: (kind, p) => lat(`http-${kind}`, p, 0.5),
    httpAdded: (kind, p) => f.http(kind, p) - f.http(kind, 'direct'),
    cpuPerGb: (...buckets) => {
      let s = 0;
      let bytes = 0;
      for (const b of buckets) {
        s += m.cpu.get(b)?.s ?? 0;
        bytes += m.cpu.get(b)?.bytes ?? 0;
      }
      return s / (bytes / 1e9);
    },
  };
  return f;
}

/** Every metric of the run, in table order (the JSON's key order). */
export function evaluate(f: Figures, relay: boolean): Results {
  const r: Results = {};
  for (const metric of METRICS as readonly Metric[]) {
    if (metric.relay && !relay) continue;
    r[metric.key as MetricKey] = round(metric.value(f), metric.digits);
  }
  return r;
}

export interface GoalRow {
  key: MetricKey;
  label: string;
  value: Figure;
  /** e.g. ">= 0.3" */
  target: string;
  ok: boolean;
}

/** One row per metric with a goal; a figure that could not be computed misses its goal. */
export function judge(r: Results): GoalRow[] {
  const rows: GoalRow[] = [];
  for (const metric of METRICS as readonly Metric[]) {
    if (!metric.goal) continue;
    const { label, op, limit: l } = metric.goal;
    const key = metric.key as MetricKey;
    const value = r[key] ?? null;
    const limit = typeof l === 'number' ? l : l(r);
    const ok = value !== null && (op === '>=' ? value >= limit : value <= limit);
    rows.push({ key, label, value, target: `${op} ${round(limit)}`, ok });
  }
  return rows;
}
