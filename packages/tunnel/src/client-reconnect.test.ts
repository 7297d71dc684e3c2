import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from './backoff.ts';
import { TunnelClient } from './client.ts';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import type { Session } from './session.ts';
import { memorySessions } from './test-support/helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('Backoff (full jitter)', () => {
  it('draws each delay uniformly under min(cap, base * 2^n)', () => {
    const draws = [0.5, 0.999, 0, 0.25, 0.5, 0.5, 0.5, 0.5];
    let i = 0;
    const b = new Backoff({ baseMs: 100, capMs: 1000, random: () => draws[i++]! });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([50, 199, 0, 200, 500, 500]);
    b.reset();
    expect(b.next()).toBe(50);
    expect(b.atCap()).toBe(500);
  });

  it('draws under refusedCapMs after a connection refused outright, and under the full ceiling otherwise', () => {
    const b = new Backoff({ baseMs: 100, capMs: 30_000, refusedCapMs: 2000, random: () => 0.999 });
    for (let i = 0; i < 8; i++) b.next({ refused: true });
    expect(b.next({ refused: true })).toBe(1998); // min(100 * 2^8, 2000)
    expect(b.next()).toBe(29_970); // min(100 * 2^9, 30 s): a refusal by a live server backs off fully
    expect(new Backoff({ capMs: 1000 }).refusedCapMs).toBe(1000);
  });
});

describe('TunnelClient reconnection', () => {
  it('retries failed connects on the backoff schedule, then keeps the session', async () => {
    vi.useFakeTimers();
    const attempts: number[] = [];
    const start = Date.now();
    let fails = 4;
    const pairs: Session[] = [];
    const client = new TunnelClient({
      url: 'ws://unused',
      backoff: { baseMs: 100, capMs: 1000, random: () => 0.5 },
      connect: async () => {
        attempts.push(Date.now() - start);
        if (fails-- > 0) throw new TunnelError(TunnelErrorCodes.CONNECT_FAILED, 'refused');
        const { client: s, server } = await memorySessions();
        pairs.push(server);
        return s;
      },
    });
    const connected = new Promise<Session>((r) => client.on('session', r));
    client.start();
    await vi.advanceTimersByTimeAsync(2000);
    await connected;
    // Delays: 0.5 * 100, 0.5 * 200, 0.5 * 400, 0.5 * 800 → attempts at 0, 50, 150, 350, 750.
    expect(attempts).toEqual([0, 50, 150, 350, 750]);
    vi.useRealTimers();
    client.destroy();
    for (const s of pairs) s.destroy();
  });

  it('waits at the cap after the server refuses the credential (401/403)', async () => {
    vi.useFakeTimers();
    const delays: number[] = [];
    const client = new TunnelClient({
      url: 'ws://unused',
      backoff: { baseMs: 100, capMs: 10_000, random: () => 0.5 },
      connect: () => Promise.reject(new TunnelError(TunnelErrorCodes.CONNECT_FAILED, 'HTTP 401', { details: { status: 401 } })),
    });
    client.on('retry', ({ delayMs }) => delays.push(delayMs));
    client.start();
    await vi.advanceTimersByTimeAsync(12_000);
    expect(delays.slice(0, 2)).toEqual([5000, 5000]);
    client.destroy();
  });

  it('reconnects after a lost session and at once after GOAWAY', async () => {
    const servers: Session[] = [];
    const client = new TunnelClient({
      url: 'ws://unused',
      backoff: { baseMs: 20, capMs: 40, random: () => 0.5 },
      connect: async () => {
        const { client: s, server } = await memorySessions();
        servers.push(server);
        return s;
      },
    });
    const sessions: Session[] = [];
    const retries: number[] = [];
    client.on('session', (s) => sessions.push(s));
    client.on('retry', ({ delayMs }) => retries.push(delayMs));
    client.start();
    await vi.waitFor(() => expect(sessions).toHaveLength(1));
    servers[0]!.destroy(); // connection lost
    await vi.waitFor(() => expect(sessions).toHaveLength(2));
    expect(retries[0]).toBe(10);
    void servers[1]!.close({ graceMs: 1000 }); // GOAWAY
    await vi.waitFor(() => expect(sessions).toHaveLength(3));
    expect(retries[1]).toBe(0);
    expect(client.session).toBe(sessions[2]);
    await client.close();
    expect(sessions[2]!.state).toBe('closed');
    for (const s of servers) s.destroy();
  });
});
