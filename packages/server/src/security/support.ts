/**
 * Support for the security probes (issue 9): the actors of docs/security.md on a started server
 * (HTTPS on 127.0.0.1, real store): users with a role in a cluster, their login tokens, an API
 * token holder, and raw sockets for slow clients. Built on the agent test server.
 */
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { G, api, https } from '../agents/test-support.ts';
import type { AgentTestServer, JsonResponse } from '../agents/test-support.ts';

export { G, https };
export type { AgentTestServer, JsonResponse };

/** Creates User `name` (as admin) and returns a login token for it. */
export async function userWithToken(s: AgentTestServer, name: string): Promise<string> {
  const password = `${name}-password-Security-1`;
  const created = await api(s, 'POST', '/users', { apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name }, spec: { password } });
  if (created.status !== 201) throw new Error(`create user ${name}: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await https(s, 'POST', '/v1/login', { username: name, password });
  if (login.status !== 200) throw new Error(`login ${name}: ${login.status}`);
  return (login.body as { token: string }).token;
}

/** Creates Cluster `name` as admin (admin is its owner). */
export async function cluster(s: AgentTestServer, name: string): Promise<void> {
  const c = await api(s, 'POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name } });
  if (c.status !== 201) throw new Error(`create cluster ${name}: ${c.status} ${JSON.stringify(c.body)}`);
}

/** Gives `user` a role in `clusterName`. */
export async function member(s: AgentTestServer, clusterName: string, user: string, role: 'owner' | 'member' | 'read-only'): Promise<void> {
  const m = await api(s, 'POST', `/namespaces/${clusterName}/clustermembers`, {
    apiVersion: 'management.drover.dev/v1',
    kind: 'ClusterMember',
    metadata: { name: user },
    spec: { user, role },
  });
  if (m.status !== 201) throw new Error(`member ${user} in ${clusterName}: ${m.status} ${JSON.stringify(m.body)}`);
}

/** The Token object name inside a `drover_<name>_<secret>` bearer token. */
export function tokenName(token: string): string {
  const m = /^drover_([^_]+)_/.exec(token);
  if (m?.[1] === undefined) throw new Error('not a user token');
  return m[1];
}

/** A raw TLS connection to the server (for slow and idle clients). */
export function rawTls(s: AgentTestServer): Promise<TLSSocket> {
  const { port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port: Number(port), ca: s.app.drover.caPem, servername: '127.0.0.1' });
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/**
 * Resolves with how a socket ended: the server closed it (`closed`, with anything it wrote) or
 * it was still open after `waitMs` (`open`). Never leaves the socket open.
 */
export function outcome(socket: TLSSocket, waitMs: number): Promise<{ how: 'closed' | 'open'; afterMs: number; text: string }> {
  const start = Date.now();
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (c: string) => (text += c));
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ how: 'open', afterMs: Date.now() - start, text });
    }, waitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ how: 'closed', afterMs: Date.now() - start, text });
    });
  });
}

export interface StreamingResponse {
  status: number;
  res: IncomingMessage;
  /** Lines received so far. */
  lines: string[];
  close(): void;
}

/** A GET whose response is streamed (a watch); resolves at the headers, or rejects after `headersWithinMs`. */
export function streamGet(s: AgentTestServer, path: string, token: string, headersWithinMs = 10_000): Promise<StreamingResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${s.url}${path}`, { ca: s.app.drover.caPem, headers: { authorization: `Bearer ${token}` } }, (res) => {
      clearTimeout(timer);
      const lines: string[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        buf += c;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          lines.push(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
        }
      });
      res.on('end', () => {
        if (buf !== '') lines.push(buf);
      });
      res.on('error', () => undefined);
      resolve({ status: res.statusCode ?? 0, res, lines, close: () => req.destroy() });
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no response headers within ${headersWithinMs} ms`));
    }, headersWithinMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}

/** A request as `token`; a PATCH body goes as a JSON merge patch. */
export function call(s: AgentTestServer, method: string, path: string, token: string, body?: unknown): Promise<JsonResponse> {
  return https(s, method, path, body, token, method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
}

/** Resolves once `check()` holds, polling every 20 ms; rejects after `ms`. */
export async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
