import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { caChecksum } from '@drover/pki';
import { connectTunnel } from './client.ts';
import { allowTargets, tcpTarget } from './dial.ts';
import { TunnelErrorCodes } from './errors.ts';
import { bypassesProxy } from './proxy.ts';
import type { Session } from './session.ts';
import { readAll } from './test-support/helpers.ts';
import { startConnectProxy, startEchoServer, startTunnelEndpoint, testPki } from './test-support/servers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function roundTrip(endpointSession: Promise<Session>, echoPort: number): Promise<string> {
  const server = await endpointSession;
  const stream = await server.openStream(tcpTarget('127.0.0.1', echoPort));
  stream.end('hello through the tunnel');
  return (await readAll(stream)).toString();
}

describe('connectTunnel over real loopback sockets', () => {
  it('plain ws: the server opens a stream through the client to a TCP service', async () => {
    const echo = await startEchoServer();
    cleanups.push(() => echo.close());
    const endpoint = await startTunnelEndpoint();
    cleanups.push(() => endpoint.close());
    const next = endpoint.nextSession();
    const client = await connectTunnel({ url: endpoint.url, session: { dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [echo.port] }]) } });
    cleanups.push(() => client.destroy());
    expect(await roundTrip(next, echo.port)).toBe('hello through the tunnel');
  });

  it('moves large payloads intact both ways on the zero-copy path (server, and an unmasked client)', async () => {
    const echo = await startEchoServer();
    cleanups.push(() => echo.close());
    const endpoint = await startTunnelEndpoint({ session: { dialPolicy: () => true } });
    cleanups.push(() => endpoint.close());
    const next = endpoint.nextSession();
    const client = await connectTunnel({ url: endpoint.url, maskFrames: false, session: { dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [echo.port] }]) } });
    cleanups.push(() => client.destroy());
    const server = await next;
    const payload = randomBytes(3 * 1024 * 1024 + 17);
    // server → client → echo → client → server
    const down = await server.openStream(tcpTarget('127.0.0.1', echo.port));
    down.end(payload);
    expect((await readAll(down)).equals(payload)).toBe(true);
    // client → server → echo (the server's own host) → server → client
    const up = await client.openStream(tcpTarget('127.0.0.1', echo.port));
    up.end(payload);
    expect((await readAll(up)).equals(payload)).toBe(true);
  });

  it('wss with the CA pinned by checksum', async () => {
    const pki = await testPki();
    const echo = await startEchoServer();
    cleanups.push(() => echo.close());
    const endpoint = await startTunnelEndpoint({ tls: pki });
    cleanups.push(() => endpoint.close());
    const next = endpoint.nextSession();
    const client = await connectTunnel({
      url: endpoint.url,
      caChecksum: caChecksum(pki.caPem),
      session: { dialPolicy: allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [echo.port] }]) },
    });
    cleanups.push(() => client.destroy());
    expect(await roundTrip(next, echo.port)).toBe('hello through the tunnel');
  });

  it('refuses a server whose chain does not end at the pinned CA, showing expected and actual', async () => {
    const pki = await testPki();
    const other = await testPki();
    const endpoint = await startTunnelEndpoint({ tls: pki });
    cleanups.push(() => endpoint.close());
    const expected = caChecksum(other.caPem);
    const err = await connectTunnel({ url: endpoint.url, caChecksum: expected }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: TunnelErrorCodes.CA_MISMATCH, details: { expected, actual: caChecksum(pki.caPem) } });
    expect(String((err as Error).message)).toContain(expected);
    expect(String((err as Error).message)).toContain(caChecksum(pki.caPem));
    expect(endpoint.sessions).toHaveLength(0);
  });

  it('verifies an IP-only certificate against the IP in the URL', async () => {
    const pki = await testPki({ ipAddresses: ['127.0.0.1'] });
    const endpoint = await startTunnelEndpoint({ tls: pki });
    cleanups.push(() => endpoint.close());
    const client = await connectTunnel({ url: endpoint.url, caChecksum: caChecksum(pki.caPem) });
    cleanups.push(() => client.destroy());
    expect(client.state).toBe('open');
  });

  it('explains a SAN mismatch as a TLS error', async () => {
    const pki = await testPki({ dnsNames: ['drover.example'] });
    const endpoint = await startTunnelEndpoint({ tls: pki });
    cleanups.push(() => endpoint.close());
    const err = await connectTunnel({ url: endpoint.url, caChecksum: caChecksum(pki.caPem) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: TunnelErrorCodes.TLS, details: { tlsCode: 'ERR_TLS_CERT_ALTNAME_INVALID' } });
    expect((err as Error).message).toMatch(/SAN mismatch/);
  });

  it('reports the server\'s refusal with status and reason, and sends the caller\'s headers', async () => {
    let seen: string | undefined;
    const endpoint = await startTunnelEndpoint({
      authorize: (req) => {
        seen = req.headers.authorization;
        return { status: 401, body: { code: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED', message: 'node credential revoked' } };
      },
    });
    cleanups.push(() => endpoint.close());
    const err = await connectTunnel({ url: endpoint.url, headers: () => ({ authorization: 'Bearer secret' }) }).catch((e: unknown) => e);
    expect(seen).toBe('Bearer secret');
    expect(err).toMatchObject({ code: TunnelErrorCodes.CONNECT_FAILED, details: { status: 401, serverCode: 'DROVER_ERR_NODE_CREDENTIAL_REVOKED' } });
    expect((err as Error).message).toBe('server refused the tunnel: HTTP 401: DROVER_ERR_NODE_CREDENTIAL_REVOKED: node credential revoked');
  });

  it('goes through a real HTTP CONNECT proxy when HTTPS_PROXY applies, and around it for NO_PROXY', async () => {
    const pki = await testPki();
    const proxy = await startConnectProxy();
    cleanups.push(() => proxy.close());
    const echo = await startEchoServer();
    cleanups.push(() => echo.close());
    const endpoint = await startTunnelEndpoint({ tls: pki });
    cleanups.push(() => endpoint.close());
    const port = new URL(endpoint.url).port;
    const dialPolicy = allowTargets([{ kind: 'tcp', host: '127.0.0.1', ports: [echo.port] }]);
    const next = endpoint.nextSession();
    const client = await connectTunnel({ url: endpoint.url, caChecksum: caChecksum(pki.caPem), proxy: { httpsProxy: proxy.url, noProxy: 'localhost' }, session: { dialPolicy } });
    cleanups.push(() => client.destroy());
    expect(await roundTrip(next, echo.port)).toBe('hello through the tunnel');
    // One CONNECT for the CA probe, one for the WebSocket.
    expect(proxy.connects).toEqual([`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
    const direct = await connectTunnel({ url: endpoint.url, caChecksum: caChecksum(pki.caPem), proxy: { httpsProxy: proxy.url, noProxy: '127.0.0.1' } });
    cleanups.push(() => direct.destroy());
    expect(proxy.connects).toHaveLength(2);
  });

  it('names the proxy when it cannot be reached', async () => {
    const endpoint = await startTunnelEndpoint();
    cleanups.push(() => endpoint.close());
    const err = await connectTunnel({ url: endpoint.url.replace('ws:', 'ws:'), proxy: { httpProxy: 'http://127.0.0.1:1' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: TunnelErrorCodes.CONNECT_FAILED, details: { proxy: '127.0.0.1:1' } });
    expect((err as Error).message).toContain('127.0.0.1:1');
  });
});

describe('NO_PROXY matching', () => {
  it.each([
    ['drover.example', 443, 'drover.example', true],
    ['api.drover.example', 443, 'drover.example', true],
    ['api.drover.example', 443, '.drover.example', true],
    ['drover.example', 443, '*.drover.example', true],
    ['notdrover.example', 443, 'drover.example', false],
    ['10.0.0.1', 443, '10.0.0.1', true],
    ['10.0.0.1', 443, '10.0.0.1:8443', false],
    ['10.0.0.1', 8443, '10.0.0.1:8443', true],
    ['::1', 443, '[::1]', true],
    ['anything', 1, '*', true],
    ['host', 1, '', false],
  ])('%s:%d with NO_PROXY=%s → bypass %s', (host, port, noProxy, expected) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(expected);
  });
});
