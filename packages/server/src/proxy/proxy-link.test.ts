/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are arbitrary JSON walked by assertions */
/**
 * The host's link dies under the proxy: cp1's tunnel runs through a TCP relay that is frozen (as
 * a router dropping the host's packets would). Requests, even on a kept-alive apiserver
 * connection, fail within 3 s with 502 naming the node, although the heartbeat's dead-peer timeout
 * is 30 s (the proxy probes a session whose request gets no answer); then the session is dead: 503.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETCD_BIN } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { KUBECTL } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { https } from '../agents/test-support.ts';
import { startProxyEnv } from './test-support.ts';
import type { ProxyEnv } from './test-support.ts';

const haveParts = existsSync(ETCD_BIN) && existsSync(KUBECTL);
const title = haveParts ? 'Kubernetes API proxy when the host link dies (real kubectl, agent tunnel, stand-in apiserver)' : `Kubernetes API proxy when the host link dies (skipped: ${ETCD_BIN} or ${KUBECTL} is absent)`;

describe.skipIf(!haveParts)(title, () => {
  let p: ProxyEnv;
  beforeAll(async () => {
    // The dead-peer timeout is long: the proxy's own probe must find the dead link.
    p = await startProxyEnv({ viaRelay: true, env: { DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '30000' } });
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('502 naming the node within 3 s on a pooled connection, then 503 once the session is dead', async () => {
    // A first request leaves a kept-alive connection to the apiserver in the pool.
    const ok = await https(p.s, 'GET', '/k8s/clusters/c1/api/v1/namespaces', undefined, p.tokens.mia);
    expect(ok.status).toBe(200);
    p.relay!.freeze();
    const t0 = Date.now();
    const down = await https(p.s, 'GET', '/k8s/clusters/c1/api/v1/namespaces', undefined, p.tokens.mia);
    const ms = Date.now() - t0;
    expect(down.status).toBe(502);
    expect(down.body.message).toContain('node "cp1"');
    expect(ms).toBeLessThan(3000);
    const dead = await https(p.s, 'GET', '/k8s/clusters/c1/api/v1/namespaces', undefined, p.tokens.mia);
    expect(dead.status).toBe(503);
    expect(dead.headers['drover-error-code']).toBe('DROVER_ERR_PROXY_NO_CONTROLPLANE');
    expect(dead.body.message).toContain('cp1 without an agent session');
    const k = await p.kubectl('mia', ['get', 'ns']);
    expect(k.code).not.toBe(0);
    expect(k.stderr).toContain('Error from server (ServiceUnavailable)');
  });
});
