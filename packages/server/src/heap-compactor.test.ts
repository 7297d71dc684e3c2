import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createHeapCompactor, type OldSpace } from './heap-compactor.ts';
import { registerHeapCompactionMetric } from './metrics.ts';

const MiB = 1024 * 1024;

function harness(opts: { minIntervalMs?: number } = {}) {
  const space: OldSpace = { committed: 0, used: 0 };
  const flags: boolean[] = [];
  const infos: { obj: Record<string, unknown>; msg: string }[] = [];
  let t = 0;
  const log = { info: (obj: Record<string, unknown>, msg: string) => infos.push({ obj, msg }) } as unknown as FastifyBaseLogger;
  const compactor = createHeapCompactor(log, {
    minWasteBytes: 64 * MiB,
    minWasteRatio: 0.25,
    minIntervalMs: opts.minIntervalMs ?? 600_000,
    readOldSpace: () => ({ ...space }),
    setCompaction: (on) => flags.push(on),
    now: () => t,
  });
  return {
    compactor,
    flags,
    infos,
    gc(committedMiB: number, usedMiB: number, durationMs?: number) {
      space.committed = committedMiB * MiB;
      space.used = usedMiB * MiB;
      compactor.afterMajorGc(durationMs);
    },
    advance: (ms: number) => void (t += ms),
  };
}

describe('heap compactor', () => {
  it('asks for compaction after a major GC that leaves the old generation fragmented, and stops after the next one', () => {
    const h = harness();
    h.gc(300, 240); // the first major GC only sets the baseline
    h.gc(387, 235); // 152 MiB (39 %) committed for nothing: the 19,500-agent storm's figure
    expect(h.flags).toEqual([true]);
    expect(h.compactor.compactions).toBe(0);
    h.gc(240, 235, 812.4); // the compacting GC
    expect(h.flags).toEqual([true, false]);
    expect(h.compactor.compactions).toBe(1);
    expect(h.infos).toEqual([{ obj: { committedMiB: [387, 240], usedMiB: [235, 235], pauseMs: 812 }, msg: 'compacted the old generation' }]);
  });

  it('waits while the live heap grows (a storm) and for a first major GC to compare with', () => {
    const h = harness();
    h.gc(108, 42); // a fragmented heap, but nothing to compare with yet
    h.gc(200, 60); // grew by more than a tenth
    h.gc(300, 120);
    expect(h.flags).toEqual([]);
    h.gc(300, 125); // grew by less than a tenth: the storm is over
    expect(h.flags).toEqual([true]);
  });

  it('leaves V8 alone while the waste is under either threshold', () => {
    const h = harness();
    h.gc(100, 40);
    h.gc(100, 40); // 60 MiB: under 64 MiB though 60 %
    h.gc(1000, 800); // 200 MiB but 20 %
    h.gc(300, 300);
    expect(h.flags).toEqual([]);
  });

  it('compacts at most once per interval', () => {
    const h = harness({ minIntervalMs: 600_000 });
    h.gc(300, 200);
    h.gc(400, 200);
    h.gc(210, 200);
    expect(h.compactor.compactions).toBe(1);
    h.advance(599_999);
    h.gc(400, 200);
    expect(h.flags).toEqual([true, false]);
    h.advance(1);
    h.gc(400, 200);
    expect(h.flags).toEqual([true, false, true]);
  });

  it('counts compactions in drover_server_heap_compactions when scraped', async () => {
    const h = harness({ minIntervalMs: 0 });
    const registry = new Registry();
    registerHeapCompactionMetric(registry, h.compactor);
    const value = async () => (await registry.getSingleMetric('drover_server_heap_compactions')!.get()).values[0]?.value;
    expect(await value()).toBe(0);
    h.gc(300, 200);
    h.gc(400, 200);
    h.gc(210, 200);
    h.gc(400, 200);
    h.gc(210, 200);
    expect(await value()).toBe(2);
  });

  it('turns compaction off when stopped while it was asked for', () => {
    const h = harness();
    h.gc(400, 100);
    h.gc(400, 100);
    h.compactor.stop();
    h.compactor.stop();
    expect(h.flags).toEqual([true, false]);
  });
});

// The real thing: V8's flag and perf_hooks' GC entries in a process of its own (the flag is
// process-wide), with a heap fragmented on purpose: objects promoted to the old generation,
// then seven in eight of them dropped.
const CHILD = `
const { heapCompactorRunnable, readOldSpace } = await import(process.argv[1]);
const infos = [];
const log = { info: (obj, msg) => infos.push({ ...obj, msg }) };
const runnable = heapCompactorRunnable(log, { minWasteBytes: Number(process.argv[2]), minWasteRatio: 0.25, minIntervalMs: 0 });
await runnable.start(new AbortController().signal);
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
let keep = [];
for (let i = 0; i < 600000; i++) keep.push({ i, s: 'value ' + i });
gc(); gc();
await settle(); // the compactor's baseline: a major GC with everything live
keep = keep.filter((_, i) => i % 8 === 0);
gc();
await settle();
const fragmented = readOldSpace();
const armedInfos = infos.length;
gc();
await settle();
const compacted = readOldSpace();
await runnable.close();
process.stdout.write(JSON.stringify({ fragmented, compacted, armedInfos, infos, compactions: runnable.compactions, kept: keep.length }));
`;

describe('heap compactor on V8', () => {
  const run = async (minWasteBytes: number) => {
    const module = new URL('./heap-compactor.ts', import.meta.url).href;
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, module, String(minWasteBytes)], { timeout: 60_000 });
    return JSON.parse(stdout) as { fragmented: OldSpace; compacted: OldSpace; armedInfos: number; infos: { msg: string }[]; compactions: number; kept: number };
  };

  it('compacts the next full GC after a fragmenting one, and holds less memory than V8 alone', async () => {
    const on = await run(8 * MiB);
    expect(on.kept).toBe(75_000);
    expect(on.fragmented.committed - on.fragmented.used).toBeGreaterThan(8 * MiB);
    expect(on.armedInfos).toBe(0);
    expect(on.infos.map((i) => i.msg)).toEqual(['compacted the old generation']);
    expect(on.compactions).toBe(1);
    // The same heap with the compactor's threshold out of reach: V8 frees the empty pages, not the sparse ones.
    const off = await run(2 ** 40);
    expect(off.infos).toEqual([]);
    expect(off.compactions).toBe(0);
    expect(on.compacted.used).toBeGreaterThan(0.9 * off.compacted.used);
    expect(on.compacted.committed).toBeLessThan(0.85 * off.compacted.committed);
  });
});
