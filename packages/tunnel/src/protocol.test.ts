import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tcpTarget } from './dial.ts';
import { CloseCodes, TunnelErrorCodes } from './errors.ts';
import { decodeFrame, encodeControl, encodeData, encodeWindow, FrameType, type Frame } from './frame.ts';
import { Session } from './session.ts';
import { createMemoryTransportPair } from './transport.ts';
import { Code, rawPeer } from './test-support/raw-peer.ts';

const MAX = 64 * 1024;

/** A started session on side a and a raw peer on side b that has said Hello. */
async function sessionWithRawPeer(options: ConstructorParameters<typeof Session>[1] = { role: 'server' }) {
  const pair = createMemoryTransportPair();
  const session = new Session(pair.a, options).start();
  const peer = rawPeer(pair.b);
  peer.hello();
  await session.ready();
  return { session, peer };
}

describe('frame codec', () => {
  it('round-trips every frame kind', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0xffffffff }), fc.uint8Array({ minLength: 1, maxLength: 2048 }), fc.integer({ min: 1, max: 0x7fffffff }), (id, payload, inc) => {
        const d = decodeFrame(encodeData(id, payload), MAX);
        expect(d).toMatchObject({ type: FrameType.DATA, id });
        expect(Buffer.from((d as Extract<Frame, { type: 0 }>).payload).equals(Buffer.from(payload))).toBe(true);
        expect(decodeFrame(encodeWindow(id, inc), MAX)).toEqual({ type: FrameType.WINDOW, id, increment: inc });
        const c = decodeFrame(encodeControl(id, { reset: { code: Code.CODE_IO, message: 'x' } }), MAX);
        expect(c.type === FrameType.CONTROL && c.control.reset?.code).toBe(Code.CODE_IO);
      }),
    );
  });

  it('rejects random bytes only with a specific TunnelError code, never anything else', () => {
    const allowed = new Set<string>([TunnelErrorCodes.FRAME_TRUNCATED, TunnelErrorCodes.FRAME_UNKNOWN_TYPE, TunnelErrorCodes.FRAME_TOO_LARGE, TunnelErrorCodes.FRAME_MALFORMED]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          decodeFrame(Buffer.from(bytes), 64);
        } catch (err) {
          expect(allowed.has((err as { code: string }).code)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('classifies truncated, oversized and unknown frames', () => {
    expect(() => decodeFrame(Buffer.from([0, 0, 0]), MAX)).toThrow(expect.objectContaining({ code: TunnelErrorCodes.FRAME_TRUNCATED }));
    expect(() => decodeFrame(encodeData(1, Buffer.alloc(MAX + 1)), MAX)).toThrow(expect.objectContaining({ code: TunnelErrorCodes.FRAME_TOO_LARGE }));
    expect(() => decodeFrame(Buffer.from([9, 0, 0, 0, 1, 1]), MAX)).toThrow(expect.objectContaining({ code: TunnelErrorCodes.FRAME_UNKNOWN_TYPE }));
    expect(() => decodeFrame(Buffer.from([FrameType.WINDOW, 0, 0, 0, 1, 0, 0]), MAX)).toThrow(expect.objectContaining({ code: TunnelErrorCodes.FRAME_TRUNCATED }));
    expect(() => decodeFrame(Buffer.from([FrameType.CONTROL, 0, 0, 0, 0, 0xff, 0xff]), MAX)).toThrow(expect.objectContaining({ code: TunnelErrorCodes.FRAME_MALFORMED }));
    expect(() => decodeFrame(encodeControl(0, {}), MAX)).toThrow(expect.objectContaining({ code: TunnelErrorCodes.FRAME_MALFORMED }));
  });
});

describe('a session fed bad frames', () => {
  const cases: [string, Buffer, string, number][] = [
    ['truncated', Buffer.from([0, 0]), TunnelErrorCodes.FRAME_TRUNCATED, CloseCodes.PROTOCOL],
    ['unknown type', Buffer.from([7, 0, 0, 0, 0, 1]), TunnelErrorCodes.FRAME_UNKNOWN_TYPE, CloseCodes.PROTOCOL],
    ['oversized', encodeData(2, Buffer.alloc(MAX + 10)), TunnelErrorCodes.FRAME_TOO_LARGE, CloseCodes.TOO_LARGE],
    ['undecodable control', Buffer.from([2, 0, 0, 0, 0, 0x0a, 0xff]), TunnelErrorCodes.FRAME_MALFORMED, CloseCodes.PROTOCOL],
    ['second hello', encodeControl(0, { hello: { version: 1, minVersion: 1 } }), TunnelErrorCodes.PROTOCOL, CloseCodes.PROTOCOL],
    ['open with the wrong parity', encodeControl(2, { open: { target: { tcp: { host: 'h', port: 1 } }, initialWindow: 10 } }), TunnelErrorCodes.PROTOCOL, CloseCodes.PROTOCOL],
  ];
  it.each(cases)('%s closes the session with its code', async (_name, frame, code, closeCode) => {
    const { session, peer } = await sessionWithRawPeer();
    peer.send(frame);
    expect(await session.closed).toMatchObject({ code });
    expect(await peer.closed).toEqual({ code: closeCode, reason: code });
  });

  it('random garbage after the handshake never throws out of the reader', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 5 }), async (frames) => {
        const { session, peer } = await sessionWithRawPeer();
        for (const f of frames) peer.send(Buffer.from(f));
        await new Promise((r) => setImmediate(r));
        await new Promise((r) => setImmediate(r));
        // Either the garbage was valid and harmless, or the session closed with a coded TunnelError.
        if (session.state === 'closed') expect((await session.closed as { code?: string }).code).toMatch(/^DROVER_ERR_TUNNEL_/);
        session.destroy();
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a peer that speaks no common version, with a coded HelloRefused', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server' }).start();
    const peer = rawPeer(pair.b);
    peer.hello(7, 5);
    const refused = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.helloRefused);
    expect(refused.type === FrameType.CONTROL && refused.control.helloRefused?.code).toBe(Code.CODE_VERSION_UNSUPPORTED);
    expect(await session.closed).toMatchObject({ code: TunnelErrorCodes.VERSION_UNSUPPORTED });
    expect((await peer.closed).code).toBe(CloseCodes.HANDSHAKE_REFUSED);
  });

  it('times out a peer that never says Hello', async () => {
    const pair = createMemoryTransportPair();
    const session = new Session(pair.a, { role: 'server', limits: { handshakeTimeoutMs: 50 } }).start();
    rawPeer(pair.b);
    expect(await session.closed).toMatchObject({ code: TunnelErrorCodes.HANDSHAKE_TIMEOUT });
  });
});

