/**
 * Headers across the proxy. Towards the cluster: the client's credentials (`Authorization`,
 * cookies, the bearer WebSocket subprotocol) and every `Impersonate-*` header are removed, as are
 * hop-by-hop headers; Drover adds `Impersonate-User` (the Drover user), `Impersonate-Uid` and
 * `Impersonate-Group` (the role's group, groups.ts). Towards the client: hop-by-hop headers removed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestUser } from '../api/contract.ts';
import { isBearerSubprotocol } from '../auth/bearer.ts';
import { GROUP_OF_ROLE } from './groups.ts';
import type { ProxyRole } from './groups.ts';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and ones undici sets itself or refuses. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'expect']);
/** Client credentials for Drover, never for the cluster. */
const CREDENTIALS = new Set(['authorization', 'cookie']);

/** Header names the `Connection` header lists (also hop-by-hop). */
function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const v = headers.connection;
  const listed = new Set<string>();
  for (const part of (Array.isArray(v) ? v.join(',') : (v ?? '')).split(',')) {
    const name = part.trim().toLowerCase();
    if (name !== '' && name !== 'upgrade' && name !== 'close' && name !== 'keep-alive') listed.add(name);
  }
  return listed;
}

/** The request headers to send to the apiserver for `user` acting with `role`. */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, user: RequestUser, role: ProxyRole): Record<string, string | string[]> {
  const listed = connectionListed(headers);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(n) || CREDENTIALS.has(n) || listed.has(n) || n.startsWith('impersonate-')) continue;
    if (n === 'sec-websocket-protocol') {
      const kept = String(value)
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '' && !isBearerSubprotocol(p));
      if (kept.length > 0) out[n] = kept.join(', ');
      continue;
    }
    out[n] = value;
  }
  out['impersonate-user'] = user.name;
  if (user.uid !== '') out['impersonate-uid'] = user.uid;
  out['impersonate-group'] = GROUP_OF_ROLE[role];
  return out;
}

/** The response headers to send back to the client. */
export function downstreamResponseHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const n = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(n)) continue;
    out[n] = value;
  }
  return out;
}
