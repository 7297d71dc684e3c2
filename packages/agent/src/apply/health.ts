/**
 * In-process health checks of managed containers (the agent's image has no shell to `docker
 * exec` a probe in): https (optional client certificate and CA file read from the host paths,
 * otherwise the server's certificate is not verified, as RKE probes self-signed component
 * serving certificates), http, tcp and unix socket — each bounded by a short timeout. The check
 * travels on the container as a label, so an agent that restarts keeps checking it.
 */
import { readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { http, https } from '@drover/tunnel/node-http';

/** Label holding the container's health check as JSON (set by the agent at create). */
export const HEALTH_CHECK_LABEL = 'drover.dev/health-check';
/** One probe's timeout, ms. */
export const PROBE_TIMEOUT_MS = 2_000;

export interface HealthCheckSpec {
  type: 'https' | 'http' | 'tcp' | 'unix';
  url?: string;
  address?: string;
  path?: string;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

export interface ProbeResult {
  ok: boolean;
  /** Why not, for people. */
  message: string;
}

/** The check a container's labels carry, or undefined (none, or unreadable). */
export function healthCheckFromLabels(labels: Record<string, string> | undefined): HealthCheckSpec | undefined {
  const raw = labels?.[HEALTH_CHECK_LABEL];
  if (raw === undefined) return undefined;
  try {
    const v = JSON.parse(raw) as HealthCheckSpec;
    return ['https', 'http', 'tcp', 'unix'].includes(v.type) ? v : undefined;
  } catch {
    return undefined;
  }
}

function probeHttp(check: HealthCheckSpec, timeoutMs: number, tls: { ca?: Buffer; cert?: Buffer; key?: Buffer } | undefined): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const url = new URL(check.url ?? '');
    const done = (r: ProbeResult): void => resolve(r);
    const options = { method: 'GET', timeout: timeoutMs, headers: { 'user-agent': 'drover-agent-health' } };
    const req = tls === undefined
      ? http.request(url, options)
      : https.request(url, { ...options, rejectUnauthorized: tls.ca !== undefined, ...(tls.ca ? { ca: tls.ca } : {}), ...(tls.cert ? { cert: tls.cert, key: tls.key } : {}) });
    req.on('response', (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      done(code >= 200 && code < 300 ? { ok: true, message: '' } : { ok: false, message: `${url.href} answered ${code}` });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => done({ ok: false, message: `${url.href}: ${err.message}` }));
    req.end();
  });
}

function probeConnect(target: { host: string; port: number } | { path: string }, label: string, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect(target as never);
    const timer = setTimeout(() => socket.destroy(new Error(`no connection within ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true, message: '' });
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, message: `${label}: ${err.message}` });
    });
  });
}

function hostPort(address: string): { host: string; port: number } {
  const m = /^\[?([^\]]*)\]?:(\d+)$/.exec(address);
  if (!m) throw new Error(`health check address ${JSON.stringify(address)} is not host:port`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** Runs one probe; never throws. */
export async function probe(check: HealthCheckSpec, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  try {
    switch (check.type) {
      case 'http':
        return await probeHttp(check, timeoutMs, undefined);
      case 'https': {
        const [ca, cert, key] = await Promise.all([
          check.caFile ? readFile(check.caFile) : undefined,
          check.certFile ? readFile(check.certFile) : undefined,
          check.keyFile ? readFile(check.keyFile) : undefined,
        ]);
        return await probeHttp(check, timeoutMs, { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) });
      }
      case 'tcp':
        return await probeConnect(hostPort(check.address ?? ''), check.address ?? '', timeoutMs);
      case 'unix':
        return await probeConnect({ path: check.path ?? '' }, check.path ?? '', timeoutMs);
    }
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}
