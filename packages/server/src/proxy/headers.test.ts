/** What the proxy sends upstream: no client credentials or impersonation, Drover's own instead. */
import { describe, expect, it } from 'vitest';
import type { RequestUser } from '../api/contract.ts';
import { bearerFromSubprotocols } from '../auth/bearer.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts';

const mia: RequestUser = { name: 'mia', uid: 'u-1', groups: ['system:authenticated'], admin: false, via: 'token' };

describe('upstreamRequestHeaders', () => {
  it('drops credentials, every Impersonate-* header, hop-by-hop headers and those Connection lists', () => {
    const out = upstreamRequestHeaders(
      {
        authorization: 'Bearer drover_t_secret',
        cookie: 'session=1',
        'impersonate-user': 'admin',
        'impersonate-group': 'system:masters',
        'impersonate-uid': 'x',
        'impersonate-extra-scopes': 'y',
        connection: 'keep-alive, x-private',
        'x-private': 'p',
        'keep-alive': 'timeout=5',
        'transfer-encoding': 'chunked',
        'proxy-authorization': 'Basic x',
        host: 'drover.example',
        accept: 'application/json',
        'content-type': 'application/json',
        'content-length': '2',
      },
      mia,
      'member',
    );
    expect(out).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
      'content-length': '2',
      'impersonate-user': 'mia',
      'impersonate-uid': 'u-1',
      'impersonate-group': 'drover:cluster-members',
    });
  });
  it('removes the bearer subprotocol and keeps the others', () => {
    const token = Buffer.from('drover_t_0123456789abcdef').toString('base64url');
    const out = upstreamRequestHeaders({ 'sec-websocket-protocol': `v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.${token}` }, mia, 'read-only');
    expect(out['sec-websocket-protocol']).toBe('v5.channel.k8s.io');
    expect(JSON.stringify(out)).not.toContain(token);
    expect(upstreamRequestHeaders({ 'sec-websocket-protocol': `base64url.bearer.authorization.k8s.io.${token}` }, mia, 'owner')['sec-websocket-protocol']).toBeUndefined();
  });
  it('keeps end-to-end response headers only', () => {
    expect(downstreamResponseHeaders({ 'content-type': 'application/json', 'transfer-encoding': 'chunked', connection: 'keep-alive', 'audit-id': 'a' })).toEqual({ 'content-type': 'application/json', 'audit-id': 'a' });
  });
});

describe('bearerFromSubprotocols', () => {
  it('reads the token, refuses malformed or repeated ones', () => {
    const enc = Buffer.from('drover_t_0123456789abcdef').toString('base64url');
    expect(bearerFromSubprotocols(`v5.channel.k8s.io, base64url.bearer.authorization.k8s.io.${enc}`)).toBe('drover_t_0123456789abcdef');
    expect(bearerFromSubprotocols('v5.channel.k8s.io')).toBeUndefined();
    expect(bearerFromSubprotocols(undefined)).toBeUndefined();
    expect(bearerFromSubprotocols('base64url.bearer.authorization.k8s.io.not=valid')).toBe('');
    expect(bearerFromSubprotocols(`base64url.bearer.authorization.k8s.io.${enc}, base64url.bearer.authorization.k8s.io.${enc}`)).toBe('');
  });
});
