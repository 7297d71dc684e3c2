import fc from 'fast-check';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allowTargets, serviceTarget } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { encodeMessage, MessageReader, MessageStream } from './message-stream.ts';
import { duplexPair, memorySessions } from './test-support/helpers.ts';

/** A MessageStream over `stream` that records what it reports: its messages and its close. */
function recorded(stream: Duplex, maxMessageBytes: number, onMessage?: (bytes: Buffer) => void) {
  const messages: Buffer[] = [];
  const closes: (Error | undefined)[] = [];
  let resolveClosed!: (err: Error | undefined) => void;
  const closed = new Promise<Error | undefined>((resolve) => (resolveClosed = resolve));
  const m = new MessageStream(stream, { maxMessageBytes }, {
    onMessage: (bytes) => {
      messages.push(bytes);
      onMessage?.(bytes);
    },
    onClose: (err) => {
      closes.push(err);
      resolveClosed(err);
    },
  });
  return { m, messages, closes, closed };
}

describe('length-delimited messages', () => {
  it('round-trips any messages cut into any chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 600 }), { maxLength: 20 }), fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 10 }), (messages, cuts) => {
        const wire = Buffer.concat(messages.map((m) => encodeMessage(m)));
        const reader = new MessageReader(1024);
        const got: Buffer[] = [];
        let at = 0;
        for (let i = 0; at < wire.length; i++) {
          const n = cuts[i % cuts.length]!;
          got.push(...reader.push(wire.subarray(at, at + n)));
          at += n;
        }
        expect(got.map((b) => [...b])).toEqual(messages.map((m) => [...m]));
        expect(reader.partial).toBe(false);
      }),
    );
  });

  it('encodes lengths as protobuf varints', () => {
    expect([...encodeMessage(new Uint8Array(0))]).toEqual([0]);
    expect([...encodeMessage(new Uint8Array(300)).subarray(0, 2)]).toEqual([0xac, 0x02]);
  });

  it('refuses a length over the limit and a prefix over 5 bytes', () => {
    expect(() => new MessageReader(100).push(encodeMessage(new Uint8Array(101)))).toThrow(expect.objectContaining({ code: TunnelErrorCodes.MESSAGE_TOO_LARGE }) as Error);
    expect(() => new MessageReader(100).push(Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))).toThrow(expect.objectContaining({ code: TunnelErrorCodes.MESSAGE_TOO_LARGE }) as Error);
    // The limit is checked on the prefix, before any body byte is buffered.
    expect(() => new MessageReader(100).push(Buffer.from([0xe8, 0x07]))).toThrow(/1000 bytes exceeds the limit of 100/);
  });

  it('closes with MESSAGE_TRUNCATED when the peer ends in the middle of a message', async () => {
    const [a, b] = duplexPair();
    const { closed } = recorded(a, 100);
    b.end(encodeMessage(Buffer.from('hello')).subarray(0, 3));
    expect(await closed).toMatchObject({ code: TunnelErrorCodes.MESSAGE_TRUNCATED });
  });

  it('carries messages both ways over a tunnel service stream; an oversized one resets it with CODE_PROTOCOL on both ends', async () => {
    let far: ReturnType<typeof recorded> | undefined;
    const { client, server } = await memorySessions({
      dialPolicy: allowTargets([{ kind: 'service', name: 'm' }]),
      services: new Map([['m', (stream: Duplex) => {
        far = recorded(stream, 64, (bytes) => far?.m.send(Buffer.concat([Buffer.from('re:'), bytes])));
      }]]),
    });
    const near = recorded(await server.openStream(serviceTarget('m')), 64);
    for (const s of ['a', 'bb', '']) near.m.send(Buffer.from(s));
    await expect.poll(() => near.messages.map((b) => b.toString())).toEqual(['re:a', 're:bb', 're:']);
    near.m.send(Buffer.alloc(65));
    expect(await far!.closed).toMatchObject({ code: TunnelErrorCodes.MESSAGE_TOO_LARGE });
    // The opener sees the reset with the wire code: CODE_PROTOCOL → PROTOCOL.
    expect(await near.closed).toMatchObject({ code: TunnelErrorCodes.PROTOCOL });
    expect([far!.closes.length, near.closes.length]).toEqual([1, 1]);
    expect(server.state).toBe('open');
    await client.close();
  });

  it("keeps one 'error' listener: its own on a plain Duplex, the session's on a tunnel stream; an error is reported through the close", async () => {
    const [a] = duplexPair();
    const plain = recorded(a, 10);
    expect(a.listenerCount('error')).toBe(1);
    a.destroy(new Error('boom'));
    expect((await plain.closed)?.message).toBe('boom');

    const { client, server } = await memorySessions({ dialPolicy: allowTargets([{ kind: 'service', name: 'm' }]), services: new Map([['m', (stream: Duplex) => stream.resume()]]) });
    const stream = await server.openStream(serviceTarget('m'));
    expect(stream.listenerCount('error')).toBe(1);
    const viaTunnel = recorded(stream, 10);
    expect(stream.listenerCount('error')).toBe(1);
    stream.destroy(new Error('reset here'));
    expect((await viaTunnel.closed)?.message).toBe('reset here');
    await client.close();
  });

  it('closes cleanly when both sides end', async () => {
    const [a, b] = duplexPair();
    const x = recorded(a, 10);
    const y = recorded(b, 10);
    x.m.end();
    expect(await Promise.all([x.closed, y.closed])).toEqual([undefined, undefined]);
    expect(x.m.send(Buffer.from('late'))).toBe(false);
  });

  it('reports the close of a stream that closed before it was wrapped, with its error, once', async () => {
    const [a] = duplexPair();
    a.on('error', () => undefined);
    a.destroy(new Error('reset before the opener resumed'));
    await new Promise((r) => setImmediate(r));
    expect(a.closed).toBe(true);
    const { m, closes } = recorded(a, 10);
    await new Promise((r) => setTimeout(r, 20));
    expect(closes.map((e) => e?.message)).toEqual(['reset before the opener resumed']);
    expect(m.closed).toBe(true);
  });
});
