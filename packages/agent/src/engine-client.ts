/**
 * A small Docker Engine API client over node:http: JSON requests on the engine's unix socket (or
 * tcp://), each bounded by a timeout and a response size, each failure naming the call. The idle
 * agent's few calls (ping, info, list, remove: docker.ts) go through it, so an agent that never
 * applies a plan does not load dockerode, whose import alone (ssh2, grpc-js, protobufjs, tar)
 * costs ~29 MiB of RSS (issue 15). node:http is loaded anyway (ws upgrades through it), and
 * through require (@drover/tunnel/node-http: its ESM import costs ~13 MiB more).
 *
 *   const engine = createEngineClient({ socketPath: '/var/run/docker.sock' });
 *   const info = await engine.request<Record<string, unknown>>('GET', '/info');
 *
 * Paths are unversioned (the engine's current API version), as dockerode sends them.
 */
import type { IncomingMessage } from 'node:http';
import { http } from '@drover/tunnel/node-http';

/** Where the engine listens: a unix socket, or host and port over plain HTTP. */
export type EngineTarget = { socketPath: string } | { host: string; port: number; protocol: 'http' };

export interface EngineClientOptions {
  /** No answer (headers and body) within this long fails the call, ms. Default 30 000. */
  timeoutMs?: number;
  /** A longer response body fails the call, bytes. Default 16 MiB. */
  maxResponseBytes?: number;
}

export const ENGINE_CLIENT_DEFAULTS = Object.freeze({
  timeoutMs: 30_000, // 30 s: /info on a loaded engine takes seconds; a hung engine must not hang the agent
  maxResponseBytes: 16 * 1024 * 1024, // 16 MiB: a list of thousands of containers fits many times over
});

export interface EngineRequestOptions {
  query?: Record<string, string | number | boolean>;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs?: number;
}

/**
 * A failed Engine API call. `statusCode` is set when the engine answered (404: no such container);
 * `code` is the socket's error code (ENOENT, ECONNREFUSED) or ETIMEDOUT when it did not.
 */
export class EngineApiError extends Error {
  override readonly name = 'EngineApiError';
  /** The call, e.g. `GET /info`. */
  readonly call: string;
  readonly statusCode: number | undefined;
  readonly code: string | undefined;

  constructor(call: string, message: string, options: { statusCode?: number; code?: string; cause?: unknown } = {}) {
    super(`${call}: ${message}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.call = call;
    this.statusCode = options.statusCode;
    this.code = options.code;
  }
}

export interface EngineClient {
  /**
   * One call; resolves with the parsed JSON body (a text body as a string, an empty one as
   * undefined). @throws EngineApiError on a status ≥ 400, a socket error, a timeout or a bad body
   */
  request<T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, options?: EngineRequestOptions): Promise<T>;
}

/** What the engine says in an error body (`{"message": "..."}`), else the raw text, shortened. */
function engineMessage(text: string): string {
  try {
    const m = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof m === 'string') return m;
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 500);
}

function readBody(res: IncomingMessage, call: string, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        res.destroy(new EngineApiError(call, `the response is larger than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.once('error', reject);
  });
}

export function createEngineClient(target: EngineTarget, options: EngineClientOptions = {}): EngineClient {
  const o = { ...ENGINE_CLIENT_DEFAULTS, ...options };
  const where = 'socketPath' in target ? { socketPath: target.socketPath } : { host: target.host, port: target.port };
  return {
    request<T>(method: 'GET' | 'POST' | 'DELETE', path: string, req: EngineRequestOptions = {}): Promise<T> {
      const call = `${method} ${path}`;
      const query = req.query === undefined ? '' : `?${new URLSearchParams(Object.entries(req.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
      const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
      const timeoutMs = req.timeoutMs ?? o.timeoutMs;
      return new Promise<T>((resolve, reject) => {
        const fail = (err: unknown): void => {
          clearTimeout(timer);
          if (err instanceof EngineApiError) reject(err);
          else reject(new EngineApiError(call, (err as Error).message, { code: (err as { code?: string }).code, cause: err }));
        };
        // A connection per call (no keep-alive): the agent makes a few calls every few seconds,
        // and a reused socket the engine just closed would fail a call for nothing.
        const r = http.request({
          ...where, method, path: `${path}${query}`, agent: false,
          headers: { host: 'docker', connection: 'close', ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': body.length }) },
        }, (res) => {
          readBody(res, call, o.maxResponseBytes).then((text) => {
            clearTimeout(timer);
            const status = res.statusCode ?? 0;
            if (status >= 400) {
              reject(new EngineApiError(call, `the engine answered ${status}: ${engineMessage(text)}`, { statusCode: status }));
              return;
            }
            if (text === '') return resolve(undefined as T);
            if (!/^application\/json\b/.test(res.headers['content-type'] ?? '')) return resolve(text as T);
            try {
              resolve(JSON.parse(text) as T);
            } catch (err) {
              reject(new EngineApiError(call, `the engine's answer is not JSON: ${(err as Error).message}`, { statusCode: status, cause: err }));
            }
          }, fail);
        });
        const timer = setTimeout(() => {
          fail(new EngineApiError(call, `no answer within ${timeoutMs} ms`, { code: 'ETIMEDOUT' }));
          r.destroy();
        }, timeoutMs);
        r.once('error', fail);
        r.end(body);
      });
    },
  };
}
