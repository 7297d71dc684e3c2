/** Frame boundaries of a WebSocket byte stream, fed in arbitrary splits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeFrame, FrameBoundaryTracker } from './ws-frames.ts';

function frame(payloadLength: number, masked: boolean): Buffer {
  const len7 = payloadLength < 126 ? payloadLength : payloadLength < 65536 ? 126 : 127;
  const ext = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  const head = Buffer.alloc(2 + ext + (masked ? 4 : 0));
  head[0] = 0x82;
  head[1] = len7 | (masked ? 0x80 : 0);
  if (len7 === 126) head.writeUInt16BE(payloadLength, 2);
  if (len7 === 127) head.writeBigUInt64BE(BigInt(payloadLength), 2);
  return Buffer.concat([head, Buffer.alloc(payloadLength, 7)]);
}

describe('FrameBoundaryTracker', () => {
  it('is at a boundary exactly after whole frames, however the bytes are split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ len: fc.oneof(fc.integer({ min: 0, max: 125 }), fc.integer({ min: 126, max: 70_000 })), masked: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }),
        (frames, cuts) => {
          const bufs = frames.map((f) => frame(f.len, f.masked));
          const ends = new Set<number>();
          let at = 0;
          for (const b of bufs) ends.add((at += b.length));
          const all = Buffer.concat(bufs);
          const t = new FrameBoundaryTracker();
          let pos = 0;
          let i = 0;
          while (pos < all.length) {
            const n = Math.min(cuts[i++ % cuts.length]!, all.length - pos);
            t.push(all.subarray(pos, pos + n));
            pos += n;
            expect(t.atBoundary).toBe(ends.has(pos));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
  it('builds an unmasked Close frame with the code and reason', () => {
    const f = closeFrame(1011, 'apiserver connection failed: reset');
    expect(f[0]).toBe(0x88);
    expect(f[1]).toBe(f.length - 2);
    expect(f.readUInt16BE(2)).toBe(1011);
    expect(f.subarray(4).toString()).toBe('apiserver connection failed: reset');
    expect(closeFrame(1011, 'x'.repeat(500)).length).toBe(4 + 123);
  });
});
