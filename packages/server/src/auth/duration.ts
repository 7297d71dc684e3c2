/** `?ttl=` values: seconds (`3600`) or a number with a unit (`90s`, `30m`, `12h`, `30d`). */
import { DroverError } from '../errors.ts';

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Seconds of a duration string, within [minSeconds, maxSeconds].
 * @throws DroverError DROVER_ERR_API_BAD_REQUEST
 */
export function parseTtl(value: string, minSeconds: number, maxSeconds: number): number {
  const m = /^(\d{1,9})([smhd]?)$/.exec(value.trim());
  const seconds = m === null ? NaN : Number(m[1]) * (UNIT[m[2] || 's'] ?? NaN);
  if (!Number.isSafeInteger(seconds) || seconds < minSeconds || seconds > maxSeconds) {
    throw new DroverError('DROVER_ERR_API_BAD_REQUEST', `ttl must be a duration between ${minSeconds}s and ${maxSeconds}s, like 3600, 12h or 30d`);
  }
  return seconds;
}
