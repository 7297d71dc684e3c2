import { X509Certificate, createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCa, loadCa } from './ca.ts';
import { isPkiError } from './errors.ts';
import { issueCertificate } from './issue.ts';
import { x509 } from './x509-lib.ts';

const DAY = 86_400_000;

async function codeOf(fn: () => unknown): Promise<string | undefined> {
  try {
    await fn();
  } catch (err) {
    return isPkiError(err) ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

/** A self-signed certificate built directly with @peculiar/x509, to feed loadCa odd CAs. */
async function selfSigned(opts: { ca: boolean; keyUsage?: number; notBefore?: Date; notAfter?: Date }): Promise<{ certPem: string; keyPem: string }> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(opts.ca, undefined, true)];
  if (opts.keyUsage !== undefined) extensions.push(new x509.KeyUsagesExtension(opts.keyUsage, true));
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    { name: 'CN=odd', keys, signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' }, notBefore: opts.notBefore, notAfter: opts.notAfter, extensions },
    webcrypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certPem: cert.toString('pem'),
    keyPem: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

describe('createCa', () => {
  it('creates an ECDSA P-256 self-signed CA named drover-ca, valid 10 years, with the required extensions', async () => {
    const before = Date.now();
    const ca = await createCa();
    const cert = new X509Certificate(ca.certPem);
    expect(cert.subject).toBe('CN=drover-ca');
    expect(cert.issuer).toBe('CN=drover-ca');
    expect(cert.ca).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(createPrivateKey(ca.keyPem))).toBe(true);
    expect(ca.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(ca.notAfter.getTime()).toBe(cert.validToDate.getTime());
    expect(Math.abs(ca.notAfter.getTime() - (before + 3650 * DAY))).toBeLessThan(60_000);
    expect(cert.validFromDate.getTime()).toBeLessThanOrEqual(before);

    const parsed = new x509.X509Certificate(ca.certPem);
    const bc = parsed.getExtension(x509.BasicConstraintsExtension)!;
    expect(bc.ca).toBe(true);
    expect(bc.critical).toBe(true);
    const ku = parsed.getExtension(x509.KeyUsagesExtension)!;
    expect(ku.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(ku.critical).toBe(true);
    const ski = parsed.getExtension(x509.SubjectKeyIdentifierExtension)!;
    expect(ski.keyId).toMatch(/^[0-9a-f]{40}$/);
  });

  it('honours commonName and validityDays, and uses a fresh key and serial each time', async () => {
    const a = await createCa({ commonName: 'acme root', validityDays: 30 });
    const b = await createCa({ commonName: 'acme root', validityDays: 30 });
    const cert = new X509Certificate(a.certPem);
    expect(cert.subject).toBe('CN=acme root');
    expect(Math.abs(a.notAfter.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    expect(a.keyPem).not.toBe(b.keyPem);
    expect(cert.serialNumber).not.toBe(new X509Certificate(b.certPem).serialNumber);
  });

  it('rejects an empty CN and a non-positive validity', async () => {
    expect(await codeOf(() => createCa({ commonName: ' ' }))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    expect(await codeOf(() => createCa({ validityDays: 0 }))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
  });
});

describe('loadCa', () => {
  it('accepts a generated CA and normalises it (canonical cert, PKCS#8 key from SEC1)', async () => {
    const ca = await createCa();
    const sec1 = createPrivateKey(ca.keyPem).export({ type: 'sec1', format: 'pem' }).toString();
    const loaded = loadCa({ certPem: ca.certPem.replace(/\n/g, '\r\n'), keyPem: sec1 });
    expect(loaded).toEqual(ca);
  });

  it('accepts a user-supplied RSA CA and issues from it', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const signing = privateKey.toCryptoKey(alg, false, ['sign']);
    const pub = createPublicKey(privateKey).toCryptoKey(alg, true, ['verify']);
    const cert = await x509.X509CertificateGenerator.createSelfSigned(
      { name: 'CN=corp root, O=Corp', keys: { privateKey: signing, publicKey: pub }, signingAlgorithm: alg, extensions: [new x509.BasicConstraintsExtension(true, undefined, true)] },
      webcrypto,
    );
    const rsaKeyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const ca = loadCa({ certPem: cert.toString('pem'), keyPem: rsaKeyPem });
    const leaf = await issueCertificate(ca, { commonName: 'svc', dnsNames: ['svc.test'], usages: 'server' });
    const caCert = new X509Certificate(ca.certPem);
    const leafCert = new X509Certificate(leaf.certPem);
    expect(leafCert.verify(caCert.publicKey)).toBe(true);
    expect(leafCert.checkIssued(caCert)).toBe(true);
    // the issuer DN is copied byte for byte from the CA subject
    expect(leafCert.issuer).toBe(caCert.subject);
  });

  it('rejects a certificate that is not a CA with DROVER_ERR_PKI_NOT_A_CA', async () => {
    const ca = await createCa();
    const leaf = await issueCertificate(ca, { commonName: 'leaf', dnsNames: ['leaf.test'], usages: 'both' });
    expect(await codeOf(() => loadCa({ certPem: leaf.certPem, keyPem: leaf.keyPem }))).toBe('DROVER_ERR_PKI_NOT_A_CA');
    const selfSignedLeaf = await selfSigned({ ca: false });
    expect(await codeOf(() => loadCa(selfSignedLeaf))).toBe('DROVER_ERR_PKI_NOT_A_CA');
    const noCertSign = await selfSigned({ ca: true, keyUsage: x509.KeyUsageFlags.digitalSignature });
    expect(await codeOf(() => loadCa(noCertSign))).toBe('DROVER_ERR_PKI_NOT_A_CA');
  });

  it('rejects a key that does not match the certificate with DROVER_ERR_PKI_KEY_MISMATCH', async () => {
    const a = await createCa();
    const b = await createCa();
    expect(await codeOf(() => loadCa({ certPem: a.certPem, keyPem: b.keyPem }))).toBe('DROVER_ERR_PKI_KEY_MISMATCH');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await codeOf(() => loadCa({ certPem: a.certPem, keyPem: rsa }))).toBe('DROVER_ERR_PKI_KEY_MISMATCH');
  });

  it('rejects unparsable and unsupported keys and certificates with their codes', async () => {
    const ca = await createCa();
    expect(await codeOf(() => loadCa({ certPem: ca.certPem, keyPem: 'nope' }))).toBe('DROVER_ERR_PKI_INVALID_KEY');
    const encrypted = createPrivateKey(ca.keyPem).export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    expect(await codeOf(() => loadCa({ certPem: ca.certPem, keyPem: encrypted }))).toBe('DROVER_ERR_PKI_INVALID_KEY');
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(await codeOf(() => loadCa({ certPem: ca.certPem, keyPem: ed }))).toBe('DROVER_ERR_PKI_UNSUPPORTED_KEY');
    expect(await codeOf(() => loadCa({ certPem: ca.keyPem, keyPem: ca.keyPem }))).toBe('DROVER_ERR_PKI_INVALID_CERTIFICATE');
  });

  it('rejects an expired or not-yet-valid CA with DROVER_ERR_PKI_CA_EXPIRED', async () => {
    const now = Date.now();
    const expired = await selfSigned({ ca: true, notBefore: new Date(now - 10 * DAY), notAfter: new Date(now - DAY) });
    expect(await codeOf(() => loadCa(expired))).toBe('DROVER_ERR_PKI_CA_EXPIRED');
    const future = await selfSigned({ ca: true, notBefore: new Date(now + DAY), notAfter: new Date(now + 10 * DAY) });
    expect(await codeOf(() => loadCa(future))).toBe('DROVER_ERR_PKI_CA_EXPIRED');
  });
});
