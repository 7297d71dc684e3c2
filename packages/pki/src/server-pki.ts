import { createPrivateKey } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileIfExists, writeFileAtomic } from './atomic-file.ts';
import { createCa, loadCa } from './ca.ts';
import type { CaBundle } from './ca.ts';
import { PkiError } from './errors.ts';
import { certificateInfo } from './info.ts';
import { issueCertificate } from './issue.ts';
import { normalizeDnsNames, normalizeIps } from './names.ts';
import { caChecksum, parseCertificate } from './pem.ts';
import { DAY_MS } from './validity.ts';

/** Options of {@link ensureServerPki}. */
export interface EnsureServerPkiOptions {
  /** DNS SANs the server certificate must cover (e.g. from `serverSans`). */
  dnsNames?: readonly string[];
  /** IP SANs the server certificate must cover. With no SANs at all: `localhost`, `127.0.0.1`, `::1`. */
  ipAddresses?: readonly string[];
  /** Server certificate CN. Default `"drover-server"`. */
  commonName?: string;
  /** User-supplied CA certificate (PEM file); requires `caKeyPath`. Used instead of `dir/ca.{crt,key}`. */
  caCertPath?: string;
  /** User-supplied CA private key (unencrypted PEM file); requires `caCertPath`. */
  caKeyPath?: string;
  /** CN of a generated CA. Default `"drover-ca"`. */
  caCommonName?: string;
  /** Validity of a generated CA in days. Default 3650. */
  caValidityDays?: number;
  /** Validity of an issued server certificate in days. Default 365. */
  serverValidityDays?: number;
  /** Re-issue the server certificate when it expires within this many days. Default 30. */
  renewBeforeDays?: number;
}

/** The server's PKI as loaded or created by {@link ensureServerPki}. */
export interface ServerPki {
  ca: { certPem: string; keyPem: string };
  /** `certPem` is the leaf (as in `server.crt`); `chainPem` is leaf + CA, for a TLS server. */
  server: { certPem: string; keyPem: string; chainPem: string };
  /** `caChecksum(ca.certPem)`: equals the SHA-256 of the bytes of `dir/ca.crt`. */
  caChecksum: string;
  caNotAfter: Date;
  serverNotAfter: Date;
  /** True when this call generated the CA. */
  caCreated: boolean;
  /** True when this call issued a new server certificate. */
  serverIssued: boolean;
}

const KEY_MODE = 0o600;
const CERT_MODE = 0o644;

/**
 * Loads or creates the server PKI in `dir`: `ca.crt`, `ca.key`, `server.crt` (leaf only),
 * `server.key`. Keys are written with mode 0600, certificates 0644, each atomically (temp file in
 * `dir`, fsync, rename), a key before its certificate so a crash never leaves a certificate
 * without its key. Certificates are stored as canonical PEM, so `caChecksum` is the SHA-256 of
 * `ca.crt` as stored.
 *
 * The CA is never replaced once `ca.crt` exists: a damaged or mismatched CA is an error. With
 * `caCertPath`/`caKeyPath` the user's CA is validated (`loadCa`) and its canonical certificate
 * copied to `dir/ca.crt`; its key is not copied. The server certificate is (re-)issued when it is
 * missing or unreadable, its key does not match, it is not signed by the current CA, its SANs do
 * not cover the requested ones, or it expires within `renewBeforeDays`.
 *
 * Not safe for concurrent callers on the same `dir` across processes.
 * @throws PkiError `DROVER_ERR_PKI_IO`, `DROVER_ERR_PKI_CA_KEY_MISSING`,
 *   `DROVER_ERR_PKI_INVALID_ARGUMENT` and every code of `loadCa`
 */
