import { KeyObject, createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import { PkiError } from './errors.ts';

/** A private key ready to sign certificates with @peculiar/x509, plus its PEM form. */
export interface SigningKey {
  /** node:crypto handle (for `X509Certificate.checkPrivateKey`). */
  keyObject: KeyObject;
  /** WebCrypto handle used to sign. */
  privateKey: webcrypto.CryptoKey;
  /** WebCrypto public key, for the subject / authority key identifiers. */
  publicKey: webcrypto.CryptoKey;
  /** Signature algorithm matching the key (ECDSA with SHA-256/384/512 by curve, or RSA PKCS#1 v1.5 SHA-256). */
  signingAlgorithm: { name: string; hash: string };
  /** The key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  keyPem: string;
}

/** The WebCrypto implementation handed to @peculiar/x509 explicitly (no global provider is set). */
export const nodeWebCrypto: webcrypto.Crypto = webcrypto;

const CURVES: Record<string, { webName: string; hash: string }> = {
  prime256v1: { webName: 'P-256', hash: 'SHA-256' },
  secp384r1: { webName: 'P-384', hash: 'SHA-384' },
  secp521r1: { webName: 'P-521', hash: 'SHA-512' },
};

function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/** Generates a fresh ECDSA P-256 key pair. */
export async function generateEcKey(): Promise<SigningKey> {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
  const keyObject = KeyObject.from(pair.privateKey);
  return {
    keyObject,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    keyPem: pkcs8Pem(keyObject),
  };
}

/**
 * Imports an unencrypted PEM private key (PKCS#8, SEC1 `EC PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`)
 * for signing. EC keys on P-256/P-384/P-521 and RSA keys are supported; `keyPem` of the result is
 * the same key re-encoded as PKCS#8.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_KEY`, `DROVER_ERR_PKI_UNSUPPORTED_KEY`
 */
export function importSigningKey(keyPem: string): SigningKey {
  let keyObject: KeyObject;
  try {
    keyObject = createPrivateKey({ key: keyPem, format: 'pem' });
  } catch (cause) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_KEY', 'private key cannot be parsed (encrypted keys are not supported)', {
      cause,
    });
  }
  const type = keyObject.asymmetricKeyType;
  if (type === 'ec') {
    const curveName = keyObject.asymmetricKeyDetails?.namedCurve ?? '(unknown)';
    const curve = CURVES[curveName];
    if (curve === undefined) {
      throw new PkiError('DROVER_ERR_PKI_UNSUPPORTED_KEY', `unsupported EC curve ${curveName}`);
    }
    return toSigningKey(keyObject, { name: 'ECDSA', namedCurve: curve.webName }, { name: 'ECDSA', hash: curve.hash });
  }
  if (type === 'rsa') {
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return toSigningKey(keyObject, alg, alg);
  }
  throw new PkiError('DROVER_ERR_PKI_UNSUPPORTED_KEY', `unsupported key type ${type ?? '(unknown)'}`);
}

function toSigningKey(
  keyObject: KeyObject,
  alg: webcrypto.EcKeyImportParams | webcrypto.RsaHashedImportParams,
  signingAlgorithm: { name: string; hash: string },
): SigningKey {
  return {
    keyObject,
    privateKey: keyObject.toCryptoKey(alg, false, ['sign']),
    publicKey: createPublicKey(keyObject).toCryptoKey(alg, true, ['verify']),
    signingAlgorithm,
    keyPem: pkcs8Pem(keyObject),
  };
}
