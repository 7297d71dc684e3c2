import { createPrivateKey } from 'node:crypto';
import { stringify } from 'yaml';
import { PkiError } from './errors.ts';
import { canonicalPemBundle } from './pem.ts';

/** One cluster + user + context triple of a kubeconfig. */
export interface KubeconfigEntry {
  /** API server URL, e.g. `https://10.0.0.1:6443`. */
  server: string;
  /** CA bundle (PEM) the client trusts; written canonical, base64, as `certificate-authority-data`. */
  caPem?: string;
  /** Skip server certificate verification. Mutually exclusive with `caPem`. */
  insecureSkipTlsVerify?: boolean;
  /** Bearer token of the user. */
  token?: string;
  /** Client certificate (PEM) for mutual TLS; requires `clientKeyPem`. */
  clientCertPem?: string;
  /** Client private key (PEM); requires `clientCertPem`. */
  clientKeyPem?: string;
  contextName: string;
  clusterName: string;
  userName: string;
  /** Default namespace of the context. */
  namespace?: string;
}

type Named<T> = { name: string } & T;
interface Cluster {
  server: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
}
interface User {
  token?: string;
  'client-certificate-data'?: string;
  'client-key-data'?: string;
}
interface Context {
  cluster: string;
  user: string;
  namespace?: string;
}

/**
 * A kubeconfig with a single context (see {@link mergeKubeconfig}).
 * @throws PkiError as {@link mergeKubeconfig}
 */
export function renderKubeconfig(entry: KubeconfigEntry): string {
  return mergeKubeconfig([entry]);
}

/**
 * One kubeconfig YAML (`apiVersion: v1`, `kind: Config`, `clusters`, `users`, `contexts`,
 * `current-context`) holding every entry. Entries may share a cluster or user name only when
 * they define it identically; context names must be unique. `current-context` is
 * `currentContext` (which must be one of the contexts) or the first entry's context.
 * @throws PkiError `DROVER_ERR_PKI_INVALID_ARGUMENT`, `DROVER_ERR_PKI_INVALID_CERTIFICATE`,
 *   `DROVER_ERR_PKI_INVALID_KEY`, `DROVER_ERR_PKI_KUBECONFIG_CONFLICT`
 */
export function mergeKubeconfig(entries: readonly KubeconfigEntry[], currentContext?: string): string {
  const first = entries[0];
  if (first === undefined) throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'no kubeconfig entries');
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  for (const e of entries) {
    for (const [what, name] of [['contextName', e.contextName], ['clusterName', e.clusterName], ['userName', e.userName]]) {
      if (name === undefined || name.trim() === '') throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `${what} is empty`);
    }
    addUnique(clusters, 'cluster', e.clusterName, cluster(e));
    addUnique(users, 'user', e.userName, user(e));
    if (contexts.has(e.contextName)) {
      throw new PkiError('DROVER_ERR_PKI_KUBECONFIG_CONFLICT', `context ${e.contextName} appears twice`);
    }
    contexts.set(e.contextName, { cluster: e.clusterName, user: e.userName, ...(e.namespace ? { namespace: e.namespace } : {}) });
  }
  const current = currentContext ?? first.contextName;
  if (!contexts.has(current)) throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `current context ${current} is not defined`);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: named(clusters, 'cluster'),
    users: named(users, 'user'),
    contexts: named(contexts, 'context'),
    'current-context': current,
    preferences: {},
  };
  return stringify(doc, { lineWidth: 0 });
}

function named<T>(map: Map<string, T>, key: string): Named<Record<string, T>>[] {
  return [...map].map(([name, value]) => ({ name, [key]: value }) as Named<Record<string, T>>);
}

function addUnique<T>(map: Map<string, T>, what: string, name: string, value: T): void {
  const existing = map.get(name);
  if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value)) {
    throw new PkiError('DROVER_ERR_PKI_KUBECONFIG_CONFLICT', `${what} ${name} is defined twice, differently`);
  }
  map.set(name, value);
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function cluster(e: KubeconfigEntry): Cluster {
  let url: URL;
  try {
    url = new URL(e.server);
  } catch (cause) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `invalid server URL ${e.server}`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', `server URL must be http(s): ${e.server}`);
  }
  if (e.caPem !== undefined && e.insecureSkipTlsVerify === true) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'caPem and insecureSkipTlsVerify are mutually exclusive');
  }
  const c: Cluster = { server: e.server };
  if (e.caPem !== undefined) c['certificate-authority-data'] = b64(canonicalPemBundle(e.caPem));
  if (e.insecureSkipTlsVerify === true) c['insecure-skip-tls-verify'] = true;
  return c;
}

function user(e: KubeconfigEntry): User {
  if ((e.clientCertPem === undefined) !== (e.clientKeyPem === undefined)) {
    throw new PkiError('DROVER_ERR_PKI_INVALID_ARGUMENT', 'clientCertPem and clientKeyPem must be given together');
  }
  const u: User = {};
  if (e.token !== undefined) u.token = e.token;
  if (e.clientCertPem !== undefined && e.clientKeyPem !== undefined) {
    u['client-certificate-data'] = b64(canonicalPemBundle(e.clientCertPem));
    try {
      createPrivateKey({ key: e.clientKeyPem, format: 'pem' });
    } catch (cause) {
      throw new PkiError('DROVER_ERR_PKI_INVALID_KEY', 'clientKeyPem is not an unencrypted PEM private key', { cause });
    }
    u['client-key-data'] = b64(e.clientKeyPem);
  }
  return u;
}
