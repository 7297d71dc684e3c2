/**
 * The bench's view of the server (scripts/bench.d/agents.ts): plain HTTP(S) requests, its
 * /metrics, and its Nodes through the API (the server holds SQLite exclusively).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { eachJsonLine } from '../json-lines.ts';

/** One HTTP(S) request with a 30 s limit: status, body and how long it took. */
export function httpGet(url: string, headers: Record<string, string> = {}, ca?: string, method = 'GET', body?: string): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { method, headers, ...(ca === undefined ? {} : { ca }), timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A gauge or counter from the server's /metrics (summed over label sets matching `labels`). */
export async function metric(metricsPort: number, name: string, labels = ''): Promise<number> {
  const text = (await httpGet(`http://127.0.0.1:${metricsPort}/metrics`)).body;
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!(rest.startsWith(' ') || rest.startsWith('{'))) continue;
    if (labels !== '' && !rest.includes(labels)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/**
 * The store as the API shows it (the server holds SQLite exclusively): a watch on every Node
 * counts writes (MODIFIED events, resumed from the last resourceVersion across a restart), and a
 * paged list counts the Nodes whose status says Connected.
 */
export class NodeObserver {
  readonly #base: string;
  readonly #ca: string | undefined;
  readonly #password: string;
  #token: string | undefined;
  #rv = '0';
  #req: ReturnType<typeof httpsRequest> | undefined;
  #stopped = false;
  /** Node writes seen so far. */
  writes = 0;
  /** What the writes changed: counts by status field (and `other` for a change outside status). */
  changed: Record<string, number> = {};
  /** Each Node's last status seen, as JSON by field, to tell what a write changed. */
  readonly #last = new Map<string, Record<string, string>>();

  constructor(base: string, ca: string | undefined, password: string) {
    this.#base = base;
    this.#ca = ca;
    this.#password = password;
  }

  async #auth(): Promise<Record<string, string>> {
    if (this.#token === undefined) {
      const login = await httpGet(`${this.#base}/v1/login`, { 'content-type': 'application/json' }, this.#ca, 'POST', JSON.stringify({ username: 'admin', password: this.#password }));
      this.#token = (JSON.parse(login.body) as { token?: string }).token;
      if (this.#token === undefined) throw new Error(`login failed: HTTP ${login.status}`);
    }
    return { authorization: `Bearer ${this.#token}` };
  }

  /** Starts (or, after a restart, resumes) the watch. */
  async watch(): Promise<void> {
    const headers = await this.#auth();
    if (this.#rv === '0') {
      const list = await httpGet(`${this.#base}/apis/management.drover.dev/v1/nodes?limit=1`, headers, this.#ca);
      this.#rv = (JSON.parse(list.body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    }
    const url = `${this.#base}/apis/management.drover.dev/v1/nodes?watch=true&resourceVersion=${this.#rv}`;
    const req = (url.startsWith('https:') ? httpsRequest : httpRequest)(url, { headers, ...(this.#ca === undefined ? {} : { ca: this.#ca }) }, (res) => {
      eachJsonLine<{ type: string; object: { metadata: { resourceVersion: string; namespace?: string; name: string }; status?: Record<string, unknown> } }>(res, (ev) => {
        if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
        this.#rv = ev.object.metadata.resourceVersion;
        if (ev.type === 'MODIFIED') this.writes++;
        this.#noteChange(ev.type, ev.object);
      });
    });
    req.on('error', () => undefined);
    req.end();
    this.#req = req;
  }

  #noteChange(type: string, obj: { metadata: { namespace?: string; name: string }; status?: Record<string, unknown> }): void {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    const now: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj.status ?? {})) now[k] = JSON.stringify(v);
    const before = this.#last.get(key);
    this.#last.set(key, now);
    if (type !== 'MODIFIED') return;
    if (before === undefined) {
      this.changed['(first seen)'] = (this.changed['(first seen)'] ?? 0) + 1;
      return;
    }
    let any = false;
    for (const k of new Set([...Object.keys(before), ...Object.keys(now)])) {
      if (before[k] === now[k] || k === 'lastTransitionTime') continue;
      this.changed[k] = (this.changed[k] ?? 0) + 1;
      if (k === 'rttMs' && before[k] !== undefined && now[k] !== undefined) {
        const way = Number(now[k]) > Number(before[k]) ? 'rttMs up' : 'rttMs down';
        this.changed[way] = (this.changed[way] ?? 0) + 1;
      }
      any = true;
    }
    if (!any) this.changed.other = (this.changed.other ?? 0) + 1;
  }

  /** Nodes whose stored status.state is Connected. */
  async connected(): Promise<number> {
    const headers = await this.#auth();
    let n = 0;
    let cont = '';
    for (;;) {
      const page = await httpGet(`${this.#base}/apis/management.drover.dev/v1/nodes?limit=500${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, headers, this.#ca);
      const body = JSON.parse(page.body) as { items: { status?: { state?: string } }[]; metadata: { continue?: string } };
      n += body.items.filter((i) => i.status?.state === 'Connected').length;
      cont = body.metadata.continue ?? '';
      if (cont === '') return n;
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#req?.destroy();
  }

  get stopped(): boolean {
    return this.#stopped;
  }
}


/**
 * The first page (limit=500, as Table) of `kubectl get nodes` in `cluster`, every 100 ms until
 * stop(): the latencies of the answers that were 200, and the count of the others.
 */
export function probeGetNodes(base: string, ca: string | undefined, password: string, cluster: string): { stop(): Promise<{ latencies: number[]; errors: number }> } {
  const latencies: number[] = [];
  let errors = 0;
  let probing = true;
  const loop = (async () => {
    let token: string | undefined;
    while (probing) {
      try {
        if (token === undefined) {
          const login = await httpGet(`${base}/v1/login`, { 'content-type': 'application/json' }, ca, 'POST', JSON.stringify({ username: 'admin', password }));
          token = (JSON.parse(login.body) as { token?: string }).token;
          continue;
        }
        const r = await httpGet(`${base}/apis/management.drover.dev/v1/namespaces/${cluster}/nodes?limit=500`, { authorization: `Bearer ${token}`, accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' }, ca);
        if (r.status === 200) latencies.push(r.ms);
        else errors++;
      } catch {
        errors++;
      }
      await sleep(100);
    }
  })();
  return {
    async stop() {
      probing = false;
      await loop;
      return { latencies, errors };
    },
  };
}
