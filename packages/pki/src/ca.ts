import type { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { PkiError } from './errors.ts';
import { generateEcKey, importSigningKey, nodeWebCrypto } from './keys.ts';
import type { SigningKey } from './keys.ts';
import { canonicalPem, parseCertificate } from './pem.ts';
import { DAY_MS, NOT_BEFORE_SKEW_MS, randomSerial, validityDays } from './validity.ts';
import { x509 } from './x509-lib.ts';

/** A certificate authority: its certificate (canonical PEM), private key (PKCS#8 PEM) and expiry. */
export interface CaBundle {
  certPem: string;
  keyPem: string;
  notAfter: Date;
}

/** Options of {@link createCa}. */
export interface CreateCaOptions {
  /** Subject and issuer CN. Default `"drover-ca"`. */
  commonName?: string;
  /** Days from now until `notAfter`. Default 3650 (10 years). */
  validityDays?: number;
}

/** A CA opened for signing: validated, with its key imported. Internal to this package. */
export interface OpenedCa {
  bundle: CaBundle;
  cert: NodeX509Certificate;
  parsed: x509.X509Certificate;
  key: SigningKey;
}

const DEFAULT_CA_CN = 'drover-ca';
const DEFAULT_CA_DAYS = 3650;

/**
 * Creates a self-signed ECDSA P-256 CA: basicConstraints CA:true (critical), keyUsage
 * keyCertSign + cRLSign (critical), subjectKeyIdentifier. `notBefore` is backdated five minutes
 * to tolerate clock skew. `certPem` is canonical (see `canonicalPem`).
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT` for an empty CN or non-positive validity
 */
export async function createCa(options: CreateCaOptions = {}): Promise<CaBundle> {
  const commonName = options.commonName ?? DEFAULT_CA_CN;
  if (commonName.trim() === '') throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'CA commonName is empty');
  const days = validityDays(options.validityDays, DEFAULT_CA_DAYS);
  const key = await generateEcKey();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: [{ CN: [commonName] }],
      notBefore: new Date(now - NOT_BEFORE_SKEW_MS),
      notAfter: new Date(now + days * DAY_MS),
      signingAlgorithm: key.signingAlgorithm,
      keys: { privateKey: key.privateKey, publicKey: key.publicKey },
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(key.publicKey, false, nodeWebCrypto),
      ],
    },
    nodeWebCrypto,
  );
  return { certPem: canonicalPem(new Uint8Array(cert.rawData)), keyPem: key.keyPem, notAfter: cert.notAfter };
}

/**
 * Validates a CA (generated here or supplied by the user) and returns it normalised: `certPem`
 * canonical, `keyPem` re-encoded as PKCS#8. Checks, in order: the PEM holds exactly one
 * certificate; it has basicConstraints CA:true and, if it has a keyUsage extension, keyCertSign;
 * the key parses, is EC (P-256/384/521) or RSA, and matches the certificate's public key; the
 * certificate is currently within its validity period.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_CERTIFICATE`, `DROVER_ERR_PKI_NOT_A_CA`,
 *   `DROVER_ERR_PKI_INVALID_KEY`, `DROVER_ERR_PKI_UNSUPPORTED_KEY`, `DROVER_ERR_PKI_KEY_MISMATCH`,
 *   `DROVER_ERR_PKI_CA_EXPIRED`
 */
export function loadCa(input: { certPem: string; keyPem: string }): CaBundle {
  return openCa(input).bundle;
}

/** {@link loadCa}, keeping the parsed certificate and imported key for signing. */
export function openCa(input: { certPem: string; keyPem: string }): OpenedCa {
  const cert = parseCertificate(input.certPem);
  const parsed = new x509.X509Certificate(cert.raw);
  if (!cert.ca) {
    throw new PkiError('DROVER_ERR_PKI_NOT_A_CA', `certificate ${parsed.subject} is not a CA (basicConstraints CA:false)`);
  }
  const usage = parsed.getExtension(x509.KeyUsagesExtension);
  if (usage !== null && (usage.usages & x509.KeyUsageFlags.keyCertSign) === 0) {
    throw new PkiError('DROVER_ERR_PKI_NOT_A_CA', `CA certificate ${parsed.subject} lacks keyUsage keyCertSign`);
  }
  const key = importSigningKey(input.keyPem);
  let matches: boolean;
  try {
    matches = cert.checkPrivateKey(key.keyObject);
  } catch (cause) {
    throw new PkiError('DROVER_ERR_PKI_KEY_MISMATCH', 'CA key does not match the CA certificate', { cause });
  }
  if (!matches) throw new PkiError('DROVER_ERR_PKI_KEY_MISMATCH', 'CA key does not match the CA certificate');
  const now = Date.now();
  if (now > parsed.notAfter.getTime() || now < parsed.notBefore.getTime()) {
    throw new PkiError(
      'DROVER_ERR_PKI_CA_EXPIRED',
      `CA certificate ${parsed.subject} is valid only from ${parsed.notBefore.toISOString()} to ${parsed.notAfter.toISOString()}`,
    );
  }
  return { bundle: { certPem: cert.toString(), keyPem: key.keyPem, notAfter: parsed.notAfter }, cert, parsed, key };
}
