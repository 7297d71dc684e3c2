/**
 * exec, logs -f and upgrades through the proxy, end to end on 127.0.0.1: the real kubectl (and a
 * `ws` client as a browser would connect) → Drover's upgrade route → a real agent tunnel → the
 * stand-in kube-apiserver, which runs exec commands as processes (test-support.ts).
 */
import { existsSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ETCD_BIN } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { ADMIN, KUBECTL } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { startProxyEnv } from './test-support.ts';
import type { ProxyEnv } from './test-support.ts';

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

const bearerProtocol = (token: string): string => `base64url.bearer.authorization.k8s.io.${Buffer.from(token).toString('base64url')}`;

describe.skipIf(!haveParts)(title, () => {
  let p: ProxyEnv;
  beforeAll(async () => {
    p = await startProxyEnv();
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' }, spec: { containers: [{ name: 'main', image: 'busybox' }] }, status: { phase: 'Running' } };
    const c = await p.standin.kubectl(ADMIN, ['create', '-f', '-', '--validate=false'], { input: JSON.stringify(pod) });
    if (c.code !== 0) throw new Error(c.stderr);
  }, 60_000);
  afterAll(async () => {
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
    // The SPDY/3.1 upgrade (a POST) goes upstream too; the stand-in does not speak it and says so.
    const spdy = await new Promise<{ status: number; code: string | undefined; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${p.s.url}/k8s/clusters/c1/api/v1/namespaces/default/pods/p1/exec?command=true&stdout=true`, {
        method: 'POST',
        ca: p.s.app.drover.caPem,
        headers: { authorization: `Bearer ${p.tokens.mia}`, connection: 'Upgrade', upgrade: 'SPDY/3.1', 'x-stream-protocol-version': 'v4.channel.k8s.io' },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: res.headers['drover-error-code'] as string | undefined, body }));
      });
      req.on('upgrade', () => reject(new Error('the stand-in does not speak SPDY: no 101 expected')));
      req.on('error', reject);
      req.end();
    });
    expect(spdy.status, JSON.stringify(spdy)).toBe(400);
    // From the cluster, not from Drover.
    expect(spdy.code).toBeUndefined();
    expect(JSON.parse(spdy.body)).toMatchObject({ kind: 'Status', code: 400, message: 'upgrade is only served for pods/exec' });
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
