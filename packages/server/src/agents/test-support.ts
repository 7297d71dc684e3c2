/**
 * Test support for the agent endpoints: a started server (HTTPS on 127.0.0.1 unless told
 * otherwise, real store, fast heartbeats, logs captured), an admin token, a cluster with a
 * registration token, and an agent side made of `@drover/tunnel`'s connectTunnel with the
 * server's CA checksum. Exported to other workspace members as `@drover/server/testing`.
 */
import { request as httpsRequest } from 'node:https';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { allowTargets, connectTunnel, isTunnelError } from '@drover/tunnel';
import type { ServiceHandler, Session } from '@drover/tunnel';
import { buildServer } from '../app.ts';
import type { ServerDeps } from '../app.ts';
import { ensureAdmin } from '../auth/users.ts';
import { parseConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';

export const G = '/apis/management.drover.dev/v1';
const PASSWORD = 'agent-tests-password';

export interface AgentTestServer {
  t: TempStore;
  app: FastifyInstance;
  url: string;
  admin: string;
  logs: string[];
  close(): Promise<void>;
}

/** Where a test server listens: by default 127.0.0.1 on a free port. */
export interface TestListen {
  /** Default 127.0.0.1; 0.0.0.0 for clients in other network namespaces (test/e2e). */
  host?: string;
  /** Default 0 (a free port); a restart passes the port of the first start. */
  port?: number;
  /** The host in `url` when `host` is a wildcard address. Default `host`. */
  publicHost?: string;
}

/** The test server's log: pino at `level` (default debug), lines kept in `logs` unless `keep` is false (benchmarks). */
export interface TestLog {
  level?: string;
  keep?: boolean;
}

/**
 * A started server; with `reuse`, on that store (a restart: close() then leaves the store open).
 * `env` overrides the DROVER_* settings below (e.g. DROVER_EXTERNAL_URL); `deps` go to buildServer
 * (e.g. the proxy's apiserver target).
 */
export async function startAgentTestServer(env: Record<string, string> = {}, reuse?: TempStore, listen: TestListen = {}, deps: Omit<ServerDeps, 'store' | 'logger'> = {}, log: TestLog = {}): Promise<AgentTestServer> {
  const { host = '127.0.0.1', port = 0 } = listen;
  const t = reuse ?? (await createTempStore());
  const parsed = parseConfig(
    {
      DROVER_DATA_DIR: join(t.dir, 'data'),
      DROVER_LISTEN: `${host}:${port}`,
      DROVER_TUNNEL_PING_INTERVAL_MS: '200',
      DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '1500',
      DROVER_TUNNEL_GOAWAY_GRACE_MS: '300',
      DROVER_NODE_RTT_WRITE_INTERVAL_MS: '0',
      DROVER_NODE_ORPHAN_GRACE_MS: '0',
      ...env,
    },
    [],
  );
  if (parsed.help) throw new Error('help');
  await ensureAdmin(t.store, PASSWORD);
  const logs: string[] = [];
  const keep = log.keep ?? true;
  const logger = createLogger({ level: log.level ?? 'debug' }, { write: (s: string) => void (keep && logs.push(s)) });
  const app = await buildServer(parsed.config, { ...deps, store: t.store, logger });
  await app.listen({ host, port });
  const url = `https://${listen.publicHost ?? host}:${(app.server.address() as AddressInfo).port}`;
  const login = await app.inject({ method: 'POST', url: '/v1/login', payload: { username: 'admin', password: PASSWORD } });
  const admin = login.json<{ token: string }>().token;
  return {
    t,
    app,
    url,
    admin,
    logs,
    async close() {
      await app.close();
      if (reuse === undefined) await t.cleanup();
    },
  };
}

export interface JsonResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test assertions walk arbitrary JSON
  body: any;
}

/** A request over real HTTPS, trusting the server's CA; a body goes as JSON unless `contentType` says otherwise. */
export function https(s: AgentTestServer, method: string, path: string, body?: unknown, token?: string, contentType = 'application/json'): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': contentType };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const req = httpsRequest(`${s.url}${path}`, { method, ca: s.app.drover.caPem, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** An API call as admin (inject). */
export async function api(s: AgentTestServer, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<JsonResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${s.admin}` };
  if (method === 'PATCH') headers['content-type'] = 'application/merge-patch+json';
  const res = await s.app.inject({ method, url: `${G}${path}`, headers, ...(body === undefined ? {} : { payload: body as object }) });
  return { status: res.statusCode, headers: res.headers as JsonResponse['headers'], body: res.body === '' ? undefined : (JSON.parse(res.body) as unknown) };
}

/** Creates a cluster and a registration token; returns the token. */
export async function clusterWithToken(s: AgentTestServer, cluster: string, tokenName = 'join', spec: Record<string, unknown> = {}): Promise<string> {
  const c = await api(s, 'POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: cluster } });
  if (c.status !== 201 && c.status !== 409) throw new Error(`create cluster: ${c.status} ${JSON.stringify(c.body)}`);
  const rt = await api(s, 'POST', `/namespaces/${cluster}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: tokenName }, spec });
  if (rt.status !== 201) throw new Error(`create token: ${rt.status} ${JSON.stringify(rt.body)}`);
  return (rt.body as { status: { token: string } }).status.token;
}

