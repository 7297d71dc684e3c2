import { normalizeIp } from './names.ts';
import { parseCertificate } from './pem.ts';
import { x509 } from './x509-lib.ts';

/** What `certificateInfo` reports about one certificate. */
export interface CertificateInfo {
  /** Subject DN in RFC 4514 order as @peculiar/x509 prints it, e.g. `O=system:masters, CN=admin`. */
  subject: string;
  /** Issuer DN, same format. */
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** Serial number, lowercase hex as encoded. */
  serial: string;
  /** SHA-256 of the DER, uppercase hex pairs joined by `:` (as `openssl x509 -fingerprint -sha256`). */
  sha256Fingerprint: string;
  /** DNS SANs, as encoded. */
  dnsNames: string[];
  /** IP SANs, IPv6 compressed (`::1`). */
  ipAddresses: string[];
  /** basicConstraints CA:true. */
  isCa: boolean;
}

/**
 * Parses one certificate (PEM with exactly one certificate, or DER) and reports its identity,
 * validity window and SANs.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_CERTIFICATE`
 */
export function certificateInfo(pem: string | Uint8Array): CertificateInfo {
  const cert = parseCertificate(pem);
  const parsed = new x509.X509Certificate(cert.raw);
  const san = parsed.getExtension(x509.SubjectAlternativeNameExtension);
  const names = san?.names.items ?? [];
  return {
    subject: parsed.subject,
    issuer: parsed.issuer,
    notBefore: parsed.notBefore,
    notAfter: parsed.notAfter,
    serial: parsed.serialNumber.toLowerCase(),
    sha256Fingerprint: cert.fingerprint256,
    dnsNames: names.filter((n) => n.type === 'dns').map((n) => n.value),
    ipAddresses: names.filter((n) => n.type === 'ip').map((n) => tryNormalizeIp(n.value)),
    isCa: cert.ca,
  };
}

function tryNormalizeIp(ip: string): string {
  try {
    return normalizeIp(ip);
  } catch {
    return ip;
  }
}
