/**
 * Batched credit returns (credit.ts, ADR 0023): WINDOW frames are fewer than the reads that
 * free credit, yet every consumed byte is granted back exactly, never more.
 */
import { describe, expect, it } from 'vitest';
import type { Duplex } from 'node:stream';
import { tcpTarget } from './dial.ts';
import { decodeFrame, FrameType } from './frame.ts';
import { Session } from './session.ts';
import { createMemoryTransportPair, type Transport } from './transport.ts';
import { capturingDialer } from './test-support/helpers.ts';
import { CreditLedger } from './credit.ts';
import type { TunnelStream } from './stream.ts';

/** The fields of a stream the ledger reads and writes. */
const fakeStream = (id: number) => ({ id, recvWindow: 0, ungranted: 0, unread: 0, remoteFin: false, destroyed: false }) as unknown as TunnelStream;

describe('CreditLedger batching', () => {
  it('returns credit at once after a quarter window, and batches a starved peer\'s small reads into one WINDOW per stream per job', async () => {
    const sent: [number, number][] = [];
    const window = 1000;
    const ledger = new CreditLedger(window, 1 << 20, { sendWindow: (s, n) => void sent.push([s.id, n]) });
    const a = fakeStream(1);
    const b = fakeStream(3);
    ledger.open(a);
    ledger.open(b);
    // The peer used all its credit on both streams.
    for (const s of [a, b]) s.recvWindow = 0;
    for (let i = 0; i < 10; i++) {
      ledger.consumed(a, 7);
      ledger.consumed(b, 11);
    }
    expect(sent).toEqual([]); // nothing yet: one WINDOW each at the end of the job
    await Promise.resolve();
    expect(sent).toEqual([[1, 70], [3, 110]]);
    expect([a.recvWindow, a.ungranted, b.recvWindow, b.ungranted]).toEqual([70, 0, 110, 0]);
    // With credit left, reads are held until a quarter window, then granted at once, exactly.
    sent.length = 0;
    ledger.consumed(a, 249);
    await Promise.resolve();
    expect(sent).toEqual([]);
    ledger.consumed(a, 1);
    expect(sent).toEqual([[1, 250]]);
    expect(a.recvWindow + a.ungranted).toBe(320);
  });
});

/** Sums WINDOW increments per stream as the transport sends them. */
function windowTap(t: Transport) {
  const granted = new Map<number, number>();
  let frames = 0;
  const send = t.send.bind(t);
  t.send = (frame, cb) => {
    const f = decodeFrame(frame, 1 << 24);
    if (f.type === FrameType.WINDOW) {
      frames++;
      granted.set(f.id, (granted.get(f.id) ?? 0) + f.increment);
    }
    send(frame, cb);
  };
  return { granted, frames: () => frames };
}

describe('batched WINDOW frames', () => {
  it('grant back exactly the consumed bytes, in fewer frames than the reads that consumed them', async () => {
    const window = 64 * 1024;
    // A readable high-water mark far below the window: credit is counted in many small reads.
    const limits = { initialWindowBytes: window, maxFrameBytes: 4096, streamWriteBufferBytes: 2048 };
    const pair = createMemoryTransportPair();
    const fars: Duplex[] = [];
    const client = new Session(pair.a, { role: 'client', limits, dialPolicy: () => true, dialer: capturingDialer((d) => fars.push(d)) }).start();
    const server = new Session(pair.b, { role: 'server', limits }).start();
    const tap = windowTap(pair.a); // the client receives DATA and returns credit
    await server.ready();
    const streams = await Promise.all([1, 2, 3].map((p) => server.openStream(tcpTarget('h', p))));
    const total = 1024 * 1024 + 123;
    let reads = 0;
    const done = fars.map(
      (far) =>
        new Promise<number>((resolve) => {
          let got = 0;
          // Many small reads per turn: each frees credit while the peer is out of it.
          far.on('readable', () => {
            let c: Buffer | null;
            while ((c = far.read(1000) as Buffer | null) !== null) {
              got += c.length;
              reads++;
            }
          });
          far.on('end', () => resolve(got));
        }),
    );
    for (const s of streams) s.end(Buffer.alloc(total, 7));
    expect(await Promise.all(done)).toEqual([total, total, total]);
    // Each stream: what the server may still send plus what it sent equals the window plus
    // every WINDOW increment; and the client holds back less than a quarter window ungranted.
    for (const s of streams) {
      const granted = tap.granted.get(s.id) ?? 0;
      expect(s.sendCredit + total).toBe(window + granted);
      expect(granted).toBeLessThanOrEqual(total);
      expect(total - granted).toBeLessThan(window / 4);
    }
    expect(tap.frames()).toBeLessThan(reads);
    // Tearing the sessions down aborts the streams still open (the dialled ends' write sides).
    for (const d of [...streams, ...fars]) d.on('error', () => undefined);
    client.destroy();
    server.destroy();
  });
});
