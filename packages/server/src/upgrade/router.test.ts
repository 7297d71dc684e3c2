/**
 * The upgrade router on a started server (HTTPS on 127.0.0.1, real store, real bearer tokens):
 * test routes on non-agent paths speak SPDY/3.1 (a raw client, as kubectl's fallback) and
 * WebSocket (the `ws` client); refusals are HTTP responses with a Status body, then a close.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { startAgentTestServer } from '../agents/test-support.ts';
import type { AgentTestServer } from '../agents/test-support.ts';
import type { RequestUser } from '../api/contract.ts';

/** Short idle timeout: an upgraded connection must outlive it (the router holds it open). */
const IDLE_MS = 600;

let s: AgentTestServer;
const wss = new WebSocketServer({ noServer: true });

/** A SPDY/3.1 route stand-in: answers 101 with the caller's name, then echoes every byte. */
function spdyEcho(_req: IncomingMessage, socket: Duplex, head: Buffer, user: RequestUser): void {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Drover-User: ${user.name}\r\n\r\n`);
  if (head.length > 0) socket.write(head);
  socket.on('data', (d: Buffer) => socket.write(d));
}

beforeAll(async () => {
  s = await startAgentTestServer({ DROVER_IDLE_TIMEOUT_MS: String(IDLE_MS), DROVER_KEEPALIVE_TIMEOUT_MS: '300' });
  const upgrades = s.app.drover.upgrades;
  upgrades.route({ prefix: '/test/spdy', auth: 'user', protocols: ['spdy/3.1'], handle: spdyEcho });
  upgrades.route({
    prefix: '/test/ws',
    auth: 'user',
    handle(req, socket, head, user) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send(`hello ${user.name} at ${req.url ?? ''}`);
        ws.on('message', (data: Buffer) => ws.send(data));
      });
    },
  });
  // A shorter prefix with other auth: the longest prefix decides.
  upgrades.route({ prefix: '/test', auth: 'none', handle(_req, socket) {
      socket.end('HTTP/1.1 418 Teapot\r\nConnection: close\r\n\r\n');
    },
  });
});
afterAll(async () => {
  wss.close();
  await s?.close();
});

function rawTls(): Promise<TLSSocket> {
  const { port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port: Number(port), ca: s.app.drover.caPem });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

const requestText = (path: string, headers: Record<string, string>): string =>
  `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

/** Sends an upgrade request and resolves with the response head once its blank line arrives. */
function upgrade(socket: TLSSocket, path: string, headers: Record<string, string>): Promise<{ head: string; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf: Buffer = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      resolve({ head: buf.subarray(0, end).toString(), rest: buf.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed before a response: ${buf.toString()}`)));
    socket.write(requestText(path, headers));
  });
}

/** The next `n` bytes from an upgraded socket. */
function read(socket: TLSSocket, n: number, already: Buffer = Buffer.alloc(0)): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let buf: Buffer = already;
    const check = (): void => {
      if (buf.length < n) return;
      socket.off('data', onData);
      resolve(buf);
    };
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      check();
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed')));
    check();
  });
}

interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: { kind: string; apiVersion: string; status: string; code: number; reason: string; message: string };
}

/** An upgrade the server refuses: the whole response up to the server's close, parsed. */
async function refused(path: string, headers: Record<string, string>): Promise<Refusal> {
  const socket = await rawTls();
  const text = await new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => reject(new Error('the server did not close the refused connection')), 5000);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.once('error', reject);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString());
    });
    socket.write(requestText(path, { Connection: 'Upgrade', ...headers }));
  });
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const hs = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  expect(hs['content-length'], text).toBe(String(Buffer.byteLength(body)));
  return { status: Number(statusLine.split(' ')[1]), headers: hs, body: JSON.parse(body) as Refusal['body'] };
}

describe('upgrade router', () => {
  it('SPDY/3.1 with a bearer token on a non-agent path: 101, the route knows the user, bytes echo; it outlives the idle timeout', async () => {
    const socket = await rawTls();
    try {
      const res = await upgrade(socket, '/test/spdy/exec?command=sh', { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', Authorization: `Bearer ${s.admin}` });
      expect(res.head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      expect(res.head).toContain('X-Drover-User: admin');
      socket.write('\x80\x03\x00\x01spdy-frame');
      expect((await read(socket, 14, res.rest)).toString()).toBe('\x80\x03\x00\x01spdy-frame');
      await new Promise((r) => setTimeout(r, IDLE_MS * 2.5));
      expect(socket.destroyed).toBe(false);
      socket.write('after idle');
      expect((await read(socket, 10)).toString()).toBe('after idle');
    } finally {
      socket.destroy();
    }
  });

  it('WebSocket with a bearer token (ws client): the longest prefix routes it; messages echo', async () => {
    const ws = new WebSocket(`${s.url.replace('https:', 'wss:')}/test/ws/live?x=1`, { ca: s.app.drover.caPem, headers: { authorization: `Bearer ${s.admin}` } });
    try {
      const messages: string[] = [];
      ws.on('message', (d: Buffer) => messages.push(d.toString()));
      await new Promise((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('error', reject);
      });
      ws.send('ping-1');
      await expect.poll(() => messages, { timeout: 3000 }).toEqual(['hello admin at /test/ws/live?x=1', 'ping-1']);
    } finally {
      ws.close();
    }
  });

  it('an upgrade protocol is matched case-insensitively; a route that takes anyone answers without credentials', async () => {
    const socket = await rawTls();
    try {
      const res = await upgrade(socket, '/test/other', { Connection: 'Upgrade', Upgrade: 'WebSocket' });
      expect(res.head).toMatch(/^HTTP\/1\.1 418 /);
    } finally {
      socket.destroy();
    }
  });

  it('refuses without a token: 401 with a Status body and Connection: close, never a bare close', async () => {
    for (const upgradeTo of ['SPDY/3.1', 'websocket']) {
      const path = upgradeTo === 'websocket' ? '/test/ws' : '/test/spdy';
      const r = await refused(path, { Upgrade: upgradeTo, ...(upgradeTo === 'websocket' ? { 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } : {}) });
      expect(r.status).toBe(401);
      expect(r.headers.connection).toBe('close');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['www-authenticate']).toBe('Bearer realm="drover"');
      expect(r.headers['drover-error-code']).toBe('DROVER_ERR_AUTH_UNAUTHENTICATED');
      expect(r.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 401, reason: 'Unauthorized' });
      expect(r.body.message).toMatch(/authentication required/);
    }
  });

  it('refuses a bad token (401 "unknown token"), another scheme (401), an unknown path (404), another protocol (400)', async () => {
    const bad = await refused('/test/spdy', { Upgrade: 'SPDY/3.1', Authorization: 'Bearer drover_gone_AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect([bad.status, bad.body.code, bad.body.message, bad.headers['drover-error-code']]).toEqual([401, 401, 'unknown token', 'DROVER_ERR_AUTH_TOKEN_UNKNOWN']);
    const basic = await refused('/test/spdy', { Upgrade: 'SPDY/3.1', Authorization: 'Basic YWRtaW46eA==' });
    expect([basic.status, basic.body.message]).toEqual([401, 'unsupported authorization scheme (use Bearer)']);
    // `/testing` is not below `/test`: prefixes match whole path segments.
    for (const path of ['/k8s/nothing/here', '/testing']) {
      const missing = await refused(path, { Upgrade: 'SPDY/3.1', Authorization: `Bearer ${s.admin}` });
      expect([missing.status, missing.body.kind, missing.body.code, missing.body.reason, missing.headers['drover-error-code']]).toEqual([404, 'Status', 404, 'NotFound', 'DROVER_ERR_UPGRADE_NOT_FOUND']);
    }
    const h2c = await refused('/test/spdy', { Upgrade: 'h2c', Authorization: `Bearer ${s.admin}` });
    expect([h2c.status, h2c.body.code, h2c.body.reason]).toEqual([400, 400, 'BadRequest']);
    // A route declares what it speaks: WebSocket to the SPDY-only route, SPDY to the agent tunnel.
    const wsToSpdy = await refused('/test/spdy', { Upgrade: 'websocket', Authorization: `Bearer ${s.admin}` });
    expect([wsToSpdy.status, wsToSpdy.body.message]).toEqual([400, '/test/spdy takes an upgrade to SPDY/3.1, not "websocket"']);
    const spdyToTunnel = await refused('/v1/agent/tunnel', { Upgrade: 'SPDY/3.1' });
    expect([spdyToTunnel.status, spdyToTunnel.headers['drover-error-code']]).toEqual([400, 'DROVER_ERR_UPGRADE_PROTOCOL']);
  });

  it('a prefix is declared once', () => {
    expect(() => s.app.drover.upgrades.route({ prefix: '/test/ws', auth: 'none', handle() {} })).toThrow(/declared twice/);
  });
});
