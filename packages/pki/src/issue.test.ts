import { X509Certificate, createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCa } from './ca.ts';
import { isPkiError } from './errors.ts';
import { certificateInfo } from './info.ts';
import { issueCertificate } from './issue.ts';
import type { IssueCertificateOptions } from './issue.ts';
import { x509 } from './x509-lib.ts';

const DAY = 86_400_000;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return isPkiError(err) ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

describe('issueCertificate', async () => {
  const ca = await createCa();
  const caCert = new X509Certificate(ca.certPem);

  it('issues a P-256 leaf whose chain verifies and whose SANs match DNS, IPv4 and IPv6', async () => {
    const leaf = await issueCertificate(ca, {
      commonName: 'drover-server',
      dnsNames: ['Drover.Test', '*.apps.test'],
      ipAddresses: ['127.0.0.1', '::1', '[2001:db8::10]'],
      usages: 'server',
    });
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(false);
    expect(cert.ca).toBe(false);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(createPrivateKey(leaf.keyPem))).toBe(true);
    expect(leaf.chainPem).toBe(leaf.certPem + ca.certPem);
    expect(leaf.notAfter.getTime()).toBe(cert.validToDate.getTime());

    expect(cert.checkHost('drover.test')).toBe('drover.test');
    expect(cert.checkHost('x.apps.test')).toBe('*.apps.test');
    expect(cert.checkHost('a.b.apps.test')).toBeUndefined();
    expect(cert.checkHost('other.test')).toBeUndefined();
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.checkIP('2001:db8:0:0:0:0:0:10')).toBe('2001:db8:0:0:0:0:0:10');
    expect(cert.checkIP('10.0.0.1')).toBeUndefined();
    expect(cert.keyUsage).toEqual([SERVER_AUTH]);
  });

  it('sets extendedKeyUsage per usage and the authority key identifier to the CA SKI', async () => {
    const caSki = new x509.X509Certificate(ca.certPem).getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
    const expected = { server: [SERVER_AUTH], client: [CLIENT_AUTH], both: [SERVER_AUTH, CLIENT_AUTH] } as const;
    for (const usages of ['server', 'client', 'both'] as const) {
      const leaf = await issueCertificate(ca, { commonName: usages, dnsNames: ['a.test'], usages });
      expect(new X509Certificate(leaf.certPem).keyUsage).toEqual(expected[usages]);
      const parsed = new x509.X509Certificate(leaf.certPem);
      expect(parsed.getExtension(x509.AuthorityKeyIdentifierExtension)!.keyId).toBe(caSki);
      expect(parsed.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId).not.toBe(caSki);
      expect(parsed.getExtension(x509.BasicConstraintsExtension)!.critical).toBe(true);
      expect(parsed.getExtension(x509.KeyUsagesExtension)!.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    }
  });

  it('puts each organization in its own O attribute, for Kubernetes groups, and allows SAN-less client certs', async () => {
    const leaf = await issueCertificate(ca, { commonName: 'admin', usages: 'client', organization: ['system:masters', 'drover:admins'] });
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.subject).toBe('O=system:masters\nO=drover:admins\nCN=admin');
    expect(cert.subjectAltName).toBeUndefined();
    const single = await issueCertificate(ca, { commonName: 'u', usages: 'client', organization: 'g' });
    expect(new X509Certificate(single.certPem).subject).toBe('O=g\nCN=u');
  });

  it('defaults to 365 days and never outlives the CA', async () => {
    const leaf = await issueCertificate(ca, { commonName: 'a', dnsNames: ['a.test'], usages: 'server' });
    expect(Math.abs(leaf.notAfter.getTime() - (Date.now() + 365 * DAY))).toBeLessThan(60_000);
    const shortCa = await createCa({ validityDays: 10 });
    const clamped = await issueCertificate(shortCa, { commonName: 'a', dnsNames: ['a.test'], usages: 'server', validityDays: 100 });
    expect(clamped.notAfter.getTime()).toBe(shortCa.notAfter.getTime());
  });

  it('rejects bad options with DROVER_ERR_PKI_INVALID_ARGUMENT', async () => {
    const bad: IssueCertificateOptions[] = [
      { commonName: '', dnsNames: ['a.test'], usages: 'server' },
      { commonName: 'a', usages: 'server' },
      { commonName: 'a', usages: 'both', dnsNames: [] },
      { commonName: 'a', dnsNames: ['bad name'], usages: 'server' },
      { commonName: 'a', ipAddresses: ['300.1.1.1'], usages: 'server' },
      { commonName: 'a', dnsNames: ['a.test'], usages: 'server', validityDays: -1 },
      { commonName: 'a', usages: 'client', organization: [''] },
      { commonName: 'a', dnsNames: ['a.test'], usages: 'peer' as unknown as 'server' },
    ];
    for (const opts of bad) expect(await codeOf(() => issueCertificate(ca, opts)), JSON.stringify(opts)).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
  });

  it('refuses to issue from a non-CA or with a mismatched CA key', async () => {
    const leaf = await issueCertificate(ca, { commonName: 'a', dnsNames: ['a.test'], usages: 'both' });
    expect(await codeOf(() => issueCertificate(leaf, { commonName: 'b', dnsNames: ['b.test'], usages: 'server' }))).toBe('DROVER_ERR_PKI_NOT_A_CA');
    expect(await codeOf(() => issueCertificate({ certPem: ca.certPem, keyPem: leaf.keyPem }, { commonName: 'b', dnsNames: ['b.test'], usages: 'server' }))).toBe(
      'DROVER_ERR_PKI_KEY_MISMATCH',
    );
  });
});

describe('certificateInfo', async () => {
  const ca = await createCa({ commonName: 'info-ca' });

  it('reports identity, validity, fingerprint, SANs and CA flag', async () => {
    const leaf = await issueCertificate(ca, {
      commonName: 'svc',
      organization: 'acme',
      dnsNames: ['svc.test'],
      ipAddresses: ['10.1.2.3', '2001:DB8::1'],
      usages: 'server',
      validityDays: 7,
    });
    const cert = new X509Certificate(leaf.certPem);
    const info = certificateInfo(leaf.certPem);
    expect(info).toEqual({
      subject: 'O=acme, CN=svc',
      issuer: 'CN=info-ca',
      notBefore: cert.validFromDate,
      notAfter: leaf.notAfter,
      serial: cert.serialNumber.toLowerCase(),
      sha256Fingerprint: cert.fingerprint256,
      dnsNames: ['svc.test'],
      ipAddresses: ['10.1.2.3', '2001:db8::1'],
      isCa: false,
    });
    expect(info.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(info.serial).toMatch(/^[4-7][0-9a-f]{31}$/);
    const caInfo = certificateInfo(ca.certPem);
    expect(caInfo.isCa).toBe(true);
    expect(caInfo.notAfter).toEqual(ca.notAfter);
    expect(caInfo.subject).toBe('CN=info-ca');
  });

  it('rejects input that is not a certificate', async () => {
    expect(await codeOf(() => certificateInfo(ca.keyPem))).toBe('DROVER_ERR_PKI_INVALID_CERTIFICATE');
  });
});
