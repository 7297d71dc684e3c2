import { describe, expect, it } from 'vitest';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { connectTunnel } from './client.ts';
import { allowTargets, tcpTarget } from './dial.ts';
import type { Session } from './session.ts';
import type { TunnelStream } from './stream.ts';
import { startTunnelEndpoint } from './test-support/servers.ts';

const MiB = 1024 * 1024;

/** Pushes `bytes` from the server side through `stream` into a sink on the client's host; resolves with ms. */
function transfer(stream: TunnelStream, sinkDone: Promise<void>, bytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 1);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let left = bytes;
    const write = () => {
      while (left > 0) {
        left -= chunk.length;
        if (!stream.write(chunk)) return void stream.once('drain', write);
      }
      stream.end();
    };
    stream.once('error', reject);
    write();
    void sinkDone.then(() => resolve(performance.now() - started), reject);
  });
}

describe('a stream whose reader never reads', () => {
  it('does not slow other streams (>= 90 % of their solo throughput) and memory stays bounded', { timeout: 60_000, retry: 2 }, async () => {
    // Target host: a sink that counts bytes per connection and one "stuck" service that never reads.
    let nextSink: { resolve: () => void; expected: number; got: number } | undefined;
    const stuckSockets: Socket[] = [];
    const sinkServer = createServer((s) => {
      const entry = nextSink!;
      nextSink = undefined;
      s.on('data', (d: Buffer) => {
        entry.got += d.length;
        if (entry.got >= entry.expected) entry.resolve();
      });
    });
    const stuckServer = createServer((s) => {
      s.pause(); // never reads: the kernel buffers fill, then the tunnel stream's window
      stuckSockets.push(s);
    });
    await new Promise<void>((r) => sinkServer.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => stuckServer.listen(0, '127.0.0.1', r));
    const sinkPort = (sinkServer.address() as AddressInfo).port;
    const stuckPort = (stuckServer.address() as AddressInfo).port;
    const limits = { initialWindowBytes: MiB, maxSessionBufferedBytes: 16 * MiB };
    const endpoint = await startTunnelEndpoint({ session: { limits } });
    const next = endpoint.nextSession();
    const agent = await connectTunnel({
      url: endpoint.url,
      session: { limits, dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [sinkPort, stuckPort] }]) },
    });
    const server: Session = await next;
    const run = async (bytes: number) => {
      const done = new Promise<void>((resolve) => (nextSink = { resolve, expected: bytes, got: 0 }));
      const stream = await server.openStream(tcpTarget('127.0.0.1', sinkPort));
      return transfer(stream, done, bytes);
    };
    const bytes = 32 * MiB;
    await run(8 * MiB); // warm-up
    const alone: number[] = [];
    const withStuck: number[] = [];
    alone.push(await run(bytes));
    // The stuck stream: write until its credit and every buffer on the way are full.
    const stuck = await server.openStream(tcpTarget('127.0.0.1', stuckPort));
    stuck.on('error', () => undefined);
    const junk = Buffer.alloc(64 * 1024);
    const deadline = Date.now() + 5000;
    while (stuck.sendCredit > 0 && Date.now() < deadline) {
      if (!stuck.write(junk)) await Promise.race([new Promise((r) => stuck.once('drain', r)), new Promise((r) => setTimeout(r, 50))]);
    }
    expect(stuck.sendCredit).toBe(0); // it really is blocked on credit
    for (let round = 0; round < 5; round++) {
      withStuck.push(await run(bytes));
      alone.push(await run(bytes)); // the stuck stream is still there: alone = best of all rounds without it
    }
    const bestAlone = Math.min(...alone);
    const bestWithStuck = Math.min(...withStuck);
    // Best of several interleaved rounds each way: scheduling noise on 2 cores only ever slows a run down.
    const ratio = bestAlone / bestWithStuck;
    expect(ratio, JSON.stringify({ alone, withStuck })).toBeGreaterThanOrEqual(0.9);
    // Memory: the agent side holds at most the stuck stream's window for it, and the session stays in bounds.
    expect(agent.committedBytes).toBeLessThanOrEqual(limits.maxSessionBufferedBytes);
    expect(agent.bufferedBytes).toBeLessThanOrEqual(limits.initialWindowBytes);
    agent.destroy();
    for (const s of stuckSockets) s.destroy();
    await endpoint.close();
    sinkServer.close();
    stuckServer.close();
  });
});
