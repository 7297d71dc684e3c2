import { randomBytes } from 'node:crypto';
import { PkiError } from './errors.ts';

/** One day in milliseconds. */
export const DAY_MS = 86_400_000;

/** How far `notBefore` is backdated, to tolerate clock skew between hosts. */
export const NOT_BEFORE_SKEW_MS = 5 * 60_000;

/**
 * `days ?? fallback`, checked to be a positive finite number.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT`
 */
export function validityDays(days: number | undefined, fallback: number): number {
  const d = days ?? fallback;
  if (!Number.isFinite(d) || d <= 0) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `validityDays must be a positive number, got ${String(days)}`);
  }
  return d;
}

/**
 * A random, positive, 128-bit serial number as hex. The top bits are fixed to 01 so the DER
 * INTEGER is always exactly 16 bytes (positive, minimally encoded).
 */
export function randomSerial(): string {
  const b = randomBytes(16);
  b[0] = ((b[0] ?? 0) & 0x3f) | 0x40;
  return b.toString('hex');
}
