/**
 * HTTPS to the server with undici: the pinned CA (or, for the one /cacerts fetch, no
 * verification), through HTTPS_PROXY unless NO_PROXY says otherwise (the tunnel's `proxyFor`).
 * Failures become AgentErrors that name the URL and the proxy in use.
 *
 * undici is imported on a client's first request, not with this module: only registration
 * talks HTTP to the server (the tunnel is ws), so an agent restarted with its node.json never
 * loads it (issue 15: ~2 MiB less idle RSS in the bundled agent).
 */
import type * as Undici from 'undici';
import { proxyFor, type ProxySettings } from '@drover/tunnel';
import { AgentError } from './errors.ts';
import { explainTls } from './tls-explain.ts';

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
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Where a request goes, for messages: the proxy's host (never its credentials) or "direct". */
export function describeRoute(proxy: URL | undefined): string {
  return proxy ? `through proxy ${proxy.protocol}//${proxy.host}` : 'directly (no proxy applies)';
}

function errorCode(err: unknown): string {
  for (let e = err as (Error & { code?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && !e.code.startsWith('UND_ERR_SOCKET')) return e.code;
  }
  return '';
}

/**
 * A client for one server. `ca` undefined with `verify: false` is the trust-on-first-contact
 * fetch; every other client verifies against exactly the pinned CA.
 */
export function createServerClient(target: HttpTarget, tls: { ca?: string; verify: boolean }): ServerClient {
  const base = new URL(target.server);
  const proxy = proxyFor(base, target.proxy);
  const connect = { timeout: target.timeoutMs, rejectUnauthorized: tls.verify, ...(tls.ca ? { ca: tls.ca } : {}) };
  let loaded: Promise<{ undici: typeof Undici; dispatcher: Undici.Dispatcher }> | undefined;
  const load = () => (loaded ??= import('undici').then((undici) => ({
    undici,
    dispatcher: proxy
      ? new undici.ProxyAgent({ uri: proxy.href, requestTls: connect, proxyTunnel: true, connectTimeout: target.timeoutMs })
      : new undici.Agent({ connect }),
  })));
  return {
    proxy,
    async request(method, path, body) {
      const url = new URL(path, base);
      const { undici, dispatcher } = await load();
      try {
        const res = await undici.request(url, {
          method,
          dispatcher,
          headersTimeout: target.timeoutMs,
          bodyTimeout: target.timeoutMs,
          headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.body.text();
        return { status: res.statusCode, headers: res.headers, text };
      } catch (err) {
        throw explainTls(err, base) ?? new AgentError(
          'DROVER_ERR_AGENT_SERVER_UNREACHABLE',
          `cannot reach the server at ${base.origin} ${describeRoute(proxy)}: ${[errorCode(err), (err as Error).message].filter(Boolean).join(' ')}`,
          { cause: err, details: { url: base.origin, proxy: proxy ? `${proxy.protocol}//${proxy.host}` : undefined } },
        );
      }
    },
    close: async () => {
      if (loaded !== undefined) await (await loaded).dispatcher.close();
    },
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
