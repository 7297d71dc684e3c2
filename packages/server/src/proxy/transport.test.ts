/**
 * The transport's pools against a real TLS server standing in for an apiserver (the tunnel is
 * replaced by a plain TCP connect here; the end-to-end tests run the real tunnel): the apiserver is
 * verified against the cluster CA and must present Drover's client certificate; a pool is replaced
 * when the cluster's certificate changes; node order and fallback.
 */
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createCa, issueCertificate } from '@drover/pki';
import type { CaBundle } from '@drover/pki';
import { tcpTarget } from '@drover/tunnel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSessions } from '../agents/sessions.ts';
import type { ClusterClientCert, ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createClusterTransport } from './transport.ts';

let t: TempStore;
let ca: CaBundle;
let server: Server;
let port: number;
let cert: ClusterClientCert;
const seen: string[] = [];
/** Per TLS connection the server accepted: whether it resumed a session. */
const resumed: boolean[] = [];

async function clientCert(signer: CaBundle): Promise<ClusterClientCert> {
  const c = await issueCertificate(signer, { commonName: 'drover', organization: ['system:masters'], usages: 'client' });
  return { certPem: c.certPem, keyPem: c.keyPem, notAfter: new Date(Date.now() + 86_400_000), caPem: signer.certPem, caChecksum: signer.certPem.length.toString() };
}

/** Sessions where `up` nodes are connected and dialling opens a TCP connection to the server. */
function sessions(up: Set<string>, dials: string[]): AgentSessions {
  return {
    session: (_c: string, n: string) => (up.has(n) ? {} : undefined),
    probe: () => Promise.resolve('live'),
    dialNode: (_c: string, n: string) => {
      dials.push(n);
      if (n === 'broken') return Promise.reject(new DroverError('DROVER_ERR_NODE_DIAL_FAILED', `dial on node "${n}" failed`));
      return new Promise<Duplex>((resolve, reject) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
    },
  } as unknown as AgentSessions;
}

const certs = (get: () => ClusterClientCert): ClusterClientCerts => ({ clusterClientCert: () => Promise.resolve(get()), forget: () => undefined, start: () => Promise.resolve(), close: () => undefined });

beforeAll(async () => {
  t = await createTempStore();
  ca = await createCa({ commonName: 'cluster-ca' });
  const serving = await issueCertificate(ca, { commonName: 'kube-apiserver', dnsNames: ['kubernetes'], usages: 'server' });
  server = createServer({ cert: serving.certPem, key: serving.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const peer = (req.socket as unknown as { getPeerCertificate(): { subject: { CN: string } } }).getPeerCertificate();
    seen.push(`${peer.subject.CN} ${String(req.headers['impersonate-user'])}`);
    if (req.headers['x-close'] !== undefined) res.setHeader('connection', 'close');
    res.end('ok');
  });
  server.on('secureConnection', (socket) => resumed.push(socket.isSessionReused()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  cert = await clientCert(ca);
  for (const name of ['a', 'b', 'broken', 'w']) {
    await t.store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name, namespace: 'c' }, spec: { roles: name === 'w' ? ['worker'] : ['controlplane'] } });
  }
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await t?.cleanup();
});

describe('cluster transport', () => {
  it('reaches the apiserver with the client certificate, on the first connected control-plane node', async () => {
    const dials: string[] = [];
    const current = cert;
    const tr = createClusterTransport({ store: t.store, agents: sessions(new Set(['a', 'broken', 'w']), dials), clusterCerts: certs(() => current), target: tcpTarget('127.0.0.1', 6443) });
    const get = () => tr.withNode('c', current, async (pool, node) => ({ node, body: await (await pool.request({ method: 'GET', path: '/', headers: { 'impersonate-user': 'mia' } })).body.text() }));
    // "a" sorts first among connected control-plane nodes; "w" is no control-plane node.
    expect(await get()).toEqual({ node: 'a', body: 'ok' });
    expect(await get()).toEqual({ node: 'a', body: 'ok' });
    // Only "a" was dialled (whether the test server keeps the connection alive is its business).
    expect(new Set(dials)).toEqual(new Set(['a']));
    expect(seen.at(-1)).toBe('drover mia');
    await tr.destroy();
  });

  it('tries the next node when a dial fails; all failing is 502 naming each node', async () => {
    const dials: string[] = [];
    const tr = createClusterTransport({ store: t.store, agents: sessions(new Set(['broken', 'b']), dials), clusterCerts: certs(() => cert) });
    const r = await tr.withNode('c', cert, async (pool, node) => ({ node, status: (await pool.request({ method: 'GET', path: '/' })).statusCode }));
    expect(r).toEqual({ node: 'b', status: 200 });
    expect(dials).toEqual(['b']);
    const only = createClusterTransport({ store: t.store, agents: sessions(new Set(['broken']), []), clusterCerts: certs(() => cert) });
    const err = await only.withNode('c', cert, (pool) => pool.request({ method: 'GET', path: '/' })).catch((e: unknown) => e);
    expect(isDroverError(err, 'DROVER_ERR_PROXY_DIAL_FAILED')).toBe(true);
    expect((err as Error).message).toContain('node "broken"');
    await Promise.all([tr.destroy(), only.destroy()]);
  });

  it('verifies the apiserver against the cluster CA: a new CA means a new pool, and a server of the old CA is refused', async () => {
    const dials: string[] = [];
    const tr = createClusterTransport({ store: t.store, agents: sessions(new Set(['a']), dials), clusterCerts: certs(() => cert) });
    expect((await tr.withNode('c', cert, (pool) => pool.request({ method: 'GET', path: '/' }))).statusCode).toBe(200);
    // The cluster was re-created: another CA, another client certificate.
    const other = await clientCert(await createCa({ commonName: 'other-ca' }));
    const err = await tr.withNode('c', other, (pool) => pool.request({ method: 'GET', path: '/' })).catch((e: unknown) => e);
    expect(isDroverError(err, 'DROVER_ERR_PROXY_DIAL_FAILED')).toBe(true);
    expect((err as Error).message).toMatch(/node "a": TLS to the apiserver at tcp:127\.0\.0\.1:6443 failed/);
    expect(dials.at(-1)).toBe('a');
    await tr.destroy();
  });

  it('resumes the TLS session of the pool for its next connection, still presenting the client certificate', async () => {
    const dials: string[] = [];
    const tr = createClusterTransport({ store: t.store, agents: sessions(new Set(['a']), dials), clusterCerts: certs(() => cert) });
    resumed.length = 0;
    for (let i = 0; i < 3; i++) {
      // The server closes each connection: every request dials anew.
      const res = await tr.withNode('c', cert, (pool) => pool.request({ method: 'GET', path: '/', headers: { 'x-close': '1', 'impersonate-user': `r${i}` } }));
      expect(await res.body.text()).toBe('ok');
    }
    expect(dials).toEqual(['a', 'a', 'a']);
    expect(resumed).toEqual([false, true, true]);
    expect(seen.slice(-3)).toEqual(['drover r0', 'drover r1', 'drover r2']);
    await tr.destroy();
  });
});
