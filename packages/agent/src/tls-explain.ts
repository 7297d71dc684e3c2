/**
 * What a Node TLS verification error means for an operator: the likely cause and what to check
 * (Rancher's agent printed the same three: incomplete chain, clock skew, SAN mismatch), for the
 * agent's own HTTPS requests (/cacerts, register). The hints are the tunnel's, so the tunnel's
 * connects and these requests explain a failure the same way.
 */
import { TLS_VERIFY_CODES, tlsHint } from '@drover/tunnel';
import { AgentError } from './errors.ts';

/** The TLS verification code somewhere in an error's cause chain, if any. */
export function tlsVerifyCode(err: unknown): string | undefined {
  for (let e = err as (Error & { code?: unknown }) | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && TLS_VERIFY_CODES.has(e.code)) return e.code;
  }
  return undefined;
}

/** An AgentError DROVER_ERR_AGENT_TLS naming the cause; undefined when `err` is not a TLS verification failure. */
export function explainTls(err: unknown, url: URL): AgentError | undefined {
  const code = tlsVerifyCode(err);
  if (code === undefined) return undefined;
  const name = url.hostname.replace(/^\[|\]$/g, '');
  return new AgentError('DROVER_ERR_AGENT_TLS', `TLS verification of ${url.origin} failed (${code}): ${tlsHint(code, name) ?? code}`, { cause: err, details: { tlsCode: code, url: url.origin } });
}
