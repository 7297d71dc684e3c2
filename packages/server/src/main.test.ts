/**
 * main.ts as a process: env → config, first start (admin with a generated password, printed
 * once on stdout and never logged), HTTPS with the server CA, SIGTERM → clean exit 0.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, 'main.ts');

function https(url: string, ca: string, method = 'GET', body?: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json' };
    const req = httpsRequest(url, { ca, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** main.ts as a child process on a fresh data dir; `out`/`err` fill as it writes; `stop()` cleans up. */
async function startMain(env: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'drover-server-test-'));
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, DROVER_DATA_DIR: join(dir, 'data'), DROVER_LISTEN: '127.0.0.1:0', ...env },
  });
  const proc = { dir, child, out: '', err: '', exited: new Promise<number | null>((resolve) => child.on('close', resolve)) };
  child.stdout.on('data', (c: Buffer) => (proc.out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (proc.err += c.toString()));
  await expect.poll(() => proc.out, { timeout: 20_000 }).toContain('Paste the printed');
  return {
    ...proc,
    get out() { return proc.out; },
    get err() { return proc.err; },
    async stop(): Promise<void> {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('main.ts', () => {
  it('prints --help and exits 0; rejects a bad setting with exit 2', async () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env } });
        let out = '';
        let err = '';
        p.stdout.on('data', (c: Buffer) => (out += c.toString()));
        p.stderr.on('data', (c: Buffer) => (err += c.toString()));
        p.on('close', (code) => resolve({ code, out, err }));
      });
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('DROVER_EXTERNAL_URL');
    const bad = await run([], { DROVER_LISTEN: 'nope', DROVER_DATA_DIR: '/nonexistent-dir-never-created' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('DROVER_LISTEN');
    const badFormat = await run([], { DROVER_LOG_FORMAT: 'xml', DROVER_DATA_DIR: '/nonexistent-dir-never-created' });
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toContain('DROVER_LOG_FORMAT');
  });

  it('DROVER_LOG_FORMAT=pretty logs human-readable lines instead of JSON', async () => {
    const main = await startMain({ DROVER_METRICS_LISTEN: '', DROVER_LOG_FORMAT: 'pretty' });
    try {
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.err).toMatch(/INFO.*created the server CA/);
      expect(main.err).toMatch(/INFO.*stopped/);
      expect(main.err).not.toContain('"msg"');
    } finally {
      await main.stop();
    }
  });

  it('starts, serves HTTPS with its CA, logs in with the printed password, serves metrics on its own listener only, and stops on SIGTERM', async () => {
    const main = await startMain({ DROVER_METRICS_LISTEN: '127.0.0.1:0', DROVER_LOG_LEVEL: 'info' });
    const { child, dir, exited, out } = main;
    try {
      const url = /URL:\s+(https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const password = /password (\S+)\s+\(generated; shown only this once\)/.exec(out)?.[1];
      expect(url).toBeDefined();
      expect(password).toBeDefined();
      const ca = await readFile(join(dir, 'data', 'pki', 'ca.crt'), 'utf8');
      expect(out).toContain(createHash('sha256').update(ca).digest('hex'));

      expect((await https(`${url}/healthz`, ca)).body.toString()).toBe('ok');
      const cacerts = await https(`${url}/cacerts`, ca);
      expect(cacerts.body.toString()).toBe(ca);
      const login = await https(`${url}/v1/login`, ca, 'POST', JSON.stringify({ username: 'admin', password }));
      expect(login.status).toBe(200);
      const token = (JSON.parse(login.body.toString()) as { token: string }).token;
      // Metrics: plain HTTP on the metrics listener (logged), not on the main one.
      const metricsUrl = /"url":"(http:\/\/127\.0\.0\.1:\d+\/metrics)","msg":"metrics listening"/.exec(main.err)?.[1];
      expect(metricsUrl, main.err).toBeDefined();
      const metrics = await fetch(metricsUrl!);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('drover_http_requests_total{method="POST",route="/v1/login",status="200"}');
      expect((await https(`${url}/metrics`, ca)).status).toBe(401);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const err = main.err;
      expect(err).toContain('"msg":"stopped"');
      expect(err).not.toContain(password!);
      expect(err).not.toContain(token.slice(-30));
      expect(out.split(password!).length - 1).toBe(2); // once in the login line, once in the next-steps command
    } finally {
      await main.stop();
    }
  });
});
