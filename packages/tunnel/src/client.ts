/**
 * The dialling side: connects a WebSocket to the server (through an HTTP
 * CONNECT proxy when HTTPS_PROXY says so, pinning the server's CA by checksum)
 * and runs a client Session on it. `TunnelClient` keeps one session up
 * forever, reconnecting with exponential backoff and full jitter.
 *
 *   const client = new TunnelClient({ url: 'wss://drover.example/v1/tunnel', caChecksum, headers: () => auth() , session: { dialPolicy } });
 *   client.on('session', (s) => log.info('connected'));
 *   client.start();
 */
import { EventEmitter } from 'node:events';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { silentLogger, type TunnelLogger } from './logger.ts';
import WebSocket from 'ws';
import { Backoff, type BackoffOptions } from './backoff.ts';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { HEADER_BYTES, MAX_CONTROL_BYTES } from './frame.ts';
import { resolveLimits } from './limits.ts';
import { proxyFor, type ProxySettings } from './proxy.ts';
import { Session, type SessionOptions } from './session.ts';
import { canonicalPem, explainTlsError, fetchPinnedCa, pemChecksum, TLS_VERIFY_CODES, serverConnection } from './tls-pin.ts';
import { WebSocketTransport } from './transport.ts';

export type HeaderSource = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

export interface ConnectOptions {
  /** ws:// or wss:// URL of the server's tunnel endpoint. */
  url: string;
  /** Headers for the upgrade request (credentials); a function is called on every attempt. */
  headers?: HeaderSource;
  /** Hex SHA-256 of the CA certificate PEM the server must chain to (wss only). */
  caChecksum?: string;
  /** CA certificate PEM to trust; with caChecksum it must match it. */
  ca?: string;
  /** HTTPS_PROXY / HTTP_PROXY / NO_PROXY values. */
  proxy?: ProxySettings;
  /**
   * Mask client frames with random keys (RFC 6455). Default: only for plain ws://;
   * under TLS intermediaries cannot read the bytes, so frames go with a zero key
   * and no XOR (docs/adr/0005-ca-pinning-by-checksum.md).
   */
  maskFrames?: boolean;
  /** Limit for TCP + TLS + upgrade, ms. Default 10 s. */
  connectTimeoutMs?: number;
  /**
   * Source address of the TCP connection (direct connections only, not through a proxy). The
   * scale benchmark spreads simulated agents over 127.0.x.y so ephemeral ports do not run out.
   */
  localAddress?: string;
  /** Options for the Session (role is always 'client'). */
  session?: Omit<SessionOptions, 'role'>;
}

/** ws `maxPayload` matching the tunnel limits: the largest frame either kind may be. */
export function maxWebSocketPayload(maxFrameBytes: number): number {
  return Math.max(maxFrameBytes, MAX_CONTROL_BYTES) + HEADER_BYTES;
}

async function resolveHeaders(h: HeaderSource | undefined): Promise<Record<string, string>> {
  return typeof h === 'function' ? await h() : (h ?? {});
}

/** Reads at most 4 KiB of an error response body. */
function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (body.length < 4096) body += chunk;
    });
    res.on('end', () => resolve(body.slice(0, 4096)));
    res.on('error', () => resolve(body));
  });
}

/** Opens the WebSocket (no session yet). Rejects with a TunnelError: CONNECT_FAILED, CA_MISMATCH or TLS. */
export async function connectWebSocket(options: ConnectOptions): Promise<WebSocketTransport> {
  const url = new URL(options.url);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `tunnel URL must be ws:// or wss://, got ${url.protocol}`);
  const secure = url.protocol === 'wss:';
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const proxy = proxyFor(url, options.proxy);
  let ca = options.ca;
  if (secure && options.caChecksum) {
    if (ca) {
      const actual = pemChecksum(canonicalPem(ca));
      if (actual !== options.caChecksum.toLowerCase()) {
        throw new TunnelError(TunnelErrorCodes.CA_MISMATCH, `the CA given does not match the pinned checksum: expected ${options.caChecksum.toLowerCase()}, actual ${actual}`, { details: { expected: options.caChecksum.toLowerCase(), actual } });
      }
    } else {
      ca = await fetchPinnedCa(url, options.caChecksum, proxy, timeoutMs);
    }
  }
  const headers = await resolveHeaders(options.headers);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || (secure ? 443 : 80);
  const limits = resolveLimits(options.session?.limits);
  const mask = options.maskFrames ?? !secure;
  const createConnection = serverConnection({ host, port, secure, proxy, timeoutMs, ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }), ...(ca === undefined ? {} : { ca }) });
  const ws = new WebSocket(url, {
    headers,
    perMessageDeflate: false,
    maxPayload: maxWebSocketPayload(limits.maxFrameBytes),
    handshakeTimeout: timeoutMs,
    skipUTF8Validation: true,
    // Masking protects plaintext intermediaries; under TLS nobody can read the bytes, so skip the XOR.
    ...(mask ? {} : { generateMask: (key: Buffer) => void key.fill(0) }),
    createConnection: createConnection as unknown as WebSocket.ClientOptions['createConnection'],
  });
  return new Promise<WebSocketTransport>((resolve, reject) => {
    const fail = (err: TunnelError) => {
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      reject(err);
    };
    ws.once('open', () => {
      ws.removeAllListeners();
      resolve(new WebSocketTransport(ws, { zeroMask: !mask })); // listens now, so no frame is lost before the Session attaches
    });
    ws.once('unexpected-response', (_req: ClientRequest, res: IncomingMessage) => {
      void readBody(res).then((body) => {
        // A Drover server answers with a Kubernetes Status body (numeric `code`) and its stable
        // error code in the Drover-Error-Code header; other servers may send a string `code`.
        const header = res.headers['drover-error-code'];
        let serverCode = typeof header === 'string' ? header : undefined;
        let reason = body;
        try {
          const parsed = JSON.parse(body) as { message?: unknown; code?: unknown };
          if (serverCode === undefined && typeof parsed.code === 'string') serverCode = parsed.code;
          if (typeof parsed.message === 'string') reason = parsed.message;
        } catch {
          // plain-text body
        }
        const text = [serverCode, reason].filter(Boolean).join(': ');
        fail(new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `server refused the tunnel: HTTP ${res.statusCode}${text ? `: ${text}` : ''}`, { details: { status: res.statusCode, serverCode, body } }));
      });
    });
    ws.once('error', (err: Error & { code?: string }) => {
      if (err instanceof TunnelError) return fail(err);
      if (err.code && TLS_VERIFY_CODES.has(err.code)) return fail(explainTlsError(err, url.host));
      fail(new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `cannot connect to ${url.host}${proxy ? ` through proxy ${proxy.host}` : ''}: ${err.message}`, { cause: err, details: { proxy: proxy?.host } }));
    });
  });
}

