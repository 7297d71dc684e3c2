/**
 * The agent's HTTPS client (node:https, ADR 0028) against a real HTTPS server on 127.0.0.1: what
 * it sends, and how a server that never answers or answers too much fails.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCa, issueCertificate } from '@drover/pki';
import { createServerClient } from './http.ts';
import { agentFailure } from './test-support/agent-failure.ts';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; caPem: string }> {
  const ca = await createCa({ commonName: 'http-test-ca' });
  const leaf = await issueCertificate(ca, { commonName: 's', usages: 'server', ipAddresses: ['127.0.0.1'] });
  server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caPem: ca.certPem };
}

describe('createServerClient over node:https', () => {
  it('POSTs JSON with its length, verifies against the pinned CA and returns status, headers and text', async () => {
    const seen: { method?: string; type?: string; length?: string; body: string }[] = [];
    const { url, caPem } = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => {
        seen.push({ method: req.method, type: req.headers['content-type'], length: req.headers['content-length'], body });
        res.setHeader('drover-error-code', 'X');
        res.writeHead(201).end('{"ok":true}');
      });
    });
    const client = createServerClient({ server: url, proxy: {}, timeoutMs: 5000 }, { ca: caPem, verify: true });
    const answer = await client.request('POST', '/v1/register', { name: 'h1', note: 'é' });
    expect(answer).toMatchObject({ status: 201, text: '{"ok":true}' });
    expect(answer.headers['drover-error-code']).toBe('X');
    const body = JSON.stringify({ name: 'h1', note: 'é' });
    expect(seen).toEqual([{ method: 'POST', type: 'application/json', length: String(Buffer.byteLength(body)), body }]);
    await client.close();
  });

  it('a server that accepts and never answers fails with SERVER_UNREACHABLE after the timeout', async () => {
    const { url, caPem } = await serve(() => undefined);
    const client = createServerClient({ server: url, proxy: {}, timeoutMs: 300 }, { ca: caPem, verify: true });
    const t0 = performance.now();
    const err = await agentFailure(client.request('GET', '/cacerts'));
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(err.code).toBe('DROVER_ERR_AGENT_SERVER_UNREACHABLE');
    expect(err.message).toContain('no answer within 300 ms');
    expect(err.message).toContain(url);
  });

  it('an answer over 1 MiB is refused rather than held', async () => {
    const { url, caPem } = await serve((_req, res) => res.end(Buffer.alloc(2 * 1024 * 1024, 0x61)));
    const client = createServerClient({ server: url, proxy: {}, timeoutMs: 5000 }, { ca: caPem, verify: true });
    const err = await agentFailure(client.request('GET', '/big'));
    expect(err.code).toBe('DROVER_ERR_AGENT_SERVER_UNREACHABLE');
    expect(err.message).toContain('answer larger than 1048576 bytes');
  });
});
