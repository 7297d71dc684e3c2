/**
 * CA pinning by checksum. The agent knows only the hex SHA-256 of the CA
 * certificate's PEM (the bytes the server serves at /cacerts). Before sending
 * anything, a probe handshake reads the server's chain, finds the certificate
 * whose canonical PEM has that checksum, and the real connection then trusts
 * exactly that CA with full verification (chain, dates, host name).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, createSecureContext, type DetailedPeerCertificate, type SecureContext } from 'node:tls';
import { connectVia } from './proxy.ts';
import { TunnelError, TunnelErrorCodes } from './errors.ts';

/** Canonical PEM of a certificate: Node's X509Certificate#toString (64 columns, LF, trailing newline). */
export function canonicalPem(derOrPem: Buffer | string): string {
  return new X509Certificate(derOrPem).toString();
}

/** Hex SHA-256 of the exact PEM bytes. */
export function pemChecksum(pem: string): string {
  return createHash('sha256').update(pem).digest('hex');
}

/** Trust contexts by CA PEM, most recently used last; a few at most (one server, maybe a new CA). */
const contexts = new Map<string, SecureContext>();
const MAX_CONTEXTS = 4;

/**
 * The TLS context trusting exactly `caPem`, built once and reused by every connection to it. A
 * context built per connection (tls.connect's `ca` option) parsed the CA and filled a trust
 * store each time: ~0.3 ms of the client's ~1.3 ms handshake here, per reconnect.
 */
export function trustContext(caPem: string): SecureContext {
  let ctx = contexts.get(caPem);
  if (ctx === undefined) {
    ctx = createSecureContext({ ca: caPem });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
  } else {
    contexts.delete(caPem);
  }
  contexts.set(caPem, ctx);
  return ctx;
}

/** A `createConnection` for node:http(s) and ws clients: it answers through the callback. */
export type ServerConnection = (options: unknown, cb: (err: Error | null, socket: Duplex) => void) => undefined;

/**
 * How a client of the server connects (the tunnel's WebSocket, the agent's HTTPS requests): the
 * TCP path to host:port, through the proxy when one applies, then for `secure` TLS verified
 * against exactly `ca` (its shared context) or, without one, the system's CAs. `verify: false`
 * is for the one trust-on-first-contact fetch of /cacerts only.
 */
export function serverConnection(o: { host: string; port: number; secure: boolean; proxy: URL | undefined; timeoutMs: number; localAddress?: string; ca?: string; verify?: boolean }): ServerConnection {
  const trust = { rejectUnauthorized: o.verify ?? true, ...(o.ca === undefined ? {} : { secureContext: trustContext(o.ca) }) };
  const servername = isIP(o.host) ? undefined : o.host;
  return (_options, cb) => {
    connectVia(o.host, o.port, o.proxy, o.timeoutMs, o.localAddress).then(
      (raw) => cb(null, o.secure ? tlsConnect({ socket: raw, host: o.host, servername, ...trust, ALPNProtocols: ['http/1.1'] }) : raw),
      // node:http and ws read only the error when there is one.
      (err: Error) => cb(err, undefined as never),
    );
    return undefined;
  };
}

/** Reads the server's certificate chain without trusting it; nothing but the TLS handshake is sent. */
export async function readServerChain(url: URL, proxy: URL | undefined, timeoutMs: number): Promise<Buffer[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port) || 443;
  const raw = await connectVia(host, port, proxy, timeoutMs);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ socket: raw, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, ALPNProtocols: ['http/1.1'] });
    const timer = setTimeout(() => socket.destroy(new Error(`TLS handshake timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const chain: Buffer[] = [];
      let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
      const seen = new Set<string>();
      while (cert?.raw && !seen.has(cert.fingerprint256)) {
        seen.add(cert.fingerprint256);
        chain.push(cert.raw);
        cert = cert.issuerCertificate;
      }
      socket.destroy();
      resolve(chain);
    });
    socket.once('error', (err: Error) => {
      clearTimeout(timer);
      reject(new TunnelError(TunnelErrorCodes.TLS, `TLS handshake with ${url.host} failed: ${err.message}`, { cause: err }));
    });
  });
}

/** Finds the pinned CA in the server's chain; throws CA_MISMATCH showing expected and actual. */
export async function fetchPinnedCa(url: URL, checksum: string, proxy: URL | undefined, timeoutMs: number): Promise<string> {
  const expected = checksum.trim().toLowerCase();
  const chain = await readServerChain(url, proxy, timeoutMs);
  let actual = '';
  for (const der of chain) {
    const pem = canonicalPem(der);
    actual = pemChecksum(pem);
    if (actual === expected) return pem;
  }
  throw new TunnelError(
    TunnelErrorCodes.CA_MISMATCH,
    chain.length <= 1
      ? `the server at ${url.host} sent no CA certificate in its chain, so the pinned CA cannot be checked (expected CA checksum ${expected}, leaf certificate ${actual})`
      : `the server at ${url.host} is not signed by the pinned CA: expected CA checksum ${expected}, actual ${actual}`,
    { details: { expected, actual } },
  );
}

const TLS_HINTS: Readonly<Record<string, (host: string) => string>> = {
  CERT_HAS_EXPIRED: () => "the server certificate has expired, or this host's clock is ahead; check the clock (NTP) and the server certificate",
  CERT_NOT_YET_VALID: () => "the server certificate is not valid yet: this host's clock is probably behind; check NTP",
  ERR_TLS_CERT_ALTNAME_INVALID: (host) => `the server certificate does not name ${host} (SAN mismatch); use the server's configured external URL, or add ${host} to the server certificate`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: () => 'the server sent an incomplete chain (no intermediate/CA certificate), or it is signed by another CA than the pinned one',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: () => 'the server certificate is signed by a CA other than the pinned one (or the chain is incomplete)',
  UNABLE_TO_GET_ISSUER_CERT: () => 'the server sent an incomplete certificate chain',
  DEPTH_ZERO_SELF_SIGNED_CERT: () => 'the server presents a self-signed certificate that is not the pinned CA',
  SELF_SIGNED_CERT_IN_CHAIN: () => "the server's chain ends at a CA other than the pinned one",
  CERT_SIGNATURE_FAILURE: () => "a certificate in the server's chain has a bad signature",
  CERT_UNTRUSTED: () => 'the server certificate is not trusted for TLS server use',
};

/** Node's TLS verification error codes the tunnel explains. */
export const TLS_VERIFY_CODES: ReadonlySet<string> = new Set(Object.keys(TLS_HINTS));

/** What a TLS verification failure with Node error `code` means for an operator (SAN mismatch, clock skew, incomplete chain…); undefined for other codes. */
export function tlsHint(code: string, host: string): string | undefined {
  return TLS_HINTS[code]?.(host);
}

/** Turns a Node TLS verification error into a TunnelError that says what to check. */
export function explainTlsError(err: Error & { code?: string }, host: string): TunnelError {
  const code = err.code ?? '';
  const hint = tlsHint(code, host);
  return new TunnelError(TunnelErrorCodes.TLS, `TLS verification of ${host} failed${code ? ` (${code})` : ''}: ${hint ?? err.message}`, { cause: err, details: { tlsCode: code } });
}
