/**
 * How a command reaches the Drover server: which server and token (flags, then DROVER_SERVER and
 * DROVER_TOKEN, then the config file `drover login` wrote), how to trust its certificate, and one
 * JSON call over undici whose failures become CLI errors with stable codes — unreachable (8), the
 * token refused (7), any other error Status (9, with the server's `Drover-Error-Code` and message).
 */
import { readFile } from 'node:fs/promises';
import { Agent } from 'undici';
import { configPath, readConfig } from './config-file.ts';
import { CliError } from './errors.ts';
import type { CommandIo } from './io.ts';

export interface ServerConnection {
  server: string;
  token: string;
  /** CA PEM to trust; undefined: the system's CAs. */
  ca?: string;
  insecureSkipTlsVerify?: boolean;
}

/** The flags every server command takes. */
export const SERVER_FLAGS = {
  server: { type: 'string' },
  token: { type: 'string' },
  'ca-file': { type: 'string' },
  'insecure-skip-tls-verify': { type: 'boolean' },
} as const;

export const SERVER_FLAGS_HELP = `  --server <url>                  Drover server (default: $DROVER_SERVER, then the login config)
  --token <t>                     Bearer token (default: $DROVER_TOKEN, then the login config)
  --ca-file <file>                PEM CA to trust for the server (default: the login config's, else the system's)
  --insecure-skip-tls-verify      Do not verify the server's certificate (tests only)`;

export interface ServerFlags {
  server?: string | undefined;
  token?: string | undefined;
  'ca-file'?: string | undefined;
  'insecure-skip-tls-verify'?: boolean | undefined;
}

export async function readCaFile(path: string): Promise<string> {
  try {
    const pem = await readFile(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error('no PEM certificate in it');
    return pem;
  } catch (err) {
    throw new CliError('DROVER_ERR_CLI_BAD_FILE', `--ca-file ${path}: ${(err as Error).message}`, { cause: err });
  }
}

export function normalizeServer(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new CliError('DROVER_ERR_CLI_USAGE', `--server must be a URL such as https://drover.example:8443; got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new CliError('DROVER_ERR_CLI_USAGE', `--server must be an http(s) URL; got ${JSON.stringify(url)}`);
  return u.origin;
}

/** Flags over environment over the config file; a missing server or token is DROVER_ERR_CLI_NOT_LOGGED_IN. */
export async function resolveConnection(flags: ServerFlags, io: CommandIo): Promise<ServerConnection> {
  const env = io.env ?? {};
  const stored = await readConfig(configPath(env));
  const server = flags.server ?? nonEmpty(env.DROVER_SERVER) ?? stored?.server;
  const token = flags.token ?? nonEmpty(env.DROVER_TOKEN) ?? stored?.token;
  if (server === undefined || token === undefined) throw new CliError('DROVER_ERR_CLI_NOT_LOGGED_IN', `not logged in: run "drover login --server <url>" or pass --server and --token (or set DROVER_SERVER and DROVER_TOKEN)`);
  const normalized = normalizeServer(server);
  // The stored CA belongs to the stored server only.
  const sameServer = stored !== undefined && normalizeServer(stored.server) === normalized;
  const ca = flags['ca-file'] !== undefined ? await readCaFile(flags['ca-file']) : sameServer ? stored.certificateAuthorityData : undefined;
  const insecure = flags['insecure-skip-tls-verify'] === true || (flags['ca-file'] === undefined && sameServer && stored.insecureSkipTlsVerify === true);
  return { server: normalized, token, ...(ca === undefined ? {} : { ca }), ...(insecure ? { insecureSkipTlsVerify: true } : {}) };
}

const nonEmpty = (s: string | undefined): string | undefined => (s === undefined || s === '' ? undefined : s);

export interface ApiResponse {
  status: number;
  body: unknown;
}

/**
 * One call; JSON in and out. `token` undefined: no Authorization header (login). A 401 throws
 * DROVER_ERR_CLI_UNAUTHORIZED, other >= 400 DROVER_ERR_CLI_API.
 */
export async function callServer(conn: Omit<ServerConnection, 'token'> & { token?: string }, method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<ApiResponse> {
  const dispatcher = new Agent({ connect: { timeout: 10_000, ...(conn.ca === undefined ? {} : { ca: conn.ca }), ...(conn.insecureSkipTlsVerify === true ? { rejectUnauthorized: false } : {}) }, headersTimeout: 60_000, bodyTimeout: 60_000 });
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (conn.token !== undefined) headers.authorization = `Bearer ${conn.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res;
    try {
      res = await dispatcher.request({ origin: conn.server, path, method, headers, body: body === undefined ? null : JSON.stringify(body), signal: signal ?? null });
    } catch (err) {
      const cause = (err as { cause?: Error }).cause;
      throw new CliError('DROVER_ERR_CLI_UNREACHABLE', `cannot reach ${conn.server}: ${(err as Error).message}${cause === undefined ? '' : ` (${cause.message})`}`, { cause: err });
    }
    const text = await res.body.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    if (res.statusCode < 400) return { status: res.statusCode, body: parsed };
    const code = res.headers['drover-error-code'];
    const message = typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string' ? (parsed as { message: string }).message : text.slice(0, 300);
    const tag = `${res.statusCode}${typeof code === 'string' ? ` ${code}` : ''}`;
    if (res.statusCode === 401) throw new CliError('DROVER_ERR_CLI_UNAUTHORIZED', `${conn.server} refused the credentials (${tag}): ${message}`);
    throw new CliError('DROVER_ERR_CLI_API', `${method} ${path}: ${tag}: ${message}`);
  } finally {
    await dispatcher.close();
  }
}
