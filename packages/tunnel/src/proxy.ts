/**
 * HTTP CONNECT proxies, chosen the way curl and Go do from HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY. The caller passes the values (nothing here reads
 * process.env). `connectVia` opens a raw TCP path to host:port, through the
 * proxy when one applies.
 */
import { connect, isIP, type Socket } from 'node:net';
import { TunnelError, TunnelErrorCodes } from './errors.ts';
import { http, https } from './node-http.ts';

export interface ProxySettings {
  /** Proxy for wss:// and https:// targets (HTTPS_PROXY). */
  httpsProxy?: string | undefined;
  /** Proxy for ws:// and http:// targets (HTTP_PROXY). */
  httpProxy?: string | undefined;
  /** Comma-separated hosts that bypass the proxy (NO_PROXY): `*`, `example.com` (and its subdomains), `.example.com`, `10.0.0.1`, `host:port`. */
  noProxy?: string | undefined;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True when NO_PROXY says `host:port` goes direct. */
export function bypassesProxy(host: string, port: number, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const h = stripBrackets(host).toLowerCase();
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const m = /^(.*):(\d+)$/.exec(entry);
    if (m && (isIP(stripBrackets(m[1]!)) !== 6 || m[1]!.startsWith('['))) {
      entry = m[1]!;
      entryPort = Number(m[2]);
    }
    entry = stripBrackets(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.') ? h.endsWith(entry) || h === entry.slice(1) : h === entry || h.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy URL to use for a target URL, or undefined to go direct. */
export function proxyFor(target: URL, settings: ProxySettings | undefined): URL | undefined {
  if (!settings) return undefined;
  const secure = target.protocol === 'wss:' || target.protocol === 'https:';
  const raw = secure ? settings.httpsProxy : settings.httpProxy;
  if (!raw) return undefined;
  const port = Number(target.port) || (secure ? 443 : 80);
  if (bypassesProxy(target.hostname, port, settings.noProxy)) return undefined;
  try {
    return new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch (err) {
    throw new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `invalid proxy URL ${JSON.stringify(raw)}`, { cause: err });
  }
}

/** Opens a TCP path to host:port, via an HTTP CONNECT proxy when `proxy` is set. */
export function connectVia(host: string, port: number, proxy: URL | undefined, timeoutMs: number, localAddress?: string): Promise<Socket> {
  if (!proxy) {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: stripBrackets(host), port, noDelay: true, ...(localAddress === undefined ? {} : { localAddress }) });
      const timer = setTimeout(() => socket.destroy(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `cannot reach ${host}:${port}: ${err.message}`, { cause: err }));
      });
    });
  }
  return new Promise((resolve, reject) => {
    const authority = `${isIP(stripBrackets(host)) === 6 ? `[${stripBrackets(host)}]` : host}:${port}`;
    const headers: Record<string, string> = { host: authority };
    if (proxy.username) {
      headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
    }
    const req = (proxy.protocol === 'https:' ? https.request : http.request)({
      host: stripBrackets(proxy.hostname),
      port: Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers,
      timeout: timeoutMs,
    });
    const where = `proxy ${proxy.host}`;
    req.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `${where} refused CONNECT ${authority}: HTTP ${res.statusCode} ${res.statusMessage ?? ''}`.trim(), { details: { status: res.statusCode, proxy: proxy.host } }));
        return;
      }
      socket.setNoDelay(true);
      resolve(socket);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (err) => reject(new TunnelError(TunnelErrorCodes.CONNECT_FAILED, `cannot reach ${authority} through ${where}: ${err.message}`, { cause: err, details: { proxy: proxy.host } })));
    req.end();
  });
}
