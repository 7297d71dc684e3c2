import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { tcpTarget } from './dial.ts';
import { decodeFrame, FrameType } from './frame.ts';
import { EARLY_DATA_BYTES } from './handshake.ts';
import { Session } from './session.ts';
import { createMemoryTransportPair, type Transport } from './transport.ts';
import { capturingDialer } from './test-support/helpers.ts';

/** Wraps a transport's send to check credit: DATA on a stream never exceeds what the other side has granted so far. */
function creditAudit(sender: Transport, receiver: Transport) {
  const granted = new Map<number, number>();
  const sent = new Map<number, number>();
  const violations: string[] = [];
  const grant = (id: number, n: number) => granted.set(id, (granted.get(id) ?? 0) + n);
  const wrap = (t: Transport, onFrame: (buf: Buffer) => void) => {
    const orig = t.send.bind(t);
    t.send = (frame, cb) => {
      onFrame(frame);
      orig(frame, cb);
    };
  };
  wrap(receiver, (buf) => {
    const f = decodeFrame(buf, 1 << 24);
    if (f.type === FrameType.WINDOW) grant(f.id, f.increment);
    if (f.type === FrameType.CONTROL && f.control.openOk) grant(f.id, f.control.openOk.initialWindow ?? 0);
    if (f.type === FrameType.CONTROL && f.control.open) grant(f.id, f.control.open.initialWindow ?? 0);
  });
  wrap(sender, (buf) => {
    const f = decodeFrame(buf, 1 << 24);
    // Both sessions speak "early-data": an Open carries EARLY_DATA_BYTES of credit by protocol.
    if (f.type === FrameType.CONTROL && f.control.open) grant(f.id, EARLY_DATA_BYTES);
    if (f.type === FrameType.DATA) {
      const total = (sent.get(f.id) ?? 0) + f.payload.length;
      sent.set(f.id, total);
      if (total > (granted.get(f.id) ?? 0)) violations.push(`stream ${f.id}: sent ${total} > granted ${granted.get(f.id) ?? 0}`);
    }
  });
  return { violations, sent };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('multiplexer under random interleavings', () => {
  it('delivers every stream complete and in order, within credit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            chunks: fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 6 }),
            readDelayMs: fc.integer({ min: 0, max: 3 }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.integer({ min: 1024, max: 96 * 1024 }),
        fc.integer({ min: 1024, max: 64 * 1024 }),
        async (streams, window, maxFrame) => {
          const pair = createMemoryTransportPair();
          const audit = creditAudit(pair.b, pair.a); // server (b) sends DATA to the client (a)
          const fars = new Map<number, Duplex>();
          const limits = { initialWindowBytes: window, maxFrameBytes: maxFrame };
          const client = new Session(pair.a, { role: 'client', limits, dialPolicy: () => true, dialer: capturingDialer((d, t) => fars.set(t.kind === 'tcp' ? t.port : 0, d)) }).start();
          const server = new Session(pair.b, { role: 'server', limits }).start();
          await server.ready();
          const results = await Promise.all(
            streams.map(async (spec, i) => {
              const stream = await server.openStream(tcpTarget('h', i + 1));
              const far = fars.get(i + 1)!;
              stream.on('error', () => undefined);
              const data = Buffer.concat(spec.chunks.map((n, j) => Buffer.alloc(n, (i * 31 + j) & 0xff).fill(j & 0xff, 0, Math.min(n, 7))));
              const received = new Promise<Buffer>((resolve) => {
                const parts: Buffer[] = [];
                const pump = () => {
                  let c: Buffer | null;
                  while ((c = far.read() as Buffer | null) !== null) parts.push(c);
                };
                far.on('readable', () => (spec.readDelayMs ? setTimeout(pump, spec.readDelayMs) : pump()));
                far.on('end', () => resolve(Buffer.concat(parts)));
              });
              let off = 0;
              for (const n of spec.chunks) {
                if (!stream.write(data.subarray(off, off + n))) await new Promise((r) => stream.once('drain', r));
                off += n;
              }
              stream.end();
              return { expected: sha(data), got: sha(await received) };
            }),
          );
          for (const r of results) expect(r.got).toBe(r.expected);
          expect(audit.violations).toEqual([]);
          client.destroy();
          server.destroy();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('bounds the session\'s receive memory: a stream that is never read holds at most its window', async () => {
    const pair = createMemoryTransportPair();
    const fars: Duplex[] = [];
    const limits = { initialWindowBytes: 256 * 1024, maxSessionBufferedBytes: 1024 * 1024 };
    const client = new Session(pair.a, { role: 'client', limits, dialPolicy: () => true, dialer: capturingDialer((d) => fars.push(d)) }).start();
    const server = new Session(pair.b, { role: 'server', limits }).start();
    await server.ready();
    const streams = await Promise.all([1, 2, 3, 4, 5, 6].map((p) => server.openStream(tcpTarget('h', p))));
    for (const s of streams) s.on('error', () => undefined);
    // fars are the client's dialled sockets: write 1 MiB into each; nobody reads the server streams.
    for (const far of fars) far.write(Buffer.alloc(1024 * 1024, 1));
    await new Promise((r) => setTimeout(r, 100));
    expect(server.committedBytes).toBeLessThanOrEqual(limits.maxSessionBufferedBytes);
    expect(server.bufferedBytes).toBeLessThanOrEqual(limits.maxSessionBufferedBytes);
    for (const s of streams) expect(s.readableLength).toBeLessThanOrEqual(limits.initialWindowBytes);
    // Reading one stream frees room; the others stay bounded and data keeps flowing.
    const first = streams[0]!;
    let got = 0;
    first.on('data', (c: Buffer) => (got += c.length));
    await new Promise((r) => setTimeout(r, 200));
    expect(got).toBe(1024 * 1024);
    expect(server.committedBytes).toBeLessThanOrEqual(limits.maxSessionBufferedBytes);
    client.destroy();
    server.destroy();
  });
});
