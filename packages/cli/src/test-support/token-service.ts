/**
 * Test support: the token service of a registry with token auth (the Bearer flow of Docker Hub and
 * most public registries). GET /token?service=…&scope=repository:<name>:<actions> with the test
 * user's Basic credentials answers `{token}`: a JWT (ES256) whose `x5c` header carries the signing
 * certificate, which the registry checks against its `rootcertbundle`. Anonymous or wrong
 * credentials: 401.
 */
import { randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCa } from '@drover/pki';

export interface TokenService {
  realm: string;
  /** The CA PEM the registry trusts (`rootcertbundle`). */
  certPem: string;
  issued(): number;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export async function startTokenService(o: { issuer: string; username: string; password: string }): Promise<TokenService> {
  const ca = await createCa({});
  const der = Buffer.from(ca.certPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');
  let issued = 0;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const expected = `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`;
    if (url.pathname !== '/token' || req.headers.authorization !== expected) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const [, name = '', actions = ''] = /^repository:(.+):([a-z,*]+)$/.exec(url.searchParams.get('scope') ?? '') ?? [];
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', x5c: [der.toString('base64')] }));
    const claims = b64url(JSON.stringify({ iss: o.issuer, sub: o.username, aud: url.searchParams.get('service'), exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access: name === '' ? [] : [{ type: 'repository', name, actions: actions.split(',') }] }));
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key: ca.keyPem, dsaEncoding: 'ieee-p1363' });
    issued++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${header}.${claims}.${b64url(signature)}`, expires_in: 300 }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    realm: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`,
    certPem: ca.certPem,
    issued: () => issued,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
