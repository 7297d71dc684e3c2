import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '@drover/tunnel';
import { createRttProber } from './rtt-prober.ts';

/** A stand-in session that counts its pings. */
function session(state = 'open'): Session & { pings: number } {
  const s = { state, pings: 0, ping: () => void s.pings++ };
  return s as unknown as Session & { pings: number };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('rtt prober', () => {
  it('is calm while its ticks keep time, and not after a late one or while one is overdue', () => {
    let clock = 0;
    const prober = createRttProber({ now: () => clock, tickMs: 500, calmForMs: 1000 });
    const tick = (lateMs = 0): void => {
      clock += 500 + lateMs;
      vi.advanceTimersByTime(500);
    };
    tick();
    tick();
    expect(prober.calm()).toBe(true);
    tick(200); // the loop ran 200 ms behind
    expect(prober.calm()).toBe(false);
    tick();
    expect(prober.calm()).toBe(false); // a tick came late less than calmForMs ago
    tick();
    expect(prober.calm()).toBe(true);
    clock += 700; // no tick yet: the loop is busy now
    expect(prober.calm()).toBe(false);
    prober.close();
  });

  it('pings the sessions that asked on its next calm tick, at most perTick a tick, open ones only', () => {
    let clock = 0;
    const prober = createRttProber({ now: () => clock, tickMs: 500, calmForMs: 1000, perTick: 2 });
    const tick = (lateMs = 0): void => {
      clock += 500 + lateMs;
      vi.advanceTimersByTime(500);
    };
    tick();
    const sessions = [session(), session(), session(), session('closed')];
    for (const s of sessions) prober.request(s);
    prober.request(sessions[0]!); // asked twice, pinged once
    expect(prober.queued).toBe(4);
    tick(300); // busy: nobody is pinged
    expect(sessions.map((s) => s.pings)).toEqual([0, 0, 0, 0]);
    tick();
    tick();
    expect(sessions.map((s) => s.pings)).toEqual([1, 1, 0, 0]);
    tick();
    expect(sessions.map((s) => s.pings)).toEqual([1, 1, 1, 0]);
    expect(prober.queued).toBe(0);
    prober.request(sessions[0]!);
    prober.close();
    tick();
    expect(sessions[0]!.pings).toBe(1);
  });
});
