/**
 * Stable error codes of `@drover/pki`. Callers branch on `code`, never on `message`.
 *
 * - `DROVER_ERR_PKI_INVALID_ARGUMENT`: an option is malformed (empty name, bad DNS name or IP,
 *   unparsable listen address or URL, non-positive validity, conflicting kubeconfig options).
 * - `DROVER_ERR_PKI_INVALID_CERTIFICATE`: input is not exactly one parsable X.509 certificate.
 * - `DROVER_ERR_PKI_INVALID_KEY`: a private key cannot be parsed (or is encrypted).
 * - `DROVER_ERR_PKI_UNSUPPORTED_KEY`: a key type this package cannot sign with (only EC P-256/384/521 and RSA).
 * - `DROVER_ERR_PKI_NOT_A_CA`: a certificate offered as a CA lacks basicConstraints CA:true or keyCertSign.
 * - `DROVER_ERR_PKI_KEY_MISMATCH`: a private key does not belong to the certificate it came with.
 * - `DROVER_ERR_PKI_CA_EXPIRED`: a CA certificate is expired or not yet valid.
 * - `DROVER_ERR_PKI_CA_KEY_MISSING`: a PKI directory holds `ca.crt` but no `ca.key` and no CA key was supplied.
 * - `DROVER_ERR_PKI_IO`: reading or writing a PKI file failed.
 * - `DROVER_ERR_PKI_KUBECONFIG_CONFLICT`: two kubeconfig entries define the same name differently.
 */
export type PkiErrorCode =
  | 'DROVER_ERR_PKI_INVALID_ARGUMENT'
  | 'DROVER_ERR_PKI_INVALID_CERTIFICATE'
  | 'DROVER_ERR_PKI_INVALID_KEY'
  | 'DROVER_ERR_PKI_UNSUPPORTED_KEY'
  | 'DROVER_ERR_PKI_NOT_A_CA'
  | 'DROVER_ERR_PKI_KEY_MISMATCH'
  | 'DROVER_ERR_PKI_CA_EXPIRED'
  | 'DROVER_ERR_PKI_CA_KEY_MISSING'
  | 'DROVER_ERR_PKI_IO'
  | 'DROVER_ERR_PKI_KUBECONFIG_CONFLICT';

/** The only error type this package throws on purpose; `cause` carries the underlying error, if any. */
export class PkiError extends Error {
  /** Stable, documented code (see {@link PkiErrorCode}). */
  readonly code: PkiErrorCode;

  constructor(code: PkiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PkiError';
    this.code = code;
  }
}

/** True when `err` is a {@link PkiError}, optionally with the given code. */
export function isPkiError(err: unknown, code?: PkiErrorCode): err is PkiError {
  return err instanceof PkiError && (code === undefined || err.code === code);
}
