import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { createServer as createNet, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCertificate } from '@drover/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../test-support/closed-port.ts';
import { healthCheckFromLabels, HEALTH_CHECK_LABEL, probe } from './health.ts';
import { HealthMonitor } from './health-monitor.ts';

const listen = async (s: Server | ReturnType<typeof createNet>, at?: string): Promise<string> => {
  await new Promise<void>((r) => (at === undefined ? s.listen(0, '127.0.0.1', r) : s.listen(at, r)));
  return at ?? `127.0.0.1:${(s.address() as AddressInfo).port}`;
};

describe('in-process health checks against real loopback servers', () => {
  let dir: string;
  const servers: { close(cb: () => void): void }[] = [];
  let http: string;
  let https: string;
  let mtls: string;
  let caFile: string;
  let certFile: string;
  let keyFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'drover-health-'));
    const ca = await createCa({ commonName: 'health-ca' });
    const server = await issueCertificate(ca, { commonName: 'component', usages: 'server', ipAddresses: ['127.0.0.1'] });
    const client = await issueCertificate(ca, { commonName: 'probe', usages: 'client' });
    caFile = join(dir, 'ca.pem');
    certFile = join(dir, 'client.pem');
    keyFile = join(dir, 'client-key.pem');
    await Promise.all([writeFile(caFile, ca.certPem), writeFile(certFile, client.certPem), writeFile(keyFile, client.keyPem, { mode: 0o600 })]);
    const answer = (code: number) => (_req: unknown, res: { statusCode: number; end(): void }) => {
      res.statusCode = code;
      res.end();
    };
    const h = createHttp((req, res) => answer(req.url === '/healthz' ? 200 : 500)(req, res));
    const hs = createHttps({ cert: server.certPem, key: server.keyPem }, answer(200));
    const ms = createHttps({ cert: server.certPem, key: server.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, answer(200));
    servers.push(h, hs, ms);
    [http, https, mtls] = await Promise.all([listen(h), listen(hs), listen(ms)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    await rm(dir, { recursive: true, force: true });
  });

  it('http: healthy on 2xx, unhealthy (with the status) otherwise', async () => {
    expect(await probe({ type: 'http', url: `http://${http}/healthz` })).toEqual({ ok: true, message: '' });
    const bad = await probe({ type: 'http', url: `http://${http}/other` });
    expect(bad.ok).toBe(false);
    expect(bad.message).toContain('500');
  });

  it('https: unverified without a CA file; verified and with a client certificate when given', async () => {
    expect((await probe({ type: 'https', url: `https://${https}/healthz` })).ok).toBe(true);
    expect((await probe({ type: 'https', url: `https://${https}/healthz`, caFile })).ok).toBe(true);
    expect((await probe({ type: 'https', url: `https://${mtls}/healthz`, caFile })).ok).toBe(false);
    expect((await probe({ type: 'https', url: `https://${mtls}/healthz`, caFile, certFile, keyFile })).ok).toBe(true);
    const missing = await probe({ type: 'https', url: `https://${https}/healthz`, caFile: join(dir, 'absent.pem') });
    expect(missing).toMatchObject({ ok: false });
    expect(missing.message).toContain('absent.pem');
  });

  it('tcp and unix: healthy when something accepts', async () => {
    const t = createNet((s) => s.destroy());
    const u = createNet((s) => s.destroy());
    const tcp = await listen(t);
    const sock = await listen(u, join(dir, 'probe.sock'));
    try {
      expect((await probe({ type: 'tcp', address: tcp })).ok).toBe(true);
      expect((await probe({ type: 'unix', path: sock })).ok).toBe(true);
      expect((await probe({ type: 'tcp', address: `127.0.0.1:${await closedPort()}` })).ok).toBe(false);
      expect((await probe({ type: 'unix', path: join(dir, 'none.sock') })).ok).toBe(false);
    } finally {
      t.close();
      u.close();
    }
  });

  it('the monitor probes at most once per interval and reports stopped or unlabelled containers without probing', async () => {
    let probes = 0;
    const monitor = new HealthMonitor({ minIntervalMs: 60_000, probe: () => Promise.resolve({ ok: ++probes > 0, message: '' }) });
    const labels = { [HEALTH_CHECK_LABEL]: JSON.stringify({ type: 'tcp', address: '127.0.0.1:1' }) };
    const list = [{ id: 'a', state: 'running', labels }, { id: 'b', state: 'exited', labels }, { id: 'c', state: 'running', labels: {} }];
    const first = await monitor.check(list);
    await monitor.check(list);
    expect(probes).toBe(1);
    expect(Object.fromEntries(first)).toEqual({ a: { health: 'healthy', message: '' }, b: { health: 'unhealthy', message: 'not running (exited)' }, c: { health: 'unknown', message: '' } });
    monitor.forget('a');
    await monitor.check(list);
    expect(probes).toBe(2);
    expect(healthCheckFromLabels({ [HEALTH_CHECK_LABEL]: 'not json' })).toBeUndefined();
  });
});