/** One attempt: WebSocket plus a started client Session whose handshake has completed. */
export async function connectTunnel(options: ConnectOptions): Promise<Session> {
  const transport = await connectWebSocket(options);
  const session = new Session(transport, { ...options.session, role: 'client' }).start();
  await session.ready();
  return session;
}

/** True when `err` (or a cause of it) is a TCP connection refused: nothing listens there now. */
function connectionRefused(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') return true;
  }
  return false;
}

export interface TunnelClientOptions extends ConnectOptions {
  backoff?: BackoffOptions;
  /** A session that stayed up this long resets the backoff, ms. Default 30 s. */
  stableAfterMs?: number;
  logger?: TunnelLogger;
  /** Replaces connectTunnel (tests). */
  connect?: (options: ConnectOptions) => Promise<Session>;
}

export interface TunnelClientEvents {
  session: [session: Session];
  /** A connect attempt failed or a session ended; the next attempt is in `delayMs`. */
  retry: [info: { error: Error | undefined; delayMs: number; attempt: number }];
  closed: [];
}

/**
 * Keeps one tunnel session up until `close()`. After a failure it waits a
 * full-jitter backoff delay; a refusal by the server (HTTP 401/403) waits at
 * the cap; a GOAWAY from the server reconnects at once while the old session drains.
 */
export class TunnelClient extends EventEmitter<TunnelClientEvents> {
  readonly #options: TunnelClientOptions;
  readonly #backoff: Backoff;
  readonly #log: TunnelLogger;
  readonly #stop = new AbortController();
  #session: Session | undefined;
  #running: Promise<void> | undefined;

  constructor(options: TunnelClientOptions) {
    super();
    this.#options = options;
    this.#backoff = new Backoff(options.backoff);
    this.#log = options.logger ?? silentLogger;
  }

  /** The current session, when connected. */
  get session(): Session | undefined {
    return this.#session?.state === 'open' ? this.#session : undefined;
  }

  start(): this {
    this.#running ??= this.#run();
    return this;
  }

  async #run(): Promise<void> {
    const connect = this.#options.connect ?? connectTunnel;
    const signal = this.#stop.signal;
    while (!signal.aborted) {
      let error: Error | undefined;
      let delayMs: number;
      try {
        const session = await connect(this.#options);
        if (signal.aborted) {
          session.destroy();
          break;
        }
        this.#session = session;
        const upAt = Date.now();
        this.emit('session', session);
        const goaway = new Promise<'goaway'>((resolve) => session.once('goaway', () => resolve('goaway')));
        const outcome = await Promise.race([session.closed, goaway, new Promise<'stop'>((r) => signal.addEventListener('abort', () => r('stop'), { once: true }))]);
        if (outcome === 'stop') break;
        if (Date.now() - upAt >= (this.#options.stableAfterMs ?? 30_000)) this.#backoff.reset();
        if (outcome === 'goaway') {
          this.#log.info('tunnel server is going away; reconnecting now');
          delayMs = 0;
        } else {
          error = outcome;
          delayMs = this.#backoff.next();
        }
      } catch (err) {
        error = err as Error;
        const status = (err as TunnelError).details?.status;
        delayMs = status === 401 || status === 403 ? this.#backoff.atCap() : this.#backoff.next({ refused: connectionRefused(err) });
      }
      if (signal.aborted) break;
      this.#log.warn({ err: error?.message, code: (error as TunnelError | undefined)?.code, delayMs }, 'tunnel disconnected; retrying');
      this.emit('retry', { error, delayMs, attempt: this.#backoff.attempt });
      if (delayMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, delayMs);
          function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
          }
          signal.addEventListener('abort', done, { once: true });
        });
      }
    }
  }

  /** Stops reconnecting and closes the current session gracefully (GOAWAY, drain). */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    this.#stop.abort();
    await this.#session?.close(options);
    await this.#running;
    this.emit('closed');
    this.removeAllListeners();
  }

  /** Stops reconnecting and drops the current session now. */
  destroy(err?: Error): void {
    this.#stop.abort();
    this.#session?.destroy(err);
    this.removeAllListeners();
  }
}
