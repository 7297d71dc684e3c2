import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { activeWheels, everyPeriod, stopPeriod } from './tick-wheel.ts';
import type { Periodic } from './tick-wheel.ts';

/** Registers `fn` every `period`; returns its stop. */
function every(period: number, fn: () => void): () => void {
  const item: Periodic = { onPeriod: fn };
  const slot = everyPeriod(period, item);
  return () => stopPeriod(period, item, slot);
}

describe('everyPeriod (one timer per period for every registration)', () => {
  it('runs each registration about once a period, at its own phase, until it is stopped', async () => {
    const period = 128;
    const runs = Array.from({ length: 20 }, () => [] as number[]);
    const t0 = performance.now();
    const stops = runs.map((times) => every(period, () => times.push(performance.now() - t0)));
    await sleep(period * 4 + 40);
    for (const stop of stops) stop();
    const counted = runs.map((t) => t.length);
    // 4 periods: 3 to 5 runs each whatever the phase and a late timer.
    for (const n of counted) expect(n).toBeGreaterThanOrEqual(3);
    for (const n of counted) expect(n).toBeLessThanOrEqual(5);
    // Successive runs of one registration are a period apart (the wheel's step is period / 64).
    for (const times of runs) for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThan(period * 0.75);
    // Not all in step: the first runs spread over the period.
    const firsts = runs.map((t) => t[0]!);
    expect(Math.max(...firsts) - Math.min(...firsts)).toBeGreaterThan(period / 8);
    const after = runs.map((t) => t.length);
    await sleep(period * 2);
    expect(runs.map((t) => t.length)).toEqual(after);
  });

  it('holds one timer per period, and none once every registration stopped', async () => {
    const before = activeWheels();
    const stops = Array.from({ length: 500 }, () => every(10_000, () => undefined));
    stops.push(every(20_000, () => undefined));
    expect(activeWheels() - before).toBe(2);
    for (const stop of stops) stop();
    stops[0]!(); // stopping twice is harmless
    expect(activeWheels()).toBe(before);
    // A later registration gets a running wheel again.
    let ran = 0;
    const stop = every(64, () => ran++);
    await sleep(200);
    stop();
    expect(ran).toBeGreaterThan(0);
  });
});
