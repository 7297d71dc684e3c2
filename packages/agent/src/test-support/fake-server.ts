/**
 * A small Drover server for the agent's tests, built to docs/agent-protocol.md: GET /cacerts,
 * POST /v1/agent/register (tokens unknown/expired/revoked, name conflicts by engine ID) and the
 * tunnel upgrade authenticated before upgrading. Real HTTPS on 127.0.0.1, real tunnel Sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { createCa, issueCertificate } from '@drover/pki';
import { Session, WebSocketTransport, maxWebSocketPayload, DEFAULT_LIMITS } from '@drover/tunnel';

export interface FakeNode {
  cluster: string;
  node: string;
  engineId: string;
  credential: string;
  body: Record<string, unknown>;
}

export interface FakeServer {
  url: string;
  port: number;
  caPem: string;
  caChecksum: string;
  /** token → state; add entries before registering. */
  tokens: Map<string, 'valid' | 'expired' | 'revoked'>;
  nodes: Map<string, FakeNode>;
  registrations: Record<string, unknown>[];
  upgrades: IncomingMessage['headers'][];
  sessions: Session[];
  nextSession(): Promise<Session>;
  /** Revokes a node's credential (the next connect gets 401 REVOKED). */
  revoke(node: string): void;
  close(): Promise<void>;
}

function status(res: ServerResponse | Socket, code: number, drover: string, message: string): void {
  const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: code === 409 ? 'Conflict' : code === 400 ? 'BadRequest' : 'Unauthorized', message, code, details: { causes: [{ reason: drover, message }] } });
  if ('writeHead' in res) {
    res.writeHead(code, { 'content-type': 'application/json', 'drover-error-code': drover }).end(body);
  } else {
    res.end(`HTTP/1.1 ${code} Refused\r\nContent-Type: application/json\r\nDrover-Error-Code: ${drover}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
}

export async function startFakeServer(options: { sans?: { dnsNames?: string[]; ipAddresses?: string[] } } = {}): Promise<FakeServer> {
  const ca = await createCa({ commonName: 'fake-drover-ca' });
  const leaf = await issueCertificate(ca, { commonName: 'fake-drover', usages: 'server', ...(options.sans ?? { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] }) });
  const tokens = new Map<string, 'valid' | 'expired' | 'revoked'>();
  const nodes = new Map<string, FakeNode>();
  const revoked = new Set<string>();
  const registrations: Record<string, unknown>[] = [];
  const upgrades: IncomingMessage['headers'][] = [];
  const sessions: Session[] = [];
  const waiters: ((s: Session) => void)[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
    if (req.method === 'GET' && req.url === '/cacerts') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(ca.certPem);
      return;
    }
    if (req.method === 'POST' && req.url === '/v1/agent/register') {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return status(res, 400, 'DROVER_ERR_REGISTRATION_INVALID', 'body is not JSON');
        }
        registrations.push(body);
        const state = tokens.get(String(body.token));
        if (state === undefined) return status(res, 401, 'DROVER_ERR_REGISTRATION_TOKEN_UNKNOWN', 'registration token is unknown');
        if (state === 'expired') return status(res, 401, 'DROVER_ERR_REGISTRATION_TOKEN_EXPIRED', 'registration token expired at 2026-01-01T00:00:00Z');
        if (state === 'revoked') return status(res, 401, 'DROVER_ERR_REGISTRATION_TOKEN_REVOKED', 'registration token has been revoked');
        const docker = body.docker as { engineId?: string } | undefined;
        const name = String(body.nodeName);
        const existing = nodes.get(name);
        if (existing && existing.engineId !== docker?.engineId) {
          return status(res, 409, 'DROVER_ERR_REGISTRATION_NODE_CONFLICT', `node ${name} belongs to engine ${existing.engineId} (host ${String(existing.body.hostname)}); this is engine ${docker?.engineId} (host ${String(body.hostname)})`);
        }
        if (existing) revoked.add(existing.credential);
        const credential = `drover_node_${randomBytes(16).toString('hex')}`;
        nodes.set(name, { cluster: 'prod', node: name, engineId: docker?.engineId ?? '', credential, body });
        res.writeHead(existing ? 200 : 201, { 'content-type': 'application/json' }).end(JSON.stringify({ cluster: 'prod', node: name, credential, tunnelPath: '/v1/agent/tunnel' }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: maxWebSocketPayload(DEFAULT_LIMITS.maxFrameBytes) });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgrades.push(req.headers);
    if (req.url !== '/v1/agent/tunnel') return status(socket, 404, 'DROVER_ERR_NOT_FOUND', 'no such endpoint');
    const credential = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (credential !== undefined && revoked.has(credential)) return status(socket, 401, 'DROVER_ERR_NODE_CREDENTIAL_REVOKED', 'node credential has been revoked');
    const node = [...nodes.values()].find((n) => n.credential === credential);
    if (node === undefined) return status(socket, 401, 'DROVER_ERR_NODE_CREDENTIAL_UNKNOWN', 'node credential is unknown');
    if (req.headers['x-drover-engine-id'] !== node.engineId) return status(socket, 403, 'DROVER_ERR_NODE_ENGINE_MISMATCH', `credential of node ${node.node} presented from another engine`);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(new WebSocketTransport(ws), { role: 'server' }).start();
      sessions.push(session);
      void session.ready().then(() => waiters.shift()?.(session), () => undefined);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    caPem: ca.certPem,
    caChecksum: createHash('sha256').update(ca.certPem).digest('hex'),
    tokens,
    nodes,
    registrations,
    upgrades,
    sessions,
    nextSession: () => new Promise((r) => waiters.push(r)),
    revoke(name) {
      const n = nodes.get(name);
      if (n) revoked.add(n.credential);
    },
    async close() {
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      wss.close();
      await new Promise((r) => server.close(r));
    },
  };
}
