/**
 * The load generator process. The orchestrator points it at a port — the
 * target's own (direct baseline) or the tunnel server's listener for it — and
 * it runs one test there. The same code runs both paths.
 */
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { CHUNK_BYTES, HTTP_BODY_BYTES, PING_BYTES, READY } from './protocol.ts';
import { serve } from './rpc.ts';


const HOST = '127.0.0.1';
const CHUNK = Buffer.alloc(CHUNK_BYTES, 0xa5);

export interface BulkParams {
  port: number;
  conns: number;
  ms: number;
  /** up: we write to the sink; down: the source writes to us. */
  dir: 'up' | 'down';
}

export interface BulkResult {
  bytes: number;
  seconds: number;
  gbps: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** Connects and waits for the target's READY byte, i.e. until the whole path is up. */
function connectReady(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: HOST, port, noDelay: true, allowHalfOpen: true });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`port ${port}: closed before READY`)));
    socket.once('data', (b: Buffer) => {
      socket.pause();
      socket.removeAllListeners('error');
      socket.removeAllListeners('close');
      if (!b.equals(READY)) {
        socket.destroy();
        reject(new Error(`port ${port}: expected READY, got ${b.length} bytes`));
        return;
      }
      resolve(socket);
    });
  });
}

/** Writes 64 KiB chunks with backpressure until `deadline`, sends FIN, resolves with the sink's byte count once it answers. */
function upload(socket: Socket, deadline: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let written = 0;
    const reply: Buffer[] = [];
    socket.on('data', (b: Buffer) => reply.push(b));
    socket.on('error', reject);
    socket.on('end', () => {
      const r = Buffer.concat(reply);
      if (r.length !== 8) return reject(new Error(`sink replied ${r.length} bytes, expected 8`));
      const counted = Number(r.readBigUInt64BE(0));
      if (counted !== written) return reject(new Error(`sink counted ${counted} bytes, we wrote ${written}`));
      socket.destroy();
      resolve(counted);
    });
    socket.resume();
    const pump = (): void => {
      for (;;) {
        if (performance.now() >= deadline) {
          socket.end();
          return;
        }
        written += CHUNK.length;
        if (!socket.write(CHUNK)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/** Asks the source for `ms` of data and counts it until FIN; the trailing u64 is the source's own count. */
function download(socket: Socket, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = 0;
    let tail = Buffer.alloc(0);
    socket.on('data', (b: Buffer) => {
      received += b.length;
      tail = b.length >= 8 ? Buffer.from(b.subarray(b.length - 8)) : Buffer.concat([tail, b]).subarray(-8);
    });
    socket.on('error', reject);
    socket.on('end', () => {
      const sent = tail.length === 8 ? Number(tail.readBigUInt64BE(0)) : -1;
      if (sent !== received - 8) return reject(new Error(`source sent ${sent} bytes, we received ${received - 8}`));
      socket.destroy();
      resolve(sent);
    });
    socket.resume();
    const req = Buffer.allocUnsafe(4);
    req.writeUInt32BE(ms);
    socket.write(req);
  });
}

async function bulk(p: BulkParams): Promise<BulkResult> {
  const sockets = await withTimeout(Promise.all(Array.from({ length: p.conns }, () => connectReady(p.port))), 15_000, 'connect');
  const start = performance.now();
  const counts = await withTimeout(
    Promise.all(sockets.map((s) => (p.dir === 'up' ? upload(s, start + p.ms) : download(s, p.ms)))),
    p.ms + 30_000,
    `bulk ${p.dir}`,
  ).catch((err: unknown) => {
    for (const s of sockets) s.destroy();
    throw err;
  });
  const seconds = (performance.now() - start) / 1000;
  const bytes = counts.reduce((a, b) => a + b, 0);
  return { bytes, seconds, gbps: (bytes * 8) / seconds / 1e9 };
}

/** 64-byte ping-pong on one connection to the echo port; resolves with the round trips in µs. */
async function rtt(p: { port: number; warmup: number; n: number }): Promise<number[]> {
  const socket = await withTimeout(
    new Promise<Socket>((resolve, reject) => {
      const s = connect({ host: HOST, port: p.port, noDelay: true }, () => resolve(s));
      s.once('error', reject);
    }),
    15_000,
    'connect echo',
  );
  const ping = Buffer.alloc(PING_BYTES, 0x42);
  const samples: number[] = [];
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        let i = 0;
        let got = 0;
        let t0 = 0;
        const next = () => {
          t0 = performance.now();
          socket.write(ping);
        };
        socket.on('error', reject);
        socket.on('close', () => reject(new Error('echo connection closed')));
        socket.on('data', (b: Buffer) => {
          got += b.length;
          if (got < PING_BYTES) return;
          if (got > PING_BYTES) return reject(new Error(`echo returned ${got} bytes for a ${PING_BYTES}-byte ping`));
          const us = (performance.now() - t0) * 1000;
          got = 0;
          if (i >= p.warmup) samples.push(us);
          if (++i === p.warmup + p.n) return resolve();
          next();
        });
        next();
      }),
      60_000,
      'rtt',
    );
  } finally {
    socket.destroy();
  }
  return samples;
}

function get(port: number, agent: Agent | false): Promise<{ us: number; reused: boolean }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: HOST, port, path: '/', method: 'GET', agent, headers: agent === false ? { connection: 'close' } : {} }, (res) => {
      let n = 0;
      res.on('data', (b: Buffer) => (n += b.length));
      res.on('error', reject);
      res.on('end', () => {
        const us = (performance.now() - t0) * 1000;
        if (res.statusCode !== 200 || n !== HTTP_BODY_BYTES) return reject(new Error(`GET: status ${res.statusCode}, ${n} bytes`));
        resolve({ us, reused: req.reusedSocket });
      });
    });
    req.setTimeout(10_000, () => req.destroy(new Error('GET timed out')));
    req.on('error', reject);
    req.end();
  });
}

export interface HttpResult {
  /** Latency of each measured GET, µs. */
  samples: number[];
  /** Measured requests that did not reuse a connection (keep-alive only; should be 0). */
  newConnections: number;
}

/** Sequential GETs, keep-alive on one connection (`keepAlive`) or a new connection each (`Connection: close`). */
async function http(p: { port: number; warmup: number; n: number; keepAlive: boolean }): Promise<HttpResult> {
  const agent = p.keepAlive ? new Agent({ keepAlive: true, maxSockets: 1 }) : false;
  const samples: number[] = [];
  let newConnections = 0;
  try {
    for (let i = 0; i < p.warmup + p.n; i++) {
      const r = await withTimeout(get(p.port, agent), 15_000, 'GET');
      if (i >= p.warmup) {
        samples.push(r.us);
        if (!r.reused) newConnections++;
      }
    }
  } finally {
    if (agent) agent.destroy();
  }
  return { samples, newConnections: p.keepAlive ? newConnections : 0 };
}

serve({ bulk, rtt, http });
