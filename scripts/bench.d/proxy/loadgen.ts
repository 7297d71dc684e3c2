/**
 * The proxy benchmark's load generator, a child process of scripts/bench.d/proxy.ts (so the
 * client's own work never runs on the server's event loop). It receives a {@link LoadConfig}
 * over IPC, measures, sends back a {@link LoadResult} and exits.
 *
 * The same code measures both paths: `direct` (the stand-in apiserver, Drover's client
 * certificate plus the impersonation headers the proxy would add, so the apiserver does the same
 * work) and `proxied` (Drover's URL with the user's bearer token). Per round, each path runs a
 * block of keep-alive GETs, then a block of GETs on a new TLS connection each (no session
 * resumption, as client-go), the path order alternating between rounds; round 0 is warm-up.
 */
import { Agent, request } from 'node:https';
import type { RequestOptions } from 'node:https';
import { eachJsonLine } from '../json-lines.ts';

export interface PathConfig {
  name: 'direct' | 'proxied';
  /** https://127.0.0.1:<port> */
  origin: string;
  /** '' (direct) or '/k8s/clusters/<cluster>' */
  prefix: string;
  ca: string;
  cert?: string;
  key?: string;
  headers: Record<string, string>;
}

export interface LoadConfig {
  paths: [PathConfig, PathConfig];
  rounds: number;
  keepAlivePerBlock: number;
  newConnPerBlock: number;
  events: number;
  writeConcurrency: number;
}

export interface PathSamples {
  keepAliveUs: number[];
  newConnUs: number[];
  /** Time to `secureConnect` of each new connection. */
  handshakeUs: number[];
  /** Per measured round: p50 of the keep-alive block and of the new-connection block. */
  roundP50: { keepAliveUs: number; newConnUs: number }[];
}

export interface LoadResult {
  samples: Record<'direct' | 'proxied', PathSamples>;
  whoami: Record<'direct' | 'proxied', string>;
  watch: { events: number; writesMs: number; directMs: number; proxiedMs: number; proxiedLagMs: number; directLagMs: number };
}

const GET_PATH = '/api/v1/namespaces/default';
const UA = 'kubectl/v1.32.4 (linux/amd64) kubernetes/bench';
const HARD_LIMIT_MS = 300_000;

interface Call {
  status: number;
  body: string;
  totalUs: number;
  handshakeUs: number;
}

