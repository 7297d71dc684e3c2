/** Real loopback servers for the tunnel's tests: a tunnel endpoint (ws/wss), a TCP echo, an HTTP CONNECT proxy. */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { createCa, issueCertificate } from '@drover/pki';
import { maxWebSocketPayload } from '../client.ts';
import { DEFAULT_LIMITS } from '../limits.ts';
import { Session, type SessionOptions } from '../session.ts';
import { WebSocketTransport } from '../transport.ts';

export interface TunnelEndpoint {
  url: string;
  sessions: Session[];
  /** Resolves with the next session that completes its handshake. */
  nextSession(): Promise<Session>;
  close(): Promise<void>;
}

export interface TestPki {
  caPem: string;
  certPem: string;
  keyPem: string;
  chainPem: string;
}

export async function testPki(sans: { dnsNames?: string[]; ipAddresses?: string[] } = { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }): Promise<TestPki> {
  const ca = await createCa({ commonName: 'drover-test-ca' });
  const leaf = await issueCertificate(ca, { commonName: 'drover-test-server', usages: 'server', ...sans });
  return { caPem: ca.certPem, certPem: leaf.certPem, keyPem: leaf.keyPem, chainPem: leaf.chainPem };
}

/**
 * A tunnel endpoint on 127.0.0.1: each upgrade becomes a server Session.
 * `authorize` may refuse an upgrade with an HTTP status and JSON body before it happens.
 */
export async function startTunnelEndpoint(options: {
  tls?: { certPem: string; keyPem: string; chainPem?: string };
  session?: Omit<SessionOptions, 'role'>;
  authorize?: (req: IncomingMessage) => { status: number; body: unknown } | undefined;
} = {}): Promise<TunnelEndpoint> {
  const server: HttpServer = options.tls
    ? createHttpsServer({ cert: options.tls.chainPem ?? options.tls.certPem, key: options.tls.keyPem })
    : createHttpServer();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: maxWebSocketPayload(DEFAULT_LIMITS.maxFrameBytes) });
  const sessions: Session[] = [];
  const waiters: ((s: Session) => void)[] = [];
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const refusal = options.authorize?.(req);
    if (refusal) {
      const body = JSON.stringify(refusal.body);
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(new WebSocketTransport(ws), { ...options.session, role: 'server' }).start();
      sessions.push(session);
      void session.ready().then(() => waiters.shift()?.(session), () => undefined);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'wss' : 'ws'}://127.0.0.1:${port}/tunnel`,
    sessions,
    nextSession: () => new Promise((r) => waiters.push(r)),
    async close() {
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      wss.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A TCP server on 127.0.0.1 that echoes, with half-close. */
export async function startEchoServer(): Promise<{ port: number; server: NetServer; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createNetServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    server,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** A real HTTP CONNECT proxy on 127.0.0.1 that records each CONNECT authority. */
export async function startConnectProxy(): Promise<{ url: string; connects: string[]; close(): Promise<void> }> {
  const connects: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    connects.push(authority);
    const i = authority.lastIndexOf(':');
    const upstream = connect({ host: authority.slice(0, i).replace(/^\[|\]$/g, ''), port: Number(authority.slice(i + 1)) });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
