import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCa } from './ca.ts';
import { isPkiError } from './errors.ts';
import { issueCertificate } from './issue.ts';
import { mergeKubeconfig, renderKubeconfig } from './kubeconfig.ts';
import type { KubeconfigEntry } from './kubeconfig.ts';

const unb64 = (s: unknown): string => Buffer.from(String(s), 'base64').toString('utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isPkiError(err) ? err.code : `not a PkiError: ${String(err)}`;
  }
  return undefined;
}

interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
  'current-context': string;
}

describe('renderKubeconfig', async () => {
  const ca = await createCa();
  const base = { server: 'https://10.0.0.1:6443', contextName: 'prod', clusterName: 'prod-cluster', userName: 'prod-admin' };

  it('renders the standard layout with a bearer token and CA data, and parses back', () => {
    const text = renderKubeconfig({ ...base, caPem: ca.certPem.replace(/\n/g, '\r\n'), token: 'kubeconfig-u-abc:secret', namespace: 'apps' });
    const doc = parse(text) as Kubeconfig;
    expect(doc.apiVersion).toBe('v1');
    expect(doc.kind).toBe('Config');
    expect(doc['current-context']).toBe('prod');
    expect(doc.clusters.map((c) => c.name)).toEqual(['prod-cluster']);
    expect(Object.keys(doc.clusters[0]!.cluster)).toEqual(['server', 'certificate-authority-data']);
    expect(doc.clusters[0]!.cluster.server).toBe('https://10.0.0.1:6443');
    expect(unb64(doc.clusters[0]!.cluster['certificate-authority-data'])).toBe(ca.certPem);
    expect(doc.users).toEqual([{ name: 'prod-admin', user: { token: 'kubeconfig-u-abc:secret' } }]);
    expect(doc.contexts).toEqual([{ name: 'prod', context: { cluster: 'prod-cluster', user: 'prod-admin', namespace: 'apps' } }]);
    // base64 data stays on one line
    expect(text).toMatch(/^ {6}certificate-authority-data: [A-Za-z0-9+/=]+$/m);
  });

  it('renders client certificate data and insecure-skip-tls-verify', async () => {
    const client = await issueCertificate(ca, { commonName: 'admin', usages: 'client', organization: 'system:masters' });
    const doc = parse(renderKubeconfig({ ...base, insecureSkipTlsVerify: true, clientCertPem: client.certPem, clientKeyPem: client.keyPem })) as Kubeconfig;
    expect(doc.clusters[0]!.cluster).toEqual({ server: base.server, 'insecure-skip-tls-verify': true });
    expect(unb64(doc.users[0]!.user['client-certificate-data'])).toBe(client.certPem);
    expect(unb64(doc.users[0]!.user['client-key-data'])).toBe(client.keyPem);
    expect(doc.users[0]!.user.token).toBeUndefined();
    expect(doc.contexts[0]!.context.namespace).toBeUndefined();
  });

  it('rejects contradictory or malformed entries with DROVER_ERR_PKI_INVALID_ARGUMENT', () => {
    const bad: KubeconfigEntry[] = [
      { ...base, caPem: ca.certPem, insecureSkipTlsVerify: true },
      { ...base, clientCertPem: ca.certPem },
      { ...base, server: 'not a url' },
      { ...base, server: 'ftp://x' },
      { ...base, contextName: '' },
      { ...base, userName: ' ' },
    ];
    for (const e of bad) expect(codeOf(() => renderKubeconfig(e)), JSON.stringify(e).slice(0, 80)).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    expect(codeOf(() => renderKubeconfig({ ...base, caPem: 'garbage' }))).toBe('DROVER_ERR_PKI_INVALID_CERTIFICATE');
    expect(codeOf(() => renderKubeconfig({ ...base, clientCertPem: ca.certPem, clientKeyPem: 'not a key' }))).toBe('DROVER_ERR_PKI_INVALID_KEY');
  });
});

describe('mergeKubeconfig', async () => {
  const ca = await createCa();
  const other = await createCa();

  it('merges several contexts, sharing identical clusters and users', () => {
    const doc = parse(
      mergeKubeconfig(
        [
          { server: 'https://a:6443', caPem: ca.certPem, token: 't1', contextName: 'a-admin', clusterName: 'a', userName: 'admin' },
          { server: 'https://a:6443', caPem: ca.certPem, token: 't1', contextName: 'a-kube-system', clusterName: 'a', userName: 'admin', namespace: 'kube-system' },
          { server: 'https://b:6443', caPem: other.certPem, token: 't2', contextName: 'b', clusterName: 'b', userName: 'b-user' },
        ],
        'b',
      ),
    ) as Kubeconfig;
    expect(doc.clusters.map((c) => c.name)).toEqual(['a', 'b']);
    expect(unb64(doc.clusters[1]!.cluster['certificate-authority-data'])).toBe(other.certPem);
    expect(doc.users).toEqual([
      { name: 'admin', user: { token: 't1' } },
      { name: 'b-user', user: { token: 't2' } },
    ]);
    expect(doc.contexts).toEqual([
      { name: 'a-admin', context: { cluster: 'a', user: 'admin' } },
      { name: 'a-kube-system', context: { cluster: 'a', user: 'admin', namespace: 'kube-system' } },
      { name: 'b', context: { cluster: 'b', user: 'b-user' } },
    ]);
    expect(doc['current-context']).toBe('b');
  });

  it('rejects conflicting definitions, duplicate contexts, an unknown current context and an empty list', () => {
    const a = { server: 'https://a:6443', token: 't', contextName: 'a', clusterName: 'a', userName: 'u' };
    expect(codeOf(() => mergeKubeconfig([a, { ...a, contextName: 'a2', server: 'https://other:6443' }]))).toBe('DROVER_ERR_PKI_KUBECONFIG_CONFLICT');
    expect(codeOf(() => mergeKubeconfig([a, { ...a, contextName: 'a2', token: 'different' }]))).toBe('DROVER_ERR_PKI_KUBECONFIG_CONFLICT');
    expect(codeOf(() => mergeKubeconfig([a, { ...a }]))).toBe('DROVER_ERR_PKI_KUBECONFIG_CONFLICT');
    expect(codeOf(() => mergeKubeconfig([a], 'nope'))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
    expect(codeOf(() => mergeKubeconfig([]))).toBe('DROVER_ERR_PKI_INVALID_ARGUMENT');
  });
});
