/**
 * A small client of the Docker Registry HTTP API v2 (the OCI distribution spec) over undici: what
 * `drover images mirror` needs and nothing more — manifests by tag or digest, blob HEAD/GET,
 * monolithic blob upload (POST then PUT ?digest=), cross-repository mount.
 *
 * Why not a Docker engine: an air-gap operator mirrors from a laptop or a jump host that has none,
 * and the engine would unpack every layer. The registry API moves the bytes as they are, so the
 * manifest digests at the target equal the source's.
 *
 * Auth: the registry's 401 challenge decides. `Basic` sends the configured credentials; `Bearer
 * realm=…,service=…` fetches a token for `repository:<repo>:pull[,push]` from the realm (with the
 * credentials as Basic when given, anonymously otherwise) and caches it per scope. Credentials
 * never appear in an error message. Plain HTTP for loopback hosts and `insecure` registries,
 * HTTPS otherwise.
 */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import type { Readable } from 'node:stream';

export interface RegistryEndpoint {
  /** `host[:port]` as in an image reference. */
  host: string;
  /** Plain HTTP (also implied for 127.0.0.0/8, localhost and [::1]). */
  insecure?: boolean;
  username?: string;
  password?: string;
}

/** A failed registry call: `status` 0 for a transport error; the message names the registry and the URL path. */
export class RegistryError extends Error {
  readonly status: number;
  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RegistryError';
    this.status = status;
  }
}

type Method = 'GET' | 'HEAD' | 'PUT' | 'POST';
export type Scope = 'pull' | 'pull,push';

interface Call {
  method: Method;
  /** Path and query under the registry's origin (`/v2/...`), or an absolute URL (upload locations, redirects). */
  path: string;
  repository: string;
  scope: Scope;
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  signal?: AbortSignal;
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$/;
/** Redirects followed on a GET (registries send blobs from object storage). */
const MAX_REDIRECTS = 5;

function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const m of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[m[1]!.toLowerCase()] = m[2]!;
  return { scheme, params };
}

export class RegistryClient {
  readonly host: string;
  readonly origin: string;
  readonly #endpoint: RegistryEndpoint;
  readonly #dispatcher: Dispatcher;
  /** Authorization header per `<repository>:<scope>` once a challenge was answered. */
  readonly #auth = new Map<string, string>();

  constructor(endpoint: RegistryEndpoint, dispatcher?: Dispatcher) {
    this.#endpoint = endpoint;
    this.host = endpoint.host;
    const plain = endpoint.insecure === true || LOOPBACK.test(endpoint.host);
    this.origin = `${plain ? 'http' : 'https'}://${endpoint.host}`;
    this.#dispatcher = dispatcher ?? new Agent({ connect: { timeout: 10_000 }, headersTimeout: 60_000, bodyTimeout: 120_000 });
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }

  /** One call; answers a 401 challenge once (bodies that are streams must come after an authenticated call). */
  async call(c: Call): Promise<Dispatcher.ResponseData> {
    const key = `${c.repository}:${c.scope}`;
    let res = await this.#send(c, this.#auth.get(key));
    if (res.statusCode === 401 && !(c.body !== undefined && !Buffer.isBuffer(c.body))) {
      const challenge = res.headers['www-authenticate'];
      await res.body.dump();
      if (typeof challenge !== 'string') throw new RegistryError(401, `${this.host}: ${c.method} ${c.path}: 401 without a challenge`);
      this.#auth.set(key, await this.#answer(challenge, c));
      res = await this.#send(c, this.#auth.get(key));
    }
    if (res.statusCode === 401) {
      await res.body.dump();
      throw new RegistryError(401, `${this.host}: ${c.method} ${c.path}: unauthorized (${this.#endpoint.username === undefined ? 'no credentials given' : 'credentials refused'})`);
    }
    return res;
  }

  async #send(c: Call, authorization: string | undefined): Promise<Dispatcher.ResponseData> {
    let url = new URL(c.path, this.origin);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { ...c.headers };
      // Credentials go only to the registry itself, never to a storage backend it redirects to.
      if (authorization !== undefined && url.origin === this.origin) headers.authorization = authorization;
      let res: Dispatcher.ResponseData;
      try {
        res = await this.#dispatcher.request({ origin: url.origin, path: `${url.pathname}${url.search}`, method: c.method, headers, body: c.body ?? null, signal: c.signal ?? null });
      } catch (err) {
        if (c.signal?.aborted === true) throw err;
        throw new RegistryError(0, `${this.host}: ${c.method} ${url.pathname}: ${(err as Error).message}`, { cause: err });
      }
      const location = res.headers.location;
      if ((c.method === 'GET' || c.method === 'HEAD') && [301, 302, 303, 307, 308].includes(res.statusCode) && typeof location === 'string' && hop < MAX_REDIRECTS) {
        await res.body.dump();
        url = new URL(location, url);
        continue;
      }
      return res;
    }
  }

  /** The Authorization header for a challenge. */
  async #answer(challenge: string, c: Call): Promise<string> {
    const { scheme, params } = parseChallenge(challenge);
    const { username, password } = this.#endpoint;
    const basic = username === undefined ? undefined : `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
    if (scheme === 'basic') {
      if (basic === undefined) throw new RegistryError(401, `${this.host}: the registry asks for credentials (--registry-username/--source-username)`);
      return basic;
    }
    if (scheme !== 'bearer' || params.realm === undefined) throw new RegistryError(401, `${this.host}: unsupported auth challenge ${JSON.stringify(scheme)}`);
    const realm = new URL(params.realm);
    if (params.service !== undefined) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', `repository:${c.repository}:${c.scope}`);
    let res: Dispatcher.ResponseData;
    try {
      res = await this.#dispatcher.request({ origin: realm.origin, path: `${realm.pathname}${realm.search}`, method: 'GET', headers: basic === undefined ? {} : { authorization: basic }, signal: c.signal ?? null });
    } catch (err) {
      throw new RegistryError(0, `${this.host}: token service ${realm.origin}: ${(err as Error).message}`, { cause: err });
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      throw new RegistryError(res.statusCode, `${this.host}: token service ${realm.origin} refused ${c.repository} (${res.statusCode})`);
    }
    const body = (await res.body.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (token === undefined) throw new RegistryError(502, `${this.host}: token service ${realm.origin} returned no token`);
    return `Bearer ${token}`;
  }
}

/** Reads a failed response into a RegistryError naming the registry, the call and the registry's own error code. */
export async function failure(client: RegistryClient, what: string, res: Dispatcher.ResponseData): Promise<RegistryError> {
  let detail = '';
  try {
    const text = await res.body.text();
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    detail = (parsed.errors ?? []).map((e) => `${e.code ?? ''} ${e.message ?? ''}`.trim()).join('; ');
  } catch {
    // not a registry error body
  }
  return new RegistryError(res.statusCode, `${client.host}: ${what}: HTTP ${res.statusCode}${detail === '' ? '' : ` (${detail})`}`);
}