describe('credit flow control', () => {
  it('resets a stream whose peer sends beyond its credit; the session goes on', async () => {
    const { session, peer } = await sessionWithRawPeer({ role: 'server', limits: { initialWindowBytes: 1000 } });
    const opening = session.openStream(tcpTarget('h', 1));
    const open = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.open);
    expect(open.type === FrameType.CONTROL && open.control.open?.initialWindow).toBe(1000);
    peer.send(encodeControl(open.id, { openOk: { initialWindow: 1000 } }));
    const stream = await opening;
    const err = new Promise((r) => stream.once('error', r));
    peer.send(encodeData(open.id, Buffer.alloc(600)));
    peer.send(encodeData(open.id, Buffer.alloc(600)));
    expect(await err).toMatchObject({ code: TunnelErrorCodes.FLOW_CONTROL });
    const reset = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.reset && f.id === open.id);
    expect(reset.type === FrameType.CONTROL && reset.control.reset?.code).toBe(Code.CODE_FLOW_CONTROL);
    expect(session.state).toBe('open');
    session.destroy();
  });

  it('never sends more than the credit granted, and resumes on WINDOW', async () => {
    const { session, peer } = await sessionWithRawPeer({ role: 'server' });
    const opening = session.openStream(tcpTarget('h', 1));
    const open = await peer.waitFor((f) => f.type === FrameType.CONTROL && !!f.control.open);
    peer.send(encodeControl(open.id, { openOk: { initialWindow: 5000 } }));
    const stream = await opening;
    stream.write(Buffer.alloc(20_000, 1));
    const sent = () => peer.frames.filter((f) => f.type === FrameType.DATA && f.id === open.id).reduce((n, f) => n + (f as { payload: Buffer }).payload.length, 0);
    // Poll for each expected total (a loaded machine delays delivery), then check that it stays
    // there: the sender must stop at the credit, not merely be slow to pass it.
    const settlesAt = async (bytes: number): Promise<void> => {
      await expect.poll(sent, { timeout: 5000, interval: 5 }).toBe(bytes);
      await new Promise((r) => setTimeout(r, 50));
      expect(sent()).toBe(bytes);
    };
    await settlesAt(5000);
    peer.send(encodeWindow(open.id, 7000));
    await settlesAt(12_000);
    peer.send(encodeWindow(open.id, 100_000));
    await settlesAt(20_000);
    stream.on('error', () => undefined);
    session.destroy();
  });

  it('answers DATA for an unknown stream with a Reset, not a session error', async () => {
    const { session, peer } = await sessionWithRawPeer();
    peer.send(encodeData(41, Buffer.from('late')));
    const reset = await peer.waitFor((f) => f.type === FrameType.CONTROL && f.id === 41);
    expect(reset.type === FrameType.CONTROL && reset.control.reset?.code).toBe(Code.CODE_UNKNOWN_STREAM);
    expect(session.state).toBe('open');
    session.destroy();
  });
});
