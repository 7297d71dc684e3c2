/**
 * AuditEvent names: generated, unique across server replicas, and sorted by time, so a store list
 * (ordered by name) reads them oldest first and retention can stop at the first young one.
 * `20261206-175824-123-0001-k3x9`: UTC date, time, milliseconds, a per-process sequence (order
 * within one millisecond) and four random characters (replicas writing in the same millisecond).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const SEQ_SPACE = 36 ** 4;
let seq = 0;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function base36(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i += 1) {
    out = ALPHABET[n % 36]! + out;
    n = Math.floor(n / 36);
  }
  return out;
}

/** A fresh AuditEvent name for a request that arrived at `time`. */
export function auditEventName(time: Date): string {
  const d = `${pad(time.getUTCFullYear(), 4)}${pad(time.getUTCMonth() + 1, 2)}${pad(time.getUTCDate(), 2)}`;
  const t = `${pad(time.getUTCHours(), 2)}${pad(time.getUTCMinutes(), 2)}${pad(time.getUTCSeconds(), 2)}`;
  seq = (seq + 1) % SEQ_SPACE;
  const rand = [...randomBytes(4)].map((b) => ALPHABET[b % 36]).join('');
  return `${d}-${t}-${pad(time.getUTCMilliseconds(), 3)}-${base36(seq, 4)}-${rand}`;
}
