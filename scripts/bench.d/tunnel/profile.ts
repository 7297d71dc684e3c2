/** Summarizes V8 .cpuprofile files (from node --cpu-prof) by self time per function. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  fn: string;
  ms: number;
  /** Share of the non-idle samples. */
  pct: number;
}

function label(frame: ProfileNode['callFrame'], root: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  let where = frame.url.replace(/^file:\/\//, '');
  if (where.startsWith('/')) where = relative(root, where);
  where = where.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
  return `${name} ${where}:${frame.lineNumber + 1}`;
}

/** Top `limit` functions by self time, summed over `files`; idle time and the profiler are left out of the total. */
export function topSelfTime(files: readonly string[], root: string, limit = 15): { totalMs: number; top: SelfTime[] } {
  const self = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, ProfileNode>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]!);
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      // Leave out idle time and the profiler's own work (node:inspector's post runs Profiler.stop).
      if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.url === 'node:inspector') continue;
      // A native function without a name (an addon's export, e.g. bufferutil's mask) is named by its caller.
      const caller = parent.get(node.id);
      const key = !node.callFrame.url && !node.callFrame.functionName && caller
        ? `(native) called by ${label(caller.callFrame, root)}`
        : label(node.callFrame, root);
      self.set(key, (self.get(key) ?? 0) + dt);
      total += dt;
    }
  }
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fn, ms]) => ({ fn, ms: Math.round(ms), pct: Math.round((1000 * ms) / total) / 10 }));
  return { totalMs: Math.round(total), top };
}
