/**
 * Finding 9 of issue 9: `/metrics` (login 401/429 counts, process figures) is not served to the
 * network. The main listener does not serve it (401 anonymous, 404 authenticated); the metrics are served in plain HTTP on a
 * separate listen address (DROVER_METRICS_LISTEN, default 127.0.0.1:9443; empty disables).
 * Actors: an anonymous network client, and an authenticated one (still 404 on the main listener).
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentTestServer } from '../agents/test-support.ts';
import { startMetricsServer } from '../metrics-server.ts';
import { https } from './support.ts';
import type { AgentTestServer } from './support.ts';

let s: AgentTestServer;

beforeAll(async () => {
  s = await startAgentTestServer();
});
afterAll(async () => {
  await s?.close();
});

function plainGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/metrics', () => {
  it('the main listener does not serve /metrics, to anonymous or authenticated callers', async () => {
    // Anonymous: 401 like any path that is not public; authenticated (even admin): no such route.
    const anonymous = await https(s, 'GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).not.toContain('drover_');
    expect((await https(s, 'GET', '/metrics', undefined, s.admin)).status).toBe(404);
  });

  it('the metrics listener serves them in plain HTTP on its own (loopback) address', async () => {
    const metrics = await startMetricsServer('127.0.0.1:0', s.app.drover.metrics.registry);
    try {
      expect((await https(s, 'POST', '/v1/login', { username: 'admin', password: 'wrong-password' })).status).toBe(401);
      const res = await plainGet(`${metrics.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.body).toContain('drover_http_requests_total{method="POST",route="/v1/login",status="401"}');
      expect(res.body).toContain('drover_server_process_cpu_seconds_total');
      expect((await plainGet(`${metrics.url}/other`)).status).toBe(404);
    } finally {
      await metrics.close();
    }
  });
});
