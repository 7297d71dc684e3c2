/**
 * Finding 5 of issue 9: slow and idle clients must not hold connections open forever, and one
 * source must not take them all. Header, body, idle and keep-alive timeouts (short here, through
 * config) cut anonymous slow clients, while the long-lived routes — a watch and an agent tunnel —
 * stay open well past every timeout, exempt by route. Connection caps: per source and global.
 */
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clusterWithToken, connectAgent, register, startAgentTestServer } from '../agents/test-support.ts';
import { G, https, outcome, rawTls, streamGet, until } from './support.ts';
import type { AgentTestServer } from './support.ts';

const TIMEOUTS = {
  DROVER_HEADERS_TIMEOUT_MS: '500',
  DROVER_REQUEST_TIMEOUT_MS: '1000',
  DROVER_IDLE_TIMEOUT_MS: '1000',
  DROVER_KEEPALIVE_TIMEOUT_MS: '500',
  // Pings further apart than the idle timeout: an idle tunnel must survive by route, not by traffic.
  DROVER_TUNNEL_PING_INTERVAL_MS: '2500',
  DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '8000',
};
/** Longer than every timeout above. */
const OUTLIVE_MS = 3000;

/** Writes `chunk` every `everyMs` until the socket closes. */
function trickle(socket: TLSSocket, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) clearInterval(timer);
    else socket.write(chunk);
  }, everyMs);
  socket.once('close', () => clearInterval(timer));
}

describe('timeouts', () => {
  let s: AgentTestServer;
  beforeAll(async () => {
    s = await startAgentTestServer(TIMEOUTS);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('a slow body (one byte every 200 ms) is cut after the request timeout (408 or close)', async () => {
    const socket = await rawTls(s);
    socket.write('POST /v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
    trickle(socket, ' ', 200);
    const end = await outcome(socket, 6000);
    expect(end.how).toBe('closed');
    expect(end.afterMs).toBeLessThan(3500);
    if (end.text !== '') expect(end.text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('slow headers (one line every 200 ms) are cut after the headers timeout', async () => {
    const socket = await rawTls(s);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    trickle(socket, 'X-Slow: 1\r\n', 200);
    const end = await outcome(socket, 6000);
    expect(end.how).toBe('closed');
    expect(end.afterMs).toBeLessThan(3000);
  });

  it('a connection that sends nothing is closed after the idle timeout', async () => {
    const end = await outcome(await rawTls(s), 6000);
    expect(end.how).toBe('closed');
    expect(end.afterMs).toBeLessThan(3000);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const socket = await rawTls(s);
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    const end = await outcome(socket, 6000);
    expect(end.text).toMatch(/^HTTP\/1\.1 200 /);
    expect(end.how).toBe('closed');
    expect(end.afterMs).toBeLessThan(2500);
  });

  it('a watch with no traffic outlives every timeout and still delivers', async () => {
    const watch = await streamGet(s, `${G}/clusters?watch=1&resourceVersion=${await s.app.drover.store.currentResourceVersion()}`, s.admin);
    try {
      expect(watch.status).toBe(200);
      await new Promise((r) => setTimeout(r, OUTLIVE_MS));
      expect(watch.res.destroyed || watch.res.complete).toBe(false);
      expect((await api(s, 'POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'late' } })).status).toBe(201);
      await until(() => watch.lines.some((l) => l.includes('"late"')), 3000, 'the event after the wait');
    } finally {
      watch.close();
    }
  });

  it('an agent tunnel idle for longer than the timeouts stays connected', async () => {
    const token = await clusterWithToken(s, 'edge');
    const reg = await register(s, token, 'host-1', 'ENGINE-SLOW');
    expect(reg.status).toBe(201);
    const session = await connectAgent(s, (reg.body as { credential: string }).credential, 'ENGINE-SLOW');
    try {
      let closed = false;
      void session.closed.then(() => (closed = true));
      await new Promise((r) => setTimeout(r, OUTLIVE_MS + 1000));
      expect(closed).toBe(false);
      expect(session.state).toBe('open');
      expect(s.app.drover.agents.session('edge', 'host-1')).toBeDefined();
    } finally {
      session.destroy();
    }
  });
});

describe('connection caps', () => {
  let s: AgentTestServer;
  beforeAll(async () => {
    s = await startAgentTestServer({ DROVER_MAX_CONNECTIONS_PER_SOURCE: '3', DROVER_MAX_CONNECTIONS_PER_LOOPBACK_SOURCE: '3', DROVER_MAX_CONNECTIONS: '5' });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** A TLS connection from `localAddress`: `ok` when the server answers a request on it, else `refused`. */
  function attempt(localAddress: string, open: TLSSocket[]): Promise<'ok' | 'refused'> {
    const { port } = new URL(s.url);
    return new Promise((resolve) => {
      const raw = netConnect({ host: '127.0.0.1', port: Number(port), localAddress });
      raw.on('error', () => resolve('refused'));
      const socket = tlsConnect({ socket: raw, ca: s.app.drover.caPem, servername: '127.0.0.1' });
      open.push(socket);
      let text = '';
      socket.setEncoding('utf8');
      socket.on('secureConnect', () => socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('data', (c: string) => {
        text += c;
        if (text.includes('\r\n\r\nok')) resolve('ok');
      });
      socket.on('error', () => resolve('refused'));
      socket.on('close', () => resolve('refused'));
    });
  }

  it('one source gets at most its cap; other sources still connect; the global cap holds for all', async () => {
    const open: TLSSocket[] = [];
    try {
      const first = [];
      for (let i = 0; i < 3; i++) first.push(await attempt('127.0.0.1', open));
      expect(first).toEqual(['ok', 'ok', 'ok']);
      expect(await attempt('127.0.0.1', open)).toBe('refused');
      expect(await attempt('127.0.0.2', open)).toBe('ok');
      expect(await attempt('127.0.0.2', open)).toBe('ok'); // five in all: the global cap
      expect(await attempt('127.0.0.3', open)).toBe('refused');
      // A closed connection frees its place.
      open[0]!.destroy();
      await new Promise((r) => setTimeout(r, 200));
      expect(await attempt('127.0.0.3', open)).toBe('ok');
    } finally {
      for (const socket of open) socket.destroy();
    }
    // Once the server has seen them close, every place is free again.
    await expect.poll(async () => (await https(s, 'GET', '/healthz').catch(() => ({ status: 0 }))).status, { timeout: 5000 }).toBe(200);
  });
});
