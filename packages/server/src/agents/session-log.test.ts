import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { SessionLog } from './session-log.ts';

/** A pino logger at `level` whose lines land in `lines`. */
function capture(level: string): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const dest = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const l of chunk.toString().split('\n')) if (l !== '') lines.push(JSON.parse(l) as Record<string, unknown>);
      cb();
    },
  });
  return { log: pino({ level }, dest), lines };
}

describe('SessionLog', () => {
  it("writes with the session's cluster and node, at each level, with or without an object", () => {
    const { log, lines } = capture('debug');
    const s = new SessionLog(log, 'prod', 'node-1');
    s.debug({ a: 1 }, 'd');
    s.info('just a message');
    s.warn({ code: 'X' }, 'w');
    s.error({ err: 'boom' }, 'e');
    expect(lines.map((l) => [l.level, l.msg, l.cluster, l.node])).toEqual([
      [20, 'd', 'prod', 'node-1'],
      [30, 'just a message', 'prod', 'node-1'],
      [40, 'w', 'prod', 'node-1'],
      [50, 'e', 'prod', 'node-1'],
    ]);
    expect(lines[0]).toMatchObject({ a: 1 });
    expect(lines[2]).toMatchObject({ code: 'X' });
  });

  it('makes no child logger, and writes nothing below the level', () => {
    const { log, lines } = capture('warn');
    const child = vi.spyOn(log, 'child');
    const s = new SessionLog(log, 'prod', 'node-1');
    s.debug({}, 'connect detail');
    s.info({}, 'agent connected');
    expect(lines).toEqual([]);
    s.warn({ err: 'x' }, 'first');
    s.warn({}, 'second');
    expect(child).not.toHaveBeenCalled();
    expect(lines.map((l) => [l.msg, l.cluster, l.node])).toEqual([
      ['first', 'prod', 'node-1'],
      ['second', 'prod', 'node-1'],
    ]);
  });

  it('writes nothing under a silent parent', () => {
    const { log, lines } = capture('silent');
    const s = new SessionLog(log, 'prod', 'node-1');
    s.error({}, 'e');
    expect(lines).toEqual([]);
  });
});
