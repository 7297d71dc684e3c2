import { X509Certificate, createHash } from 'node:crypto';
import { PkiError } from './errors.ts';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** One decoded PEM block: its label (e.g. `CERTIFICATE`) and DER bytes. */
export interface PemBlock {
  label: string;
  der: Buffer;
}

/**
 * Every PEM block in `text`, in order, tolerating CRLF line ends, missing trailing newlines and
 * text around the blocks. Blocks with encapsulated headers (legacy encrypted keys) are rejected.
 */
export function parsePemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const label = m[1] ?? '';
    const body = (m[2] ?? '').replace(/\s+/g, '');
    if (body.includes(':') || !/^[A-Za-z0-9+/]*={0,2}$/.test(body)) {
      throw new PkiError('DROVER_ERR_PKI_INVALID_CERTIFICATE', `PEM block "${label}" is not plain base64`);
    }
    blocks.push({ label, der: Buffer.from(body, 'base64') });
  }
  return blocks;
}

function toDer(derOrPem: string | Uint8Array): Buffer {
  if (typeof derOrPem !== 'string' && derOrPem[0] === 0x30) return Buffer.from(derOrPem);
  const text = typeof derOrPem === 'string' ? derOrPem : Buffer.from(derOrPem).toString('utf8');
  const certs = parsePemBlocks(text).filter((b) => b.label === 'CERTIFICATE');
  if (certs.length !== 1 || certs[0] === undefined) {
    throw new PkiError(
      'DROVER_ERR_PKI_INVALID_CERTIFICATE',
      `expected exactly one PEM CERTIFICATE block, found ${certs.length}`,
    );
  }
  return certs[0].der;
}

/**
 * Parses exactly one certificate (DER bytes, or text holding one PEM `CERTIFICATE` block) with
 * node:crypto. Throws `DROVER_ERR_PKI_INVALID_CERTIFICATE` otherwise.
 */
export function parseCertificate(derOrPem: string | Uint8Array): X509Certificate {
  const der = toDer(derOrPem);
  try {
    return new X509Certificate(der);
  } catch (cause) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_CERTIFICATE', 'certificate cannot be parsed', { cause });
  }
}

/**
 * The canonical PEM of one certificate: exactly `new crypto.X509Certificate(der).toString()` —
 * label `CERTIFICATE`, 64-column base64, `\n` line ends, one trailing newline. Accepts DER bytes
 * or text with exactly one PEM certificate block (CRLF, odd wrapping and surrounding text are
 * tolerated). Every certificate PEM this package emits is already canonical, so
 * `canonicalPem(x) === x` for them.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_CERTIFICATE`
 */
export function canonicalPem(derOrPem: string | Uint8Array): string {
  return parseCertificate(derOrPem).toString();
}

/**
 * The CA checksum agents pin: lowercase hex SHA-256 of the UTF-8 bytes of `canonicalPem(pem)`.
 * For a canonical PEM (every one this package writes, e.g. `ca.crt`, or the body served at
 * `GET /cacerts`) this equals the SHA-256 of the bytes as stored or served; for a certificate
 * seen in a TLS chain, pass its DER (`getPeerCertificate().raw`).
 * @throws PkiError `DROVER_ERR_PKI_INVALID_CERTIFICATE`
 */
export function caChecksum(pem: string | Uint8Array): string {
  return createHash('sha256').update(canonicalPem(pem), 'utf8').digest('hex');
}

/**
 * Canonical PEMs of every certificate in a bundle (one or more PEM `CERTIFICATE` blocks),
 * concatenated in order. Non-certificate blocks are rejected.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_CERTIFICATE`
 */
export function canonicalPemBundle(pem: string): string {
  const blocks = parsePemBlocks(pem);
  if (blocks.length === 0 || blocks.some((b) => b.label !== 'CERTIFICATE')) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_CERTIFICATE', 'expected one or more PEM CERTIFICATE blocks only');
  }
  return blocks.map((b) => canonicalPem(b.der)).join('');
}
