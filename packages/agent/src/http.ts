/**
 * HTTPS to the server with node:https: the pinned CA (or, for the one /cacerts fetch, no
 * verification), through HTTPS_PROXY unless NO_PROXY says otherwise (the tunnel's `proxyFor`
 * and `serverConnection`, the path its WebSocket takes). Failures become AgentErrors that name
 * the URL and the proxy in use.
 *
 * Not undici (ADR 0028): registration makes two or three requests in an agent's life, and
 * loading undici (its llhttp WebAssembly and ~1.4 MB of code) stayed in the agent's memory for
 * good after them: 17 MiB of RSS, which every agent registered once carried until it
 * restarted. node:https is loaded anyway (ws upgrades through it).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { proxyFor, serverConnection, type ProxySettings, type ServerConnection } from '@drover/tunnel';
import { http, https } from '@drover/tunnel/node-http';
import { AgentError } from './errors.ts';
import { explainTls } from './tls-explain.ts';

/** Largest answer read, bytes: the server's answers to the agent are a few KiB. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface HttpTarget {
  /** `https://host[:port]` */
  server: string;
  proxy: ProxySettings;
  timeoutMs: number;
}

export interface ServerClient {
  readonly proxy: URL | undefined;
  request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpAnswer>;
  close(): Promise<void>;
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Where a request goes, for messages: the proxy's host (never its credentials) or "direct". */
export function describeRoute(proxy: URL | undefined): string {
  return proxy ? `through proxy ${proxy.protocol}//${proxy.host}` : 'directly (no proxy applies)';
}

function errorCode(err: unknown): string {
  for (let e = err as (Error & { code?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return '';
}

/**
 * One request on its own connection; the whole exchange bounded by `timeoutMs`. No `agent`
 * option: with `createConnection` and no agent, ClientRequest uses no Agent (`agent: false` would
 * make a default one, which dials by itself and ignores createConnection).
 */
function exchange(url: URL, method: string, body: unknown, createConnection: ServerConnection, timeoutMs: number): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string | number> = payload === undefined
    ? { accept: 'application/json' }
    : { accept: 'application/json', 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer);
      reject(err);
    };
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, createConnection }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', fail);
    req.end(payload);
  });
}

/**
 * A client for one server. `ca` undefined with `verify: false` is the trust-on-first-contact
 * fetch; every other client verifies against exactly the pinned CA.
 */
export function createServerClient(target: HttpTarget, tls: { ca?: string; verify: boolean }): ServerClient {
  const base = new URL(target.server);
  const proxy = proxyFor(base, target.proxy);
  const secure = base.protocol === 'https:';
  const host = base.hostname.replace(/^\[|\]$/g, '');
  const createConnection = serverConnection({
    host, port: Number(base.port) || (secure ? 443 : 80), secure, proxy, timeoutMs: target.timeoutMs, verify: tls.verify, ...(tls.ca === undefined ? {} : { ca: tls.ca }),
  });
  return {
    proxy,
    async request(method, path, body) {
      const url = new URL(path, base);
      try {
        return await exchange(url, method, body, createConnection, target.timeoutMs);
      } catch (err) {
        throw explainTls(err, base) ?? new AgentError(
          'DROVER_ERR_AGENT_SERVER_UNREACHABLE',
          `cannot reach the server at ${base.origin} ${describeRoute(proxy)}: ${[errorCode(err), (err as Error).message].filter(Boolean).join(' ')}`,
          { cause: err, details: { url: base.origin, proxy: proxy ? `${proxy.protocol}//${proxy.host}` : undefined } },
        );
      }
    },
    // Nothing pooled: every request had its own connection, closed after it.
    close: () => Promise.resolve(),
  };
}

export interface StatusInfo {
  /** The Drover error code: the Drover-Error-Code header, else the Status's details.causes[0].reason. */
  code: string | undefined;
  message: string;
  reason: string | undefined;
}

/** The message and Drover code of a Kubernetes Status body (or the raw text when it is not one). */
export function statusFromBody(text: string, header?: string): StatusInfo {
  try {
    const s = JSON.parse(text) as { message?: unknown; reason?: unknown; details?: { causes?: { reason?: unknown }[] } };
    if (typeof s.message === 'string') {
      const cause = s.details?.causes?.[0]?.reason;
      return { code: header ?? (typeof cause === 'string' ? cause : undefined), message: s.message, reason: typeof s.reason === 'string' ? s.reason : undefined };
    }
  } catch {
    // not JSON: the text itself
  }
  return { code: header, message: text.slice(0, 500), reason: undefined };
}

/** A Status answer's code and message. */
export function parseStatus(answer: HttpAnswer): StatusInfo {
  const header = answer.headers['drover-error-code'];
  const info = statusFromBody(answer.text, typeof header === 'string' ? header : undefined);
  return info.message ? info : { ...info, message: `HTTP ${answer.status}` };
}