function call(p: PathConfig, path: string, agent: Agent | false, method = 'GET', body?: string): Promise<Call> {
  const started = performance.now();
  let handshake = Number.NaN;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': UA, ...p.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = new URL(p.origin);
  const opts: RequestOptions = { host: url.hostname, port: url.port, path: p.prefix + path, method, headers, ca: p.ca, agent };
  if (p.cert !== undefined) Object.assign(opts, { cert: p.cert, key: p.key });
  return new Promise((resolve, reject) => {
    const req = request(opts, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), totalUs: (performance.now() - started) * 1000, handshakeUs: handshake }));
      res.on('error', reject);
    });
    req.on('socket', (socket) => {
      if (agent === false) socket.once('secureConnect', () => (handshake = (performance.now() - started) * 1000));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function get(p: PathConfig, agent: Agent | false): Promise<Call> {
  const r = await call(p, GET_PATH, agent);
  if (r.status !== 200) throw new Error(`${p.name} GET ${GET_PATH}: ${r.status} ${r.body.slice(0, 300)}`);
  return r;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function latency(cfg: LoadConfig): Promise<Record<'direct' | 'proxied', PathSamples>> {
  const out = { direct: empty(), proxied: empty() };
  const keepAlive = new Map(cfg.paths.map((p) => [p.name, new Agent({ keepAlive: true, maxSockets: 1 })]));
  for (let round = 0; round <= cfg.rounds; round++) {
    const order = round % 2 === 0 ? cfg.paths : [cfg.paths[1], cfg.paths[0]];
    const ka: Record<string, number[]> = { direct: [], proxied: [] };
    const nc: Record<string, number[]> = { direct: [], proxied: [] };
    for (const p of order) {
      // A few first requests warm the connection and the code paths of this block.
      for (let i = 0; i < 5; i++) await get(p, keepAlive.get(p.name)!);
      for (let i = 0; i < cfg.keepAlivePerBlock; i++) ka[p.name]!.push((await get(p, keepAlive.get(p.name)!)).totalUs);
    }
    for (const p of order) {
      for (let i = 0; i < cfg.newConnPerBlock; i++) {
        const r = await get(p, false);
        nc[p.name]!.push(r.totalUs);
        if (round > 0) out[p.name].handshakeUs.push(r.handshakeUs);
      }
    }
    if (round === 0) continue;
    for (const name of ['direct', 'proxied'] as const) {
      out[name].keepAliveUs.push(...ka[name]!);
      out[name].newConnUs.push(...nc[name]!);
      out[name].roundP50.push({ keepAliveUs: median(ka[name]!), newConnUs: median(nc[name]!) });
    }
  }
  for (const a of keepAlive.values()) a.destroy();
  return out;

  function empty(): PathSamples {
    return { keepAliveUs: [], newConnUs: [], handshakeUs: [], roundP50: [] };
  }
}

/** Who the apiserver thinks is calling on each path (SelfSubjectReview): they must match. */
async function whoami(cfg: LoadConfig): Promise<Record<'direct' | 'proxied', string>> {
  const out = { direct: '', proxied: '' };
  for (const p of cfg.paths) {
    const r = await call(p, '/apis/authentication.k8s.io/v1/selfsubjectreviews', false, 'POST', JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }));
    if (r.status !== 201 && r.status !== 200) throw new Error(`${p.name} selfsubjectreview: ${r.status} ${r.body.slice(0, 300)}`);
    out[p.name] = JSON.stringify((JSON.parse(r.body) as { status: { userInfo: unknown } }).status.userInfo);
  }
  return out;
}

/**
 * One watch on ConfigMaps in `default` per path, from the current resourceVersion, while
 * `events` ConfigMaps are created straight on the apiserver (`writeConcurrency` at a time).
 */
async function watchThroughput(cfg: LoadConfig): Promise<LoadResult['watch']> {
  const direct = cfg.paths.find((p) => p.name === 'direct')!;
  const list = await call(direct, '/api/v1/namespaces/default/configmaps?limit=1', false);
  const rv = (JSON.parse(list.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const run = `w${Date.now().toString(36)}`;
  const lastEventAt: Record<string, number> = {};
  const watches = cfg.paths.map(
    (p) =>
      new Promise<void>((resolve, reject) => {
        const url = new URL(p.origin);
        let seen = 0;
        const req = request(
          { host: url.hostname, port: url.port, path: `${p.prefix}/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${rv}`, headers: { accept: 'application/json', 'user-agent': UA, ...p.headers }, ca: p.ca, ...(p.cert === undefined ? {} : { cert: p.cert, key: p.key }), agent: false },
          (res) => {
            if (res.statusCode !== 200) reject(new Error(`${p.name} watch: ${res.statusCode}`));
            eachJsonLine<{ type: string; object: { metadata?: { name?: string } } }>(res, (ev) => {
              if (ev.type !== 'ADDED' || !(ev.object.metadata?.name ?? '').startsWith(run)) return;
              if (++seen === cfg.events) {
                lastEventAt[p.name] = performance.now();
                req.destroy();
                resolve();
              }
            });
          },
        );
        req.on('error', (err) => (seen === cfg.events ? undefined : reject(err)));
        req.end();
      }),
  );
  // Both watches are registered once the apiserver answered their headers; give them a moment.
  await new Promise((r) => setTimeout(r, 300));
  const writer = new Agent({ keepAlive: true, maxSockets: cfg.writeConcurrency });
  const firstWriteAt = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: cfg.writeConcurrency }, async () => {
      while (next < cfg.events) {
        const i = next++;
        const r = await call(direct, '/api/v1/namespaces/default/configmaps', writer, 'POST', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${run}-${i}` }, data: { i: String(i) } }));
        if (r.status !== 201) throw new Error(`create configmap: ${r.status} ${r.body.slice(0, 300)}`);
      }
    }),
  );
  const lastWriteAt = performance.now();
  writer.destroy();
  await Promise.all(watches);
  return {
    events: cfg.events,
    writesMs: lastWriteAt - firstWriteAt,
    directMs: lastEventAt.direct! - firstWriteAt,
    proxiedMs: lastEventAt.proxied! - firstWriteAt,
    directLagMs: lastEventAt.direct! - lastWriteAt,
    proxiedLagMs: lastEventAt.proxied! - lastWriteAt,
  };
}

process.once('message', (cfg: LoadConfig) => {
  setTimeout(() => {
    process.stderr.write(`loadgen: still running after ${HARD_LIMIT_MS} ms\n`);
    process.exit(1);
  }, HARD_LIMIT_MS).unref();
  void (async () => {
    const who = await whoami(cfg);
    const samples = await latency(cfg);
    const watch = await watchThroughput(cfg);
    const result: LoadResult = { samples, whoami: who, watch };
    process.send!(result, () => process.exit(0));
  })().catch((err: unknown) => {
    process.stderr.write(`loadgen: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
});
