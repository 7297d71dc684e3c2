import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, issueCertificate } from '@drover/pki';
import { establishTrust } from './trust.ts';
import { startFakeServer, type FakeServer } from './test-support/fake-server.ts';
import { startConnectProxy } from '@drover/tunnel/testing';
import { closedPort } from './test-support/closed-port.ts';
import { agentFailure } from './test-support/agent-failure.ts';

const T = 5000;

describe('establishTrust against a real HTTPS server on 127.0.0.1', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer();
  });
  afterAll(() => server.close());

  it('pins the CA whose checksum matches --ca-checksum', async () => {
    const trust = await establishTrust({ server: server.url, proxy: {}, timeoutMs: T }, { expected: server.caChecksum });
    expect(trust).toEqual({ caPem: server.caPem, caChecksum: server.caChecksum, tofu: false });
  });

  it('a checksum mismatch shows expected and actual', async () => {
    const wrong = 'b'.repeat(64);
    const err = await agentFailure(establishTrust({ server: server.url, proxy: {}, timeoutMs: T }, { expected: wrong }));
    expect(err.code).toBe('DROVER_ERR_AGENT_CA_MISMATCH');
    expect(err.message).toContain(`expected ${wrong}`);
    expect(err.message).toContain(`actual ${server.caChecksum}`);
    expect(err.details).toMatchObject({ expected: wrong, actual: server.caChecksum });
    expect(err.exitCode).toBe(5);
  });

  it('--insecure trusts on first use, and later refuses a CA that differs from the pinned one', async () => {
    const trust = await establishTrust({ server: server.url, proxy: {}, timeoutMs: T }, { expected: undefined });
    expect(trust.tofu).toBe(true);
    expect(trust.caChecksum).toBe(server.caChecksum);
    const err = await agentFailure(establishTrust({ server: server.url, proxy: {}, timeoutMs: T }, { expected: undefined, pinnedChecksum: 'c'.repeat(64) }));
    expect(err.code).toBe('DROVER_ERR_AGENT_CA_MISMATCH');
  });

  it('goes through HTTPS_PROXY, and direct when NO_PROXY names the server', async () => {
    const proxy = await startConnectProxy();
    try {
      await establishTrust({ server: server.url, proxy: { httpsProxy: proxy.url }, timeoutMs: T }, { expected: server.caChecksum });
      expect(proxy.connects).toEqual([`127.0.0.1:${server.port}`, `127.0.0.1:${server.port}`]);
      await establishTrust({ server: server.url, proxy: { httpsProxy: proxy.url, noProxy: '127.0.0.1' }, timeoutMs: T }, { expected: server.caChecksum });
      expect(proxy.connects).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('an unreachable server names the URL and says no proxy was used', async () => {
    const url = `https://127.0.0.1:${await closedPort()}`;
    const err = await agentFailure(establishTrust({ server: url, proxy: {}, timeoutMs: T }, { expected: server.caChecksum }));
    expect(err.code).toBe('DROVER_ERR_AGENT_SERVER_UNREACHABLE');
    expect(err.message).toContain(url);
    expect(err.message).toContain('directly (no proxy applies)');
    expect(err.message).toContain('ECONNREFUSED');
  });

  it('an unreachable proxy is named in the message', async () => {
    const proxyUrl = `http://127.0.0.1:${await closedPort()}`;
    const err = await agentFailure(establishTrust({ server: server.url, proxy: { httpsProxy: proxyUrl }, timeoutMs: T }, { expected: server.caChecksum }));
    expect(err.code).toBe('DROVER_ERR_AGENT_SERVER_UNREACHABLE');
    expect(err.message).toContain(server.url);
    expect(err.message).toContain(`through proxy ${proxyUrl}`);
    expect(err.details.proxy).toBe(proxyUrl);
  });
});

describe('TLS failures are explained', () => {
  it('SAN mismatch: the certificate does not name the address the agent dials', async () => {
    const server = await startFakeServer({ sans: { dnsNames: ['drover.example'] } });
    try {
      const err = await agentFailure(establishTrust({ server: server.url, proxy: {}, timeoutMs: T }, { expected: server.caChecksum }));
      expect(err.code).toBe('DROVER_ERR_AGENT_TLS');
      expect(err.message).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
      expect(err.message).toMatch(/does not name 127\.0\.0\.1 .*SAN mismatch/);
    } finally {
      await server.close();
    }
  });

  it('a server certificate from another CA than the one served at /cacerts', async () => {
    const served = await createCa({ commonName: 'served-ca' });
    const other = await createCa({ commonName: 'other-ca' });
    const leaf = await issueCertificate(other, { commonName: 's', usages: 'server', ipAddresses: ['127.0.0.1'] });
    const https = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (_req, res) => res.end(served.certPem));
    await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
    try {
      const url = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
      const err = await agentFailure(establishTrust({ server: url, proxy: {}, timeoutMs: T }, { expected: undefined }));
      expect(err.code).toBe('DROVER_ERR_AGENT_TLS');
      expect(err.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT/);
      expect(err.message).toMatch(/incomplete chain|another CA|other than the pinned/);
    } finally {
      https.closeAllConnections();
      await new Promise((r) => https.close(r));
    }
  });
});
