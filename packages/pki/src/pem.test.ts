import { X509Certificate, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCa } from './ca.ts';
import { isPkiError } from './errors.ts';
import { issueCertificate } from './issue.ts';
import { caChecksum, canonicalPem, canonicalPemBundle } from './pem.ts';

const sha256 = (s: string | Buffer): string => createHash('sha256').update(s).digest('hex');

describe('canonicalPem', async () => {
  const ca = await createCa();
  const der = new X509Certificate(ca.certPem).raw;
  const nodePem = new X509Certificate(der).toString();

  it('equals node:crypto X509Certificate.toString() of the DER, and emitted PEM is already canonical', () => {
    expect(canonicalPem(der)).toBe(nodePem);
    expect(ca.certPem).toBe(nodePem);
    expect(canonicalPem(ca.certPem)).toBe(ca.certPem);
  });

  it('has the contracted layout: 64-column base64, LF line ends, one trailing newline', () => {
    const lines = nodePem.split('\n');
    expect(lines[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(lines.at(-2)).toBe('-----END CERTIFICATE-----');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -2);
    expect(body.slice(0, -1).every((l) => l.length === 64)).toBe(true);
    expect(body.at(-1)!.length).toBeLessThanOrEqual(64);
    expect(nodePem).not.toContain('\r');
    expect(Buffer.from(body.join(''), 'base64').equals(der)).toBe(true);
  });

  it('canonicalises CRLF, re-wrapped, unterminated and annotated PEM to the same bytes', () => {
    const b64 = der.toString('base64');
    const variants = [
      ca.certPem.replace(/\n/g, '\r\n'),
      ca.certPem.trimEnd(),
      `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{76})/g, '$1\n')}\n-----END CERTIFICATE-----`,
      `subject=CN=drover-ca\n\n${ca.certPem}\ntrailing text\n`,
      Buffer.from(ca.certPem.replace(/\n/g, '\r\n')),
    ];
    for (const v of variants) expect(canonicalPem(v)).toBe(nodePem);
  });

  it('rejects garbage, zero or several certificates with DROVER_ERR_PKI_INVALID_CERTIFICATE', () => {
    const bad = ['', 'not a pem', ca.certPem + ca.certPem, ca.keyPem, Buffer.from([0x30, 0x03, 0x01, 0x01, 0x00])];
    for (const b of bad) {
      let caught: unknown;
      try {
        canonicalPem(b);
      } catch (err) {
        caught = err;
      }
      expect(isPkiError(caught, 'DROVER_ERR_PKI_INVALID_CERTIFICATE'), String(b).slice(0, 30)).toBe(true);
    }
  });
});

describe('caChecksum', async () => {
  const ca = await createCa();

  it('is the hex SHA-256 of the canonical PEM bytes, whatever form the input takes', () => {
    const expected = sha256(ca.certPem);
    expect(caChecksum(ca.certPem)).toBe(expected);
    expect(caChecksum(ca.certPem.replace(/\n/g, '\r\n'))).toBe(expected);
    expect(caChecksum(new X509Certificate(ca.certPem).raw)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs between CAs', async () => {
    const other = await createCa();
    expect(caChecksum(other.certPem)).not.toBe(caChecksum(ca.certPem));
  });
});

describe('canonicalPemBundle', async () => {
  const ca = await createCa();
  const leaf = await issueCertificate(ca, { commonName: 'a', dnsNames: ['a.test'], usages: 'server' });

  it('canonicalises each certificate in order', () => {
    const messy = (leaf.certPem + ca.certPem).replace(/\n/g, '\r\n');
    expect(canonicalPemBundle(messy)).toBe(leaf.chainPem);
  });

  it('rejects bundles holding keys or nothing', () => {
    expect(() => canonicalPemBundle(ca.certPem + ca.keyPem)).toThrow(/CERTIFICATE/);
    expect(() => canonicalPemBundle('')).toThrow(/CERTIFICATE/);
  });
});
