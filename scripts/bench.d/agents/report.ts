/** The agents bench's table (scripts/bench.d/agents.ts); the JSON line follows it. */

export type Result = Record<string, number | string | boolean | null>;

/** The figures of every mode run, side by side, with the goals. */
export function printTable(r: Result, modes: { mode: 'plain' | 'tls'; agents: number }[], loadgens: number): void {
  const rows: [string, string, string?][] = [
    ['agents connected', 'agents_connected', '19,500 plain'],
    ['server RSS with all connected (MiB)', 'server_rss_mb'],
    ['server RSS per agent (bytes)', 'bytes_per_agent', '≤ 10,000 plain'],
    ['  the same after the idle window (bytes)', 'bytes_per_agent_after_idle'],
    ['  then after a forced full GC, as perf.md §1e (bytes)', 'bytes_per_agent_after_gc'],
    ['  JS heap used per agent after that GC (bytes)', 'heap_bytes_per_agent_after_gc'],
    ['idle heartbeat CPU (% of a core)', 'heartbeat_cpu_pct', '≤ 5'],
    ['  of which in the kernel', 'heartbeat_cpu_sys_pct'],
    ['Node writes/s idle', 'status_write_rate_idle'],
    ['connect storm from cold (s)', 'connect_storm_s'],
    ['reconnect storm: all back after kill (s)', 'reconnect_storm_s', '≤ 10 plain, ≤ 30 TLS (10k)'],
    ['  of which server restart until listening (s)', 'reconnect_server_listening_s'],
    ['reconnect storm peak CPU (% of a core)', 'reconnect_peak_cpu_pct'],
    ['Node writes/s during the storm', 'status_write_rate'],
    ['get nodes page during the storm p50 / p99 (ms)', 'get_nodes_p50_ms'],
    ['agents refused more than once', 'refused_more_than_once', '0'],
    ['Nodes Connected in the store at the end', 'nodes_connected_in_store'],
    ['server sessions / streams / pending opens at the end', 'server_sessions_end'],
    ['server timers / handles at the end', 'server_timers_end'],
  ];
  const sfxs = modes.map((m) => (m.mode === 'tls' ? '_tls' : ''));
  const show = (key: string, sfx: string): string => {
    if (key === 'get_nodes_p50_ms') return `${r[`get_nodes_p50_ms${sfx}`]} / ${r[`get_nodes_p99_ms${sfx}`]}`;
    if (key === 'server_sessions_end') return `${r[`server_sessions_end${sfx}`]} / ${r[`server_streams_end${sfx}`]} / ${r[`server_pending_opens_end${sfx}`]}`;
    if (key === 'server_timers_end') return `${r[`server_timers_end${sfx}`]} / ${r[`server_handles_end${sfx}`]}`;
    return String(r[`${key}${sfx}`]);
  };
  const out = [`Drover agents benchmark: ${modes.map((m) => `${m.agents} agents over ${m.mode === 'tls' ? 'TLS' : 'plain ws'}`).join(', ')}, ${loadgens} load generators, node ${process.version}`, ''];
  out.push(['figure'.padEnd(52), ...modes.map((m) => (m.mode === 'tls' ? 'TLS' : 'plain ws').padStart(19)), '  goal'].join(''));
  for (const [label, key, goal] of rows) out.push([label.padEnd(52), ...sfxs.map((s) => show(key, s).padStart(19)), goal === undefined ? '' : `  ${goal}`].join(''));
  process.stdout.write(`${out.join('\n')}\n\n`);
}
