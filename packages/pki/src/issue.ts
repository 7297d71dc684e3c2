import { openCa } from './ca.ts';
import { PkiError } from './errors.ts';
import { generateEcKey, nodeWebCrypto } from './keys.ts';
import { normalizeDnsNames, normalizeIps } from './names.ts';
import { canonicalPem } from './pem.ts';
import { DAY_MS, NOT_BEFORE_SKEW_MS, randomSerial, validityDays } from './validity.ts';
import { x509 } from './x509-lib.ts';

/** Extended key usage of an issued certificate: TLS server, TLS client, or both. */
export type CertificateUsage = 'server' | 'client' | 'both';

/** Options of {@link issueCertificate}. */
export interface IssueCertificateOptions {
  /** Subject CN (for Kubernetes client certificates: the user name). */
  commonName: string;
  /** DNS SANs (normalised to lowercase; `*.` wildcards allowed). */
  dnsNames?: readonly string[];
  /** IP SANs, IPv4 or IPv6 (brackets allowed). */
  ipAddresses?: readonly string[];
  /** `server` → serverAuth, `client` → clientAuth, `both` → both. */
  usages: CertificateUsage;
  /** Days from now until `notAfter` (clamped to the CA's `notAfter`). Default 365. */
  validityDays?: number;
  /** Subject O attributes, one RDN each (for Kubernetes client certificates: the groups). */
  organization?: string | readonly string[];
}

/** An issued leaf: certificate and chain as canonical PEM, key as PKCS#8 PEM. */
export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
  /** `certPem` followed by the CA's canonical PEM. */
  chainPem: string;
  notAfter: Date;
}

const DEFAULT_LEAF_DAYS = 365;

/**
 * Issues an ECDSA P-256 leaf certificate signed by `ca` (validated as by `loadCa`). Extensions:
 * basicConstraints CA:false (critical), keyUsage digitalSignature (critical), extendedKeyUsage
 * per `usages`, subjectKeyIdentifier, authorityKeyIdentifier (the CA's own SKI when it has one),
 * subjectAltName with every DNS name and IP. A `server` or `both` certificate must have at least
 * one SAN (TLS clients ignore the CN).
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT` and every code of `loadCa`
 */
export async function issueCertificate(
  ca: { certPem: string; keyPem: string },
  options: IssueCertificateOptions,
): Promise<IssuedCertificate> {
  const opened = openCa(ca);
  const { commonName, usages } = options;
  if (commonName.trim() === '') throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'commonName is empty');
  if (usages !== 'server' && usages !== 'client' && usages !== 'both') {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `usages must be server, client or both, got ${String(usages)}`);
  }
  const dnsNames = normalizeDnsNames(options.dnsNames);
  const ipAddresses = normalizeIps(options.ipAddresses);
  if (usages !== 'client' && dnsNames.length + ipAddresses.length === 0) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'a server certificate needs at least one DNS name or IP address');
  }
  const orgs = typeof options.organization === 'string' ? [options.organization] : (options.organization ?? []);
  if (orgs.some((o) => o.trim() === '')) throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'organization is empty');
  const days = validityDays(options.validityDays, DEFAULT_LEAF_DAYS);

  const key = await generateEcKey();
  const now = Date.now();
  const notAfter = new Date(Math.min(now + days * DAY_MS, opened.parsed.notAfter.getTime()));
  const eku: string[] = [];
  if (usages !== 'client') eku.push(x509.ExtendedKeyUsage.serverAuth);
  if (usages !== 'server') eku.push(x509.ExtendedKeyUsage.clientAuth);
  const caSki = opened.parsed.getExtension(x509.SubjectKeyIdentifierExtension);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(eku, false),
    await x509.SubjectKeyIdentifierExtension.create(key.publicKey, false, nodeWebCrypto),
    caSki !== null
      ? new x509.AuthorityKeyIdentifierExtension(caSki.keyId, false)
      : await x509.AuthorityKeyIdentifierExtension.create(opened.key.publicKey, false, nodeWebCrypto),
  ];
  if (dnsNames.length + ipAddresses.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
    );
  }
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: [...orgs.map((o) => ({ O: [o] })), { CN: [commonName] }],
      issuer: opened.parsed.subjectName,
      notBefore: new Date(now - NOT_BEFORE_SKEW_MS),
      notAfter,
      signingAlgorithm: opened.key.signingAlgorithm,
      publicKey: key.publicKey,
      signingKey: opened.key.privateKey,
      extensions,
    },
    nodeWebCrypto,
  );
  const certPem = canonicalPem(new Uint8Array(cert.rawData));
  return { certPem, keyPem: key.keyPem, chainPem: certPem + opened.bundle.certPem, notAfter: cert.notAfter };
}
