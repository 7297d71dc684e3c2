/**
 * Early data on one stream, once both Hellos list "early-data" (handshake.ts, ADR 0020): every
 * Open carries EARLY_DATA_BYTES of implicit credit. The opener may send that much DATA (and FIN)
 * before OpenOk; the accepter holds that much of the stream's window for it while the dial is in
 * progress, and its OpenOk grants the rest.
 */
import type { CreditLedger } from './credit.ts';
import { EARLY_DATA_BYTES } from './handshake.ts';
import type { TunnelStream } from './stream.ts';

/**
 * The opener's stream, its Open sent: it may send EARLY_DATA_BYTES now. `early` (openStream's
 * option): the caller gets the stream at once instead of `opened`.
 */
export function openEarly(stream: TunnelStream, opened: Promise<TunnelStream>, early: boolean): Promise<TunnelStream> | TunnelStream {
  stream.sendCredit = EARLY_DATA_BYTES;
  if (!early) return opened;
  // Early: the caller owns the stream (and its errors) now; a failed open destroys it.
  opened.catch(() => undefined);
  stream.early = true;
  return stream;
}

/** The accepter's stream, before its dial: DATA may arrive within the Open's credit. Returns the credit OpenOk grants. */
export function acceptEarly(stream: TunnelStream, credit: CreditLedger): number {
  stream.early = true;
  credit.reserve(stream, EARLY_DATA_BYTES);
  return stream.recvWindow - EARLY_DATA_BYTES;
}
