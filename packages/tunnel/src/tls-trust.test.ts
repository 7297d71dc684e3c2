import { afterEach, describe, expect, it } from 'vitest';
import { connectTunnel } from './client.ts';
import { TunnelErrorCodes } from './errors.ts';
import { startTunnelEndpoint, testPki } from './test-support/servers.ts';
import { trustContext } from './tls-pin.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('trust contexts reused across connections', () => {
  it('builds one context per CA and keeps only a few', async () => {
    const pems = await Promise.all([1, 2, 3, 4, 5].map(async () => (await testPki()).caPem));
    const first = trustContext(pems[0]!);
    expect(trustContext(pems[0]!)).toBe(first);
    expect(trustContext(pems[1]!)).not.toBe(first);
    // Four more CAs push the first (least recently used) out: it is built again.
    for (const pem of pems.slice(1)) trustContext(pem);
    expect(trustContext(pems[0]!)).not.toBe(first);
  });

  it('a connection trusts its own CA only, though another CA\'s context is cached', async () => {
    const pki = await testPki();
    const other = await testPki();
    const endpoint = await startTunnelEndpoint({ tls: pki });
    cleanups.push(() => endpoint.close());
    const ok = await connectTunnel({ url: endpoint.url, ca: pki.caPem });
    cleanups.push(() => ok.destroy());
    expect(ok.state).toBe('open');
    // The same server with another CA given: the chain does not verify.
    const err = await connectTunnel({ url: endpoint.url, ca: other.caPem }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: TunnelErrorCodes.TLS });
    // And the first CA still works (its context was not replaced by the other's).
    const again = await connectTunnel({ url: endpoint.url, ca: pki.caPem });
    cleanups.push(() => again.destroy());
    expect(again.state).toBe('open');
  });
});