export async function ensureServerPki(dir: string, options: EnsureServerPkiOptions = {}): Promise<ServerPki> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw new PkiError('DROVER_ERR_PKI_IO', `cannot create ${dir}`, { cause });
  }
  const { ca, created } = await ensureCa(dir, options);
  let dnsNames = normalizeDnsNames(options.dnsNames);
  let ipAddresses = normalizeIps(options.ipAddresses);
  if (dnsNames.length + ipAddresses.length === 0) {
    dnsNames = ['localhost'];
    ipAddresses = ['127.0.0.1', '::1'];
  }
  const renewBeforeDays = options.renewBeforeDays ?? 30;
  const certPath = join(dir, 'server.crt');
  const keyPath = join(dir, 'server.key');
  let certPem = await readFileIfExists(certPath);
  let keyPem = await readFileIfExists(keyPath);
  let issued = false;
  if (certPem === undefined || keyPem === undefined || !serverCertUsable(ca, certPem, keyPem, dnsNames, ipAddresses, renewBeforeDays)) {
    const leaf = await issueCertificate(ca, {
      commonName: options.commonName ?? 'drover-server',
      dnsNames,
      ipAddresses,
      usages: 'server',
      validityDays: options.serverValidityDays,
    });
    await writeFileAtomic(keyPath, leaf.keyPem, KEY_MODE);
    await writeFileAtomic(certPath, leaf.certPem, CERT_MODE);
    certPem = leaf.certPem;
    keyPem = leaf.keyPem;
    issued = true;
  }
  return {
    ca: { certPem: ca.certPem, keyPem: ca.keyPem },
    server: { certPem, keyPem, chainPem: certPem + ca.certPem },
    caChecksum: caChecksum(ca.certPem),
    caNotAfter: ca.notAfter,
    serverNotAfter: certificateInfo(certPem).notAfter,
    caCreated: created,
    serverIssued: issued,
  };
}

async function ensureCa(dir: string, options: EnsureServerPkiOptions): Promise<{ ca: CaBundle; created: boolean }> {
  const certPath = join(dir, 'ca.crt');
  const keyPath = join(dir, 'ca.key');
  const onDisk = await readFileIfExists(certPath);
  let ca: CaBundle;
  if (options.caCertPath !== undefined || options.caKeyPath !== undefined) {
    if (options.caCertPath === undefined || options.caKeyPath === undefined) {
      throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'caCertPath and caKeyPath must be given together');
    }
    const certPem = await readRequired(options.caCertPath);
    const keyPem = await readRequired(options.caKeyPath);
    ca = loadCa({ certPem, keyPem });
  } else if (onDisk !== undefined) {
    const keyPem = await readFileIfExists(keyPath);
    if (keyPem === undefined) {
      throw new PkiError('DROVER_ERR_PKI_CA_KEY_MISSING', `${certPath} exists but ${keyPath} does not`);
    }
    ca = loadCa({ certPem: onDisk, keyPem });
  } else {
    ca = await createCa({ commonName: options.caCommonName, validityDays: options.caValidityDays });
    await writeFileAtomic(keyPath, ca.keyPem, KEY_MODE);
    await writeFileAtomic(certPath, ca.certPem, CERT_MODE);
    return { ca, created: true };
  }
  // Keep dir/ca.crt byte-identical to the canonical PEM agents hash.
  if (onDisk !== ca.certPem) await writeFileAtomic(certPath, ca.certPem, CERT_MODE);
  return { ca, created: false };
}

async function readRequired(path: string): Promise<string> {
  const text = await readFileIfExists(path);
  if (text === undefined) throw new PkiError('DROVER_ERR_PKI_IO', `${path} does not exist`);
  return text;
}

function serverCertUsable(
  ca: CaBundle,
  certPem: string,
  keyPem: string,
  dnsNames: readonly string[],
  ipAddresses: readonly string[],
  renewBeforeDays: number,
): boolean {
  try {
    const cert = parseCertificate(certPem);
    const caCert = parseCertificate(ca.certPem);
    if (!cert.checkIssued(caCert) || !cert.verify(caCert.publicKey)) return false;
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return false;
    const info = certificateInfo(cert.raw);
    if (info.notAfter.getTime() - Date.now() < renewBeforeDays * DAY_MS) return false;
    if (info.notBefore.getTime() > Date.now()) return false;
    const haveDns = new Set(normalizeDnsNames(info.dnsNames));
    const haveIps = new Set(normalizeIps(info.ipAddresses));
    return dnsNames.every((n) => haveDns.has(n)) && ipAddresses.every((ip) => haveIps.has(ip));
  } catch {
    return false; // unreadable or foreign server material is simply re-issued
  }
}
