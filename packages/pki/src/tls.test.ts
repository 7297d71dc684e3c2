// End-to-end: real node:https servers on loopback with certificates from this package.
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa } from './ca.ts';
import type { CaBundle } from './ca.ts';
import { issueCertificate } from './issue.ts';
import { caChecksum, canonicalPem } from './pem.ts';
import { ensureServerPki } from './server-pki.ts';
import type { ServerPki } from './server-pki.ts';

interface Reply {
  status: number;
  body: string;
  caRaw: Buffer | undefined;
}

function get(port: number, opts: https.RequestOptions & { path?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: '127.0.0.1', port, agent: false, timeout: 5000, ...opts }, (res) => {
      const socket = res.socket as TLSSocket;
      const issuer = socket.getPeerCertificate(true).issuerCertificate as { raw?: Buffer } | undefined;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), caRaw: issuer?.raw }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
  return 'no error';
}

function listen(options: https.ServerOptions, host = '127.0.0.1'): Promise<https.Server> {
  const server = https.createServer(options, (req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    const who = { authorized: socket.authorized, error: (socket.authorizationError as unknown as string | null | undefined) ?? null, cn: peer.subject?.CN, o: peer.subject?.O };
    res.end(req.url === '/whoami' ? JSON.stringify(who) : 'ok');
  });
  return new Promise((resolve) => server.listen(0, host, () => resolve(server)));
}

const portOf = (s: https.Server): number => (s.address() as AddressInfo).port;

describe('TLS with issued certificates', () => {
  let dir = '';
  let pki: ServerPki;
  let otherCa: CaBundle;
  const servers: https.Server[] = [];
  let port = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drover-tls-'));
    pki = await ensureServerPki(dir, { dnsNames: ['drover.test'], ipAddresses: ['127.0.0.1', '::1'] });
    otherCa = await createCa({ commonName: 'drover-ca' });
    const caCrt = readFileSync(join(dir, 'ca.crt'));
    const server = https.createServer({ cert: pki.server.chainPem, key: pki.server.keyPem }, (req, res) => {
      if (req.url === '/cacerts') res.end(caCrt);
      else res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    port = portOf(server);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is accepted by a client that trusts only the CA and checks the IP SAN', async () => {
    const reply = await get(port, { ca: pki.ca.certPem });
    expect(reply).toMatchObject({ status: 200, body: 'ok' });
  });

  it('is accepted by hostname (DNS SAN) and refused for a name it does not carry', async () => {
    expect((await get(port, { ca: pki.ca.certPem, servername: 'drover.test' })).status).toBe(200);
    expect(await errorCode(get(port, { ca: pki.ca.certPem, servername: 'evil.test' }))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
  });

  it('is refused by a client that trusts a different CA, even one with the same name', async () => {
    const code = await errorCode(get(port, { ca: otherCa.certPem }));
    expect(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN']).toContain(code);
    expect(await errorCode(get(port, {}))).toBe('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('serves over IPv6 loopback with the ::1 SAN', async () => {
    const server = await listen({ cert: pki.server.chainPem, key: pki.server.keyPem }, '::1');
    servers.push(server);
    expect((await get(portOf(server), { host: '::1', ca: pki.ca.certPem })).status).toBe(200);
  });

  it('refuses an IP the certificate does not carry', async () => {
    const dnsOnly = await issueCertificate(pki.ca, { commonName: 'dns-only', dnsNames: ['drover.test'], usages: 'server' });
    const server = await listen({ cert: dnsOnly.chainPem, key: dnsOnly.keyPem });
    servers.push(server);
    expect(await errorCode(get(portOf(server), { ca: pki.ca.certPem }))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect((await get(portOf(server), { ca: pki.ca.certPem, servername: 'drover.test' })).status).toBe(200);
  });

  it('agrees byte for byte on the CA checksum: ca.crt, GET /cacerts, and the CA seen in the TLS chain', async () => {
    const fileSum = createHash('sha256').update(readFileSync(join(dir, 'ca.crt'))).digest('hex');
    // an agent bootstrapping without trust fetches /cacerts and hashes the body as received
    const fetched = await get(port, { path: '/cacerts', rejectUnauthorized: false });
    const bodySum = createHash('sha256').update(fetched.body, 'utf8').digest('hex');
    expect(bodySum).toBe(pki.caChecksum);
    expect(fileSum).toBe(pki.caChecksum);
    expect(caChecksum(fetched.body)).toBe(pki.caChecksum);
    // ... and the CA certificate the server presents in its chain hashes to the same value
    expect(fetched.caRaw).toBeInstanceOf(Buffer);
    expect(canonicalPem(fetched.caRaw!)).toBe(fetched.body);
    expect(caChecksum(fetched.caRaw!)).toBe(pki.caChecksum);
    // the fetched PEM is then enough to trust the server
    expect((await get(port, { ca: fetched.body })).status).toBe(200);
  });

  it('authenticates a client certificate (mutual TLS) with its CN and O groups, and refuses others', async () => {
    // rejectUnauthorized: false so the server can report why a client certificate was refused
    const server = await listen({ cert: pki.server.chainPem, key: pki.server.keyPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: false });
    servers.push(server);
    const p = portOf(server);
    const whoami = async (cert?: { certPem: string; keyPem: string }): Promise<unknown> =>
      JSON.parse((await get(p, { path: '/whoami', ca: pki.ca.certPem, ...(cert ? { cert: cert.certPem, key: cert.keyPem } : {}) })).body);

    const client = await issueCertificate(pki.ca, { commonName: 'admin', usages: 'client', organization: ['system:masters', 'ops'] });
    expect(await whoami(client)).toEqual({ authorized: true, error: null, cn: 'admin', o: ['system:masters', 'ops'] });
    const both = await issueCertificate(pki.ca, { commonName: 'node-1', usages: 'both', dnsNames: ['node-1.test'] });
    expect(await whoami(both)).toMatchObject({ authorized: true, cn: 'node-1' });
    // a serverAuth-only certificate is refused as a client certificate for its extendedKeyUsage
    const serverOnly = await issueCertificate(pki.ca, { commonName: 'not-a-client', dnsNames: ['x.test'], usages: 'server' });
    expect(await whoami(serverOnly)).toMatchObject({ authorized: false, error: 'INVALID_PURPOSE' });
    const foreign = await issueCertificate(otherCa, { commonName: 'admin', usages: 'client' });
    expect(await whoami(foreign)).toMatchObject({ authorized: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(await whoami()).toMatchObject({ authorized: false });
  });
});