export function registrationBody(token: string, nodeName: string, engineId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    token,
    nodeName,
    roles: ['etcd', 'controlplane', 'worker'],
    labels: { zone: 'a' },
    taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }],
    address: '10.0.0.5',
    internalAddress: '192.168.0.5',
    agentVersion: '0.1.0',
    docker: { version: '28.2.2', engineId, storageDriver: 'overlay2', cgroupDriver: 'systemd', os: 'Debian GNU/Linux 12', kernel: '6.1.0', cpus: 2, memoryBytes: 2_000_000_000 },
    hostname: `${nodeName}-host`,
    ...extra,
  };
}

export async function register(s: AgentTestServer, token: string, nodeName: string, engineId: string, extra: Record<string, unknown> = {}): Promise<JsonResponse> {
  return https(s, 'POST', '/v1/agent/register', registrationBody(token, nodeName, engineId, extra));
}

/** The agent side: a tunnel session with the node credential, allowing the given loopback ports (and serving `services`). */
export async function connectAgent(s: AgentTestServer, credential: string, engineId: string, ports: number[] = [], via?: string, services?: ReadonlyMap<string, ServiceHandler>): Promise<Session> {
  const info = Buffer.from(JSON.stringify({ docker: { engineId, version: '28.2.2' }, address: '10.0.0.5', hostname: 'agent-host' })).toString('base64');
  return connectTunnel({
    url: `${(via ?? s.url).replace('https:', 'wss:')}/v1/agent/tunnel`,
    caChecksum: s.app.drover.caChecksum,
    headers: { authorization: `Bearer ${credential}`, 'x-drover-engine-id': engineId, 'x-drover-agent-version': '0.1.0', 'x-drover-node-info': info },
    session: { dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports }, ...[...(services?.keys() ?? [])].map((name) => ({ kind: 'service' as const, name }))]), ...(services === undefined ? {} : { services }) },
  });
}

/** A refused connect: the HTTP status and the Status body the server answered with. */
export async function refusedConnect(s: AgentTestServer, credential: string, engineId: string): Promise<{ status: number; code: string; message: string }> {
  try {
    const session = await connectAgent(s, credential, engineId);
    session.destroy();
  } catch (err) {
    if (!isTunnelError(err) || err.details === undefined) throw err;
    const body = JSON.parse(String(err.details.body)) as { message: string; details: { causes: { reason: string }[] } };
    return { status: err.details.status as number, code: body.details.causes[0]!.reason, message: body.message };
  }
  throw new Error('the tunnel was not refused');
}

/** 'connected', or the error code of one TCP connect to 127.0.0.1:`port` (ECONNREFUSED: nothing listens). */
export function tcpConnectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** A TCP echo server on 127.0.0.1 that prefixes its answers. */
export async function startEcho(prefix = 'echo:'): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    sock.on('data', (d: Buffer) => sock.write(`${prefix}${d.toString()}`));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const sock of sockets) sock.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

/** The events of a cluster as [reason, message] pairs. */
export async function eventsOf(s: AgentTestServer, cluster: string): Promise<{ reason: string; message: string; count: number; involvedObject: { kind: string; name: string } }[]> {
  await s.app.drover.flushAgentWrites(); // Events are written in shared transactions, a moment later
  const res = await api(s, 'GET', `/namespaces/${cluster}/events`);
  return (res.body as { items: { reason: string; message: string; count: number; involvedObject: { kind: string; name: string } }[] }).items;
}

/**
 * A TCP relay on 127.0.0.1 to `port`; `freeze()` stops forwarding both ways without closing
 * anything, as a router dropping a host's packets would.
 */
export async function startRelay(port: number): Promise<{ url: string; freeze(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port });
    for (const sock of [client, upstream]) {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
      sock.on('error', () => undefined);
    }
    client.on('data', (d: Buffer) => void (frozen || upstream.write(d)));
    upstream.on('data', (d: Buffer) => void (frozen || client.write(d)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    freeze: () => void (frozen = true),
    async close() {
      for (const sock of sockets) sock.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
