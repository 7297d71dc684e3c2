/**
 * The reporting half of `scripts/bench tunnel`: readable tables on stdout, then
 * the JSON object as the last line; the JSON plus per-round detail (and the
 * profile summaries with --profile) also goes to bench-results/tunnel-<stamp>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ROUNDS, type Measurements } from './measure.ts';
import { evaluate, figures, judge, type Figure, type MetricKey, type Results } from './metrics.ts';
import { topSelfTime } from './profile.ts';

export interface ReportOptions {
  seconds: number;
  relay: boolean;
  profile: boolean;
  agentMode: 'bundle' | 'ts';
  /** The agent processes' Node flags (by default the agent image's). */
  agentFlags: string[];
  /** The repository root: bench-results/ lives there, profile names are relative to it. */
  root: string;
  profileDir: string;
  /** Timestamp in the result file's name. */
  stamp: string;
  /** Wall time of the run, s. */
  elapsedS: number;
}

/** Prints the report and writes the result file. */
export function report(m: Measurements, o: ReportOptions): void {
  const r: Results = evaluate(figures(m, o.elapsedS), o.relay);
  const goals = judge(r);
  const missed = goals.filter((g) => !g.ok).map((g) => g.key);
  const head = {
    bench: 'tunnel',
    node: process.version,
    cpus: availableParallelism(),
    seconds: o.seconds,
    rounds: ROUNDS,
    bulk_phase_s: m.bulkMs.map((ms) => ms / 1000),
    agent: o.agentMode,
    agent_flags: o.agentFlags.join(' '),
  };

  const f = (v: Figure | undefined, d = 2) => (v === null || v === undefined ? '-' : v.toFixed(d));
  const lines: string[] = [];
  const table = (title: string, header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
    const fmt = (row: string[]) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
    lines.push('', title, fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  };
  const relayCols = (...keys: MetricKey[]) => (o.relay ? keys.map((k) => f(r[k], k.includes('_us') ? 0 : 2)) : []);
  const relayHead = (label: string) => (o.relay ? [label] : []);

  lines.push(`Drover tunnel benchmark — node ${head.node}, ${head.cpus} CPUs, ${ROUNDS} rounds, bulk phases ${head.bulk_phase_s.join('/')} s, agent ${o.agentMode}${o.agentFlags.length ? ` ${o.agentFlags.join(' ')}` : ''}, ${r.elapsed_s} s`);
  table('Throughput, Gbit/s (median of rounds) and tunnel ÷ direct (median of per-round ratios)', ['test', 'direct', 'ws', 'ratio', 'wss', 'ratio', 'ws masked', 'ratio', ...relayHead('relay ratio')], [
    ['up, 1 stream (to sink)', f(r.direct_gbps_1), f(r.tunnel_gbps_1), f(r.ratio_1), f(r.wss_gbps_1), f(r.wss_ratio_1), '', '', ...relayCols('relay_ratio_1')],
    ['up, 8 streams', f(r.direct_gbps_8), f(r.tunnel_gbps_8), f(r.ratio_8), f(r.wss_gbps_8), f(r.wss_ratio_8), '', '', ...relayCols('relay_ratio_8')],
    ['down, 1 stream (from source)', f(r.down_direct_gbps_1), f(r.down_tunnel_gbps_1), f(r.down_ratio_1), '', '', f(r.masked_down_gbps_1), f(r.masked_down_ratio_1), ...relayCols('relay_down_ratio_1')],
    ['down, 8 streams', f(r.down_direct_gbps_8), f(r.down_tunnel_gbps_8), f(r.down_ratio_8), '', '', f(r.masked_down_gbps_8), f(r.masked_down_ratio_8), ...relayCols('relay_down_ratio_8')],
  ]);
  table(`Latency, µs (quantiles of ${r.rtt_samples} pooled RTT samples per path; added = tunnel − direct)`, ['test', 'direct', 'ws', 'added', 'wss added', ...relayHead('relay added')], [
    ['RTT 64 B ping-pong p50', f(r.rtt_direct_p50_us, 0), f(r.rtt_tunnel_p50_us, 0), f(r.rtt_added_p50_us, 0), f(r.wss_rtt_added_p50_us, 0), ...relayCols('relay_rtt_added_p50_us')],
    ['RTT 64 B ping-pong p99', f(r.rtt_direct_p99_us, 0), f(r.rtt_tunnel_p99_us, 0), f(r.rtt_added_p99_us, 0), f(r.wss_rtt_added_p99_us, 0), ...relayCols('relay_rtt_added_p99_us')],
    ['HTTP GET keep-alive p50', f(r.http_open_direct_p50_us, 0), f(r.http_open_tunnel_p50_us, 0), f(r.http_open_added_p50_us, 0), '', ...relayCols('relay_http_open_added_p50_us')],
    ['HTTP GET new connection p50', f(r.http_new_direct_p50_us, 0), f(r.http_new_tunnel_p50_us, 0), f(r.http_new_added_p50_us, 0), '', ...relayCols('relay_http_new_added_p50_us')],
  ]);
  table('CPU seconds per GB moved (over the bulk phases) and agent memory', ['figure', 'value'], [
    ['ws: server + agent, up and down', f(r.cpu_s_per_gb)],
    ['ws: up / down', `${f(r.cpu_s_per_gb_up)} / ${f(r.cpu_s_per_gb_down)}`],
    ['ws with random masks: down', f(r.masked_cpu_s_per_gb_down)],
    ['wss: up', f(r.wss_cpu_s_per_gb)],
    ...(o.relay ? [['relay floor: both relays', f(r.relay_cpu_s_per_gb)]] : []),
    ['direct: load generator + target (for scale)', f(r.direct_endpoints_cpu_s_per_gb)],
    [`agent RSS idle / peak (MiB, ${o.agentMode})`, `${f(r.agent_rss_idle_mb, 1)} / ${f(r.agent_rss_load_mb, 1)}`],
    ['agent RssAnon idle (MiB; private, the rest is shared pages)', f(r.agent_rss_idle_anon_mb, 1)],
    ...(r.agent_rss_idle_ts_mb === null ? [] : [['agent RSS idle from .ts sources (MiB)', f(r.agent_rss_idle_ts_mb, 1)]]),
    ['wss agent RSS peak (MiB)', f(r.wss_agent_rss_load_mb, 1)],
    ['streams left open / failed opens', `${r.streams_left_open} / ${r.open_failures}`],
  ]);
  table('Goals (plain ws)', ['goal', 'value', 'target', ''], goals.map((g) => [g.label, String(g.value), g.target, g.ok ? 'ok' : 'MISS']));
  lines.push('', missed.length === 0 ? 'All goals met.' : `Missed: ${missed.join(', ')}`);

  let profiles: Record<string, unknown> | undefined;
  if (o.profile) {
    lines.push('', `CPU profiles of the ws server and agent during the measured ws phases (the profiler slows the ws figures above): ${o.profileDir}`);
    profiles = {};
    for (const [group, files] of [...m.profileFiles].sort((a, b) => a[0].localeCompare(b[0]))) {
      const s = topSelfTime(files, o.root, 15);
      profiles[group] = s;
      table(`${group}: top self time (${s.totalMs} ms on CPU over ${files.length} phases)`, ['function', 'ms', '%'], s.top.map((t) => [t.fn, String(t.ms), t.pct.toFixed(1)]));
    }
  }

  const json = { ...head, ...r, goals_missed: missed, ...(profiles ? { profiled: true, profile_dir: o.profileDir } : {}) };
  mkdirSync(join(o.root, 'bench-results'), { recursive: true });
  const out = join(o.root, 'bench-results', `tunnel-${o.stamp}.json`);
  const detail = {
    gbps: Object.fromEntries(m.gbps),
    latency_p50_us_by_round: Object.fromEntries([...m.latencyRoundP50].map(([k, v]) => [k, v.map((x) => Math.round(x))])),
    cpu: Object.fromEntries(m.cpu),
  };
  writeFileSync(out, JSON.stringify({ ...json, per_round: detail, ...(profiles ? { profiles } : {}) }, null, 2) + '\n');
  lines.push('', `Written to ${out}`);
  process.stdout.write(lines.join('\n') + '\n' + JSON.stringify(json) + '\n');
}
