/**
 * The target process: what the agent dials on its host. One TCP port per mode
 * (see protocol.ts). Bound to 127.0.0.1 only.
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CHUNK_BYTES, HTTP_BODY_BYTES, READY, type TargetPorts } from './protocol.ts';
import { serve } from './rpc.ts';

const CHUNK = Buffer.alloc(CHUNK_BYTES, 0x5a);
const BODY = (() => {
  const head = '{"ok":true,"pad":"';
  const tail = '"}';
  const body = Buffer.from(head + 'x'.repeat(HTTP_BODY_BYTES - head.length - tail.length) + tail);
  if (body.length !== HTTP_BODY_BYTES) throw new Error('body size');
  return body;
})();

const counters = { sinkBytes: 0, sinkConnections: 0, sourceBytes: 0, sourceConnections: 0, echoConnections: 0, httpRequests: 0 };

function u64(n: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

function onSink(socket: Socket): void {
  counters.sinkConnections++;
  let n = 0;
  socket.on('data', (chunk: Buffer) => {
    n += chunk.length;
  });
  socket.on('end', () => {
    counters.sinkBytes += n;
    socket.end(u64(n));
  });
  socket.on('error', () => socket.destroy());
  socket.write(READY);
}

function onSource(socket: Socket): void {
  counters.sourceConnections++;
  let request = Buffer.alloc(0);
  let started = false;
  const start = (ms: number) => {
    const deadline = performance.now() + ms;
    let sent = 0;
    const pump = (): void => {
      while (!socket.destroyed) {
        if (performance.now() >= deadline) {
          counters.sourceBytes += sent;
          socket.end(u64(sent));
          return;
        }
        sent += CHUNK.length;
        if (!socket.write(CHUNK)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  };
  socket.on('data', (chunk: Buffer) => {
    if (started) return;
    request = Buffer.concat([request, chunk]);
    if (request.length >= 4) {
      started = true;
      start(request.readUInt32BE(0));
    }
  });
  socket.on('end', () => undefined);
  socket.on('error', () => socket.destroy());
  socket.write(READY);
}

function onEcho(socket: Socket): void {
  counters.echoConnections++;
  socket.pipe(socket);
  socket.on('error', () => socket.destroy());
}

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no address'));
      resolve(addr.port);
    });
  });
}

const opts = { allowHalfOpen: true, noDelay: true };
const http = createHttpServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
  counters.httpRequests++;
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
  res.end(BODY);
});

const servers = { sink: createServer(opts, onSink), source: createServer(opts, onSource), echo: createServer(opts, onEcho), http };

serve({
  async init(): Promise<TargetPorts> {
    return {
      sink: await listen(servers.sink),
      source: await listen(servers.source),
      echo: await listen(servers.echo),
      http: await listen(servers.http),
    };
  },
  stats: () => ({ ...counters }),
});
