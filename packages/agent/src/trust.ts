/**
 * Establishing trust in the server (protocol §1): fetch GET /cacerts without verification,
 * hash the exact bytes, compare with --ca-checksum (or, with --insecure, accept them: trust on
 * first use), then make one strict request with only that CA trusted so a bad chain, a wrong
 * clock or a missing SAN is reported before anything else is sent.
 */
import { createHash } from 'node:crypto';
import { canonicalPem } from '@drover/tunnel';
import { AgentError } from './errors.ts';
import { createServerClient, describeRoute, type HttpTarget } from './http.ts';

export interface Trust {
  /** The pinned CA, canonical PEM (stored as ca.crt). */
  caPem: string;
  /** SHA-256 of the bytes served at /cacerts (what --ca-checksum pins). */
  caChecksum: string;
  /** True when the CA was accepted without a checksum (--insecure, first contact). */
  tofu: boolean;
}

export interface TrustOptions {
  /** Expected checksum (--ca-checksum); undefined with --insecure. */
  expected: string | undefined;
  /** With --insecure: a CA pinned earlier for this server; the served one must still match it. */
  pinnedChecksum?: string | undefined;
}

/** GET /cacerts with verification off: the served bytes and their SHA-256. */
export async function fetchServedCa(target: HttpTarget): Promise<{ body: string; checksum: string }> {
  const client = createServerClient(target, { verify: false });
  try {
    const answer = await client.request('GET', '/cacerts');
    if (answer.status !== 200) {
      throw new AgentError('DROVER_ERR_AGENT_SERVER_PROTOCOL', `${target.server}/cacerts answered HTTP ${answer.status} (reached ${describeRoute(client.proxy)}); is this the Drover server's URL?`, { details: { status: answer.status, url: target.server } });
    }
    return { body: answer.text, checksum: createHash('sha256').update(answer.text, 'utf8').digest('hex') };
  } finally {
    await client.close();
  }
}

/**
 * @throws AgentError SERVER_UNREACHABLE, SERVER_PROTOCOL, CA_MISMATCH (details expected/actual), TLS
 */
export async function establishTrust(target: HttpTarget, options: TrustOptions): Promise<Trust> {
  const served = await fetchServedCa(target);
  const expected = options.expected ?? options.pinnedChecksum;
  if (expected !== undefined && served.checksum !== expected) {
    const why = options.expected !== undefined
      ? 'Copy the node command from the server again; if it is right, something between this host and the server (a TLS-intercepting proxy, another server on that address) serves a different CA.'
      : 'This host pinned another CA for this server on first contact (--insecure); if the server\'s CA really changed, remove /etc/drover/ca.crt and node.json and run the node command again.';
    throw new AgentError(
      'DROVER_ERR_AGENT_CA_MISMATCH',
      `the CA served at ${target.server}/cacerts does not match the pinned checksum: expected ${expected}, actual ${served.checksum}. ${why}`,
      { details: { expected, actual: served.checksum, url: `${target.server}/cacerts` } },
    );
  }
  let caPem: string;
  try {
    caPem = canonicalPem(served.body);
  } catch (err) {
    throw new AgentError('DROVER_ERR_AGENT_SERVER_PROTOCOL', `${target.server}/cacerts did not serve one PEM certificate: ${(err as Error).message}`, { cause: err });
  }
  const strict = createServerClient(target, { ca: caPem, verify: true });
  try {
    const answer = await strict.request('GET', '/cacerts');
    if (answer.status !== 200) throw new AgentError('DROVER_ERR_AGENT_SERVER_PROTOCOL', `${target.server}/cacerts answered HTTP ${answer.status} on the verified connection`);
  } finally {
    await strict.close();
  }
  return { caPem, caChecksum: served.checksum, tofu: options.expected === undefined && options.pinnedChecksum === undefined };
}
