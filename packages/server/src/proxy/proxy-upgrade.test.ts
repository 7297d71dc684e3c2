/**
 * exec, logs -f and upgrades through the proxy, end to end on 127.0.0.1: the real kubectl (and a
 * `ws` client as a browser would connect) → Drover's upgrade route → a real agent tunnel → the
 * stand-in kube-apiserver, which runs exec commands as processes (test-support.ts).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ETCD_BIN } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { ADMIN, KUBECTL } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { startProxyEnv } from './test-support.ts';
import type { ProxyEnv } from './test-support.ts';
import { exchange, IO_TIMEOUT_MS, listenLoopback } from '../../../../test/fixtures/kube-apiserver/test-support/sockets.ts';

const haveParts = existsSync(ETCD_BIN) && existsSync(KUBECTL);
const title = haveParts ? 'Kubernetes API proxy upgrades (real kubectl, agent tunnel, stand-in apiserver on etcd)' : `Kubernetes API proxy upgrades (skipped: ${ETCD_BIN} or ${KUBECTL} is absent)`;

interface WsResult {
  status?: number;
  protocol?: string;
  messages: Buffer[];
  closeCode?: number;
  error?: string;
}

/** Connects like a browser (token as a subprotocol), collects binary messages until the close. */
function wsExec(p: ProxyEnv, path: string, protocols: string[], headers: Record<string, string> = {}): Promise<WsResult> {
  return new Promise((resolve) => {
    const out: WsResult = { messages: [] };
    const ws = new WebSocket(`${p.s.url.replace('https:', 'wss:')}${path}`, protocols, { ca: p.s.app.drover.caPem, headers });
    const timer = setTimeout(() => {
      out.error = 'timeout';
      ws.terminate();
    }, 15_000);
    ws.on('unexpected-response', (_req, res) => {
      out.status = res.statusCode;
      res.resume();
      clearTimeout(timer);
      resolve(out);
    });
    ws.on('open', () => {
      out.protocol = ws.protocol;
    });
    ws.on('message', (d: Buffer) => out.messages.push(d));
    ws.on('error', (err) => (out.error = err.message));
    ws.on('close', (code) => {
      out.closeCode = code;
      clearTimeout(timer);
      resolve(out);
    });
  });
}

const SPDY_EXEC = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };


/** `kubectl port-forward <pod> :<remote>...` as `user` through Drover; resolves with the local port of each remote one. */
async function portForward(p: ProxyEnv, user: string, pod: string, remotes: number[], extraEnv: Record<string, string> = {}): Promise<{ proc: ChildProcessWithoutNullStreams; local: Map<number, number> }> {
  const proc = await p.kubectlProcess(user, ['port-forward', '--address=127.0.0.1', pod, ...remotes.map((r) => `:${r}`)], extraEnv);
  let out = '';
  let err = '';
  proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const local = new Map<number, number>();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`port-forward not ready in ${IO_TIMEOUT_MS} ms:\n${out}\n${err}`)), IO_TIMEOUT_MS);
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        for (const m of out.matchAll(/Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/g)) local.set(Number(m[2]), Number(m[1]));
        if (local.size === remotes.length) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', () => (clearTimeout(timer), reject(new Error(`port-forward exited:\n${out}\n${err}`))));
    });
  } catch (e) {
    proc.kill('SIGKILL');
    throw e;
  }
  return { proc, local };
}

const bearerProtocol = (token: string): string => `base64url.bearer.authorization.k8s.io.${Buffer.from(token).toString('base64url')}`;

