/**
 * The shared receive buffer of dialled sockets (receive-buffer.ts, ADR 0023): bytes read
 * through it must reach the far end intact while streams share it, while the reader applies
 * backpressure, and when the target writes before the stream is bridged.
 */
import { describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { connectTunnel } from './client.ts';
import { allowTargets, tcpTarget } from './dial.ts';
import { idleChunks } from './receive-buffer.ts';
import type { Session } from './session.ts';
import type { TunnelStream } from './stream.ts';
import { startTunnelEndpoint } from './test-support/servers.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A target that writes `payload` at once on accept, in writes of mixed sizes (small and bulk reads), then ends. */
async function startSource(payload: Buffer) {
  const sockets = new Set<Socket>();
  // Half-open: the stream's early FIN must not end the source before it has written everything.
  const server = createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    let at = 0;
    let i = 0;
    const sizes = [1, 700, 4096, 4097, 32 * 1024, 65 * 1024, 200 * 1024];
    const more = () => {
      while (at < payload.length) {
        const n = Math.min(sizes[i++ % sizes.length]!, payload.length - at);
        const ok = s.write(payload.subarray(at, at + n));
        at += n;
        if (!ok) return void s.once('drain', more);
      }
      s.end();
    };
    more();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

/** Reads a stream to its end, pausing every few chunks so the window and the dialled socket fill up. */
function slowRead(stream: TunnelStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    stream.on('data', (c: Buffer) => {
      chunks.push(Buffer.from(c));
      if (++n % 16 === 0) {
        stream.pause();
        setTimeout(() => stream.resume(), 3);
      }
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

describe('the dialled sockets\' shared receive buffer (real sockets)', () => {
  it('delivers every byte intact on concurrent streams whose reader applies backpressure', async () => {
    const payloads = [randomBytes(6 * 1024 * 1024), randomBytes(3 * 1024 * 1024 + 17)];
    const sources = await Promise.all(payloads.map((p) => startSource(p)));
    // A small window and write buffer make the stream push back on the socket often.
    const limits = { initialWindowBytes: 128 * 1024 };
    const endpoint = await startTunnelEndpoint({ session: { limits } });
    let agent: Session | undefined;
    try {
      const next = endpoint.nextSession();
      agent = await connectTunnel({
        url: endpoint.url,
        session: { limits, dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: sources.map((s) => s.port) }]) },
      });
      const server = await next;
      const streams = await Promise.all(sources.map((s) => server.openStream(tcpTarget('127.0.0.1', s.port))));
      streams.forEach((s) => s.end());
      const got = await Promise.all(streams.map(slowRead));
      expect(got.map((b) => b.length)).toEqual(payloads.map((p) => p.length));
      expect(got.map(sha)).toEqual(payloads.map(sha));
      // Bulk reads went through pool chunks, and their memory came back once sent.
      expect(idleChunks()).toBeGreaterThan(0);
    } finally {
      agent?.destroy();
      await endpoint.close();
      await Promise.all(sources.map((s) => s.close()));
    }
  }, 30_000);
});
