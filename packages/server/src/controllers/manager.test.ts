import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createManager } from './manager.ts';
import type { Runnable } from './manager.ts';

const logger = pino({ level: 'silent' });

/** A part that records its lifecycle in `log`; `hangClose` makes close() wait for destroy(). */
function part(name: string, log: string[], o: { failStart?: boolean; hangClose?: boolean } = {}): Runnable {
  let release: (() => void) | undefined;
  return {
    start() {
      log.push(`start ${name}`);
      return o.failStart === true ? Promise.reject(new Error(`${name} cannot start`)) : Promise.resolve();
    },
    close() {
      log.push(`close ${name}`);
      return o.hangClose === true ? new Promise<void>((r) => (release = r)) : Promise.resolve();
    },
    destroy(err) {
      log.push(`destroy ${name}: ${err?.message ?? ''}`);
      release?.();
    },
  };
}

describe('manager', () => {
  it('starts parts in order and closes them in reverse, once', async () => {
    const log: string[] = [];
    const m = createManager({ name: 'm', logger, gracefulShutdownMs: 1000 });
    for (const n of ['store', 'controllers', 'http']) m.add(n, part(n, log));
    await m.start(new AbortController().signal);
    expect(() => m.add('late', part('late', log))).toThrow(/after start/);
    await Promise.all([m.close(), m.close()]);
    expect(log).toEqual(['start store', 'start controllers', 'start http', 'close http', 'close controllers', 'close store']);
  });

  it('closes what started, in reverse, when a part fails to start', async () => {
    const log: string[] = [];
    const m = createManager({ name: 'm', logger, gracefulShutdownMs: 1000 });
    m.add('a', part('a', log));
    m.add('b', part('b', log, { failStart: true }));
    m.add('c', part('c', log));
    await expect(m.start(new AbortController().signal)).rejects.toThrow(/starting b failed: b cannot start/);
    expect(log).toEqual(['start a', 'start b', 'close b', 'close a']);
    await m.close();
    expect(log).toHaveLength(4);
  });

  it('destroys a part that does not close within the grace period, and destroys the rest', async () => {
    const log: string[] = [];
    const m = createManager({ name: 'm', logger, gracefulShutdownMs: 100 });
    m.add('store', part('store', log));
    m.add('stuck', part('stuck', log, { hangClose: true }));
    m.add('http', part('http', log));
    await m.start(new AbortController().signal);
    const t0 = Date.now();
    await m.close();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(log.slice(3)).toEqual(['close http', 'close stuck', 'destroy stuck: m: shutdown grace period (100 ms) over', 'destroy store: m: shutdown grace period (100 ms) over']);
  });

  it('close() during start lets the part starting finish, starts no more, and closes what started', async () => {
    const log: string[] = [];
    let release!: () => void;
    const m = createManager({ name: 'm', logger, gracefulShutdownMs: 1000 });
    m.add('a', part('a', log));
    m.add('slow', { ...part('slow', log), start: () => new Promise<void>((r) => (release = r)) });
    m.add('c', part('c', log));
    const starting = m.start(new AbortController().signal);
    await new Promise((r) => setTimeout(r, 5));
    const closing = m.close();
    release();
    await starting;
    await closing;
    expect(log).toEqual(['start a', 'close slow', 'close a']);
  });

  it('destroy() aborts the start signal and destroys every started part', async () => {
    const log: string[] = [];
    let seen: AbortSignal | undefined;
    const m = createManager({ name: 'm', logger, gracefulShutdownMs: 1000 });
    m.add('a', part('a', log));
    m.add('waits', {
      ...part('waits', log),
      start: (signal) => {
        seen = signal;
        return new Promise<void>((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    const starting = m.start(new AbortController().signal);
    await new Promise((r) => setTimeout(r, 5));
    await m.destroy(new Error('now'));
    expect(seen?.aborted).toBe(true);
    await expect(starting).rejects.toThrow(/starting waits failed/);
    expect(log.filter((l) => l.startsWith('destroy'))).toEqual(['destroy waits: now', 'destroy a: now']);
  });
});