describe.skipIf(!haveParts)(title, () => {
  let p: ProxyEnv;
  const backends: Server[] = [];
  let echoPort = 0;
  let greeterPort = 0;
  beforeAll(async () => {
    // Echo: answers everything received plus "bye" once the client's FIN arrived, then FIN.
    const echo = createServer((s) => {
      const got: Buffer[] = [];
      s.on('data', (d: Buffer) => got.push(d));
      s.on('end', () => s.end(Buffer.concat([...got, Buffer.from('bye')])));
    });
    // Greeter: speaks first and closes without reading.
    const greeter = createServer((s) => s.end('hello from the pod\n'));
    backends.push(echo, greeter);
    echoPort = await listenLoopback(echo);
    greeterPort = await listenLoopback(greeter);
    p = await startProxyEnv();
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' }, spec: { containers: [{ name: 'main', image: 'busybox' }] }, status: { phase: 'Running' } };
    const c = await p.standin.kubectl(ADMIN, ['create', '-f', '-', '--validate=false'], { input: JSON.stringify(pod) });
    if (c.code !== 0) throw new Error(c.stderr);
  }, 60_000);
  afterAll(async () => {
    for (const b of backends) b.close();
    await p?.close();
  });

  it("exec returns the command's output and exit code 3; stdin flows in; the exec is audited", async () => {
    const r = await p.kubectl('mia', ['exec', 'p1', '--', 'sh', '-c', 'echo hi; exit 3']);
    expect(r).toEqual({ code: 3, stdout: 'hi\n', stderr: 'command terminated with exit code 3\n' });
    const cat = await p.kubectl('olga', ['exec', '-i', 'p1', '--', 'sh', '-c', 'cat; echo done'], { input: 'line 1\nline 2\n' });
    expect(cat).toMatchObject({ code: 0, stdout: 'line 1\nline 2\ndone\n' });
    await expect.poll(() => p.audit.find((a) => a.user === 'mia' && a.verb === 'exec')).toMatchObject({ source: 'proxy', cluster: 'c1', method: 'GET', path: '/api/v1/namespaces/default/pods/p1/exec', code: 101 });
  });

  it('a read-only member cannot exec: 403 from Drover on the WebSocket and on the SPDY fallback', async () => {
    const r = await p.kubectl('rita', ['exec', 'p1', '--', 'echo', 'no']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('user "rita" is read-only in cluster "c1" and may not exec');
    const ws = await wsExec(p, '/k8s/clusters/c1/api/v1/namespaces/default/pods/p1/exec?command=echo&command=no&stdout=true', ['v5.channel.k8s.io'], { authorization: `Bearer ${p.tokens.rita}` });
    expect(ws.status).toBe(403);
    expect(p.audit.filter((a) => a.user === 'rita' && a.verb === 'exec').map((a) => a.code)).toContain(403);
  });

  it('a browser-style client passes its token as a subprotocol; it authenticates and only v5.channel.k8s.io reaches the cluster', async () => {
    const ws = await wsExec(p, '/k8s/clusters/c1/api/v1/namespaces/default/pods/p1/exec?command=echo&command=hello&stdout=true', ['v5.channel.k8s.io', bearerProtocol(p.tokens.mia!)]);
    expect(ws.error).toBeUndefined();
    expect(ws.protocol).toBe('v5.channel.k8s.io');
    const stdout = Buffer.concat(ws.messages.filter((m) => m[0] === 1).map((m) => m.subarray(1))).toString();
    expect(stdout).toBe('hello\n');
    const status = ws.messages.find((m) => m[0] === 3);
    expect(JSON.parse(status!.subarray(1).toString())).toMatchObject({ status: 'Success' });
    expect(ws.closeCode).toBe(1000);
    // A wrong token in the subprotocol is refused before anything is dialled.
    const bad = await wsExec(p, '/k8s/clusters/c1/api/v1/namespaces/default/pods/p1/exec?command=true', ['v5.channel.k8s.io', bearerProtocol('drover_nosuch_0123456789abcdefXYZ')]);
    expect(bad.status).toBe(401);
  });

  it("an upgrade the apiserver refuses is relayed with its status and body", async () => {
    const r = await p.kubectl('mia', ['exec', 'nosuchpod', '--', 'true']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('pods "nosuchpod" not found');
    const ws = await wsExec(p, '/k8s/clusters/c1/api/v1/namespaces/default/pods/nosuch/exec?command=true&stdout=true', ['v5.channel.k8s.io'], { authorization: `Bearer ${p.tokens.mia}` });
    expect(ws.status).toBe(404);
    // The SPDY/3.1 upgrade (a POST) goes upstream too; the cluster's refusal comes back as it was.
    const spdy = await new Promise<{ status: number; code: string | undefined; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${p.s.url}/k8s/clusters/c1/api/v1/namespaces/default/pods/nosuch/exec?command=true&stdout=true`, {
        method: 'POST',
        ca: p.s.app.drover.caPem,
        headers: { authorization: `Bearer ${p.tokens.mia}`, connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: res.headers['drover-error-code'] as string | undefined, body }));
      });
      req.on('upgrade', () => reject(new Error('no such pod: no 101 expected')));
      req.on('error', reject);
      req.end();
    });
    expect(spdy.status, JSON.stringify(spdy)).toBe(404);
    // From the cluster, not from Drover.
    expect(spdy.code).toBeUndefined();
    expect(JSON.parse(spdy.body)).toMatchObject({ kind: 'Status', code: 404, reason: 'NotFound' });
  });

  it('exec over the SPDY fallback (POST upgrade): output, stdin past the SPDY window, exit code', async () => {
    const r = await p.kubectl('mia', ['exec', '-v=6', 'p1', '--', 'sh', '-c', 'echo hi; exit 3'], { env: SPDY_EXEC });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('hi\n');
    expect(r.stderr).toMatch(/POST https:\/\/127\.0\.0\.1:\d+\/k8s\/clusters\/c1\/api\/v1\/namespaces\/default\/pods\/p1\/exec\?.* 101 Switching Protocols/);
    const big = randomBytes(300_000).toString('base64');
    const cat = await p.kubectl('mia', ['exec', '-i', 'p1', '--', 'sh', '-c', 'cat'], { input: big, env: SPDY_EXEC });
    expect(cat.code, cat.stderr.slice(-300)).toBe(0);
    expect(cat.stdout === big).toBe(true);
  });

  for (const [transport, extraEnv] of [['WebSocket (SPDY/3.1+portforward.k8s.io)', {}], ['SPDY upgrade', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }]] as const) {
    it(`port-forward over ${transport}: 1 MiB round-trips, FIN both ways; read-only members are refused`, async () => {
      const pf = await portForward(p, 'mia', 'p1', [echoPort, greeterPort], extraEnv);
      try {
        const payload = randomBytes(1024 * 1024);
        const back = await exchange(pf.local.get(echoPort)!, payload);
        expect(back.length).toBe(payload.length + 3);
        expect(back.subarray(0, payload.length).equals(payload)).toBe(true);
        expect(back.subarray(payload.length).toString()).toBe('bye');
        expect((await exchange(pf.local.get(greeterPort)!, Buffer.alloc(0))).toString()).toBe('hello from the pod\n');
      } finally {
        pf.proc.kill('SIGKILL');
      }
      await expect.poll(() => p.audit.find((a) => a.user === 'mia' && a.verb === 'portforward')).toMatchObject({ code: 101, cluster: 'c1' });
      const ro = await portForward(p, 'rita', 'p1', [echoPort], extraEnv).catch((e: unknown) => e as Error);
      expect(ro).toBeInstanceOf(Error);
      expect((ro as Error).message).toContain('read-only in cluster "c1"');
    });
  }

  it('attach -i: stdin to the running container, its output back, Success when it exits', async () => {
    const script = 'echo started; while read l; do echo "got $l"; done; echo bye';
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'att' }, spec: { containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script], stdin: true, stdinOnce: true }] }, status: { phase: 'Running' } };
    expect((await p.kubectl('mia', ['create', '-f', '-', '--validate=false'], { input: JSON.stringify(pod) })).code).toBe(0);
    for (let i = 0; i < 100 && !(await p.kubectl('mia', ['logs', 'att'])).stdout.includes('started'); i++);
    const r = await p.kubectl('mia', ['attach', '-i', 'att'], { input: 'a\nb\n' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('got a\ngot b\nbye\n');
  });

  it('cp in and out (tar over exec)', async () => {
    const dir = join(p.standin.dir, 'proxy-pod-fs');
    await mkdir(dir);
    const local = join(p.standin.dir, 'proxy-to-pod.bin');
    const content = randomBytes(200_000);
    await writeFile(local, content);
    const into = await p.kubectl('mia', ['cp', local, `p1:${dir}/in.bin`]);
    expect(into.code, into.stderr).toBe(0);
    expect((await readFile(join(dir, 'in.bin'))).equals(content)).toBe(true);
    const out = join(p.standin.dir, 'proxy-from-pod.bin');
    const from = await p.kubectl('mia', ['cp', `p1:${dir}/in.bin`, out], { env: SPDY_EXEC });
    expect(from.code, from.stderr).toBe(0);
    expect((await readFile(out)).equals(content)).toBe(true);
  });

  it('logs -f delivers lines as they are written', async () => {
    const gate = join(p.standin.dir, 'proxy-logs-gate');
    const script = `echo one; while [ ! -e ${gate} ]; do sleep 0.05; done; echo two`;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'logger' }, spec: { containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', script] }] } };
    expect((await p.kubectl('mia', ['create', '-f', '-', '--validate=false'], { input: JSON.stringify(pod) })).code).toBe(0);
    // The container waits on the gate: seeing "one" through the proxy proves the chunk was not held back.
    const first = await p.kubectlUntil('mia', ['logs', '-f', 'logger'], (o) => o.includes('one\n'), () => Promise.resolve());
    expect(first).toBe('one\n');
    const out = await p.kubectlUntil('mia', ['logs', '-f', 'logger'], (o) => o.includes('two\n'), () => writeFile(gate, ''));
    expect(out).toBe('one\ntwo\n');
  });

  // Last: it cuts the only control-plane node's session.
  it('the tunnel fails during an exec: the WebSocket client gets Close 1011 with a reason, not a bare drop', async () => {
    const path = '/k8s/clusters/c1/api/v1/namespaces/default/pods/p1/exec?command=sh&command=-c&command=echo%20started%3B%20sleep%2030&stdout=true';
    const result = new Promise<{ code: number; reason: string; stdout: string }>((resolve, reject) => {
      const ws = new WebSocket(`${p.s.url.replace('https:', 'wss:')}${path}`, ['v5.channel.k8s.io'], { ca: p.s.app.drover.caPem, headers: { authorization: `Bearer ${p.tokens.mia}` } });
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no close within 10 s (stdout ${stdout})`)), 10_000);
      ws.on('message', (d: Buffer) => {
        if (d[0] !== 1) return;
        stdout += d.subarray(1).toString();
        // The command runs: now the host's link goes.
        if (stdout.includes('started')) p.sessions[0]!.destroy();
      });
      ws.on('error', () => undefined);
      ws.on('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString(), stdout });
      });
    });
    const closed = await result;
    expect(closed.stdout).toBe('started\n');
    expect(closed.code).toBe(1011);
    expect(closed.reason).toMatch(/^apiserver connection failed/);
  });
});
