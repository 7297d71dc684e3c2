/**
 * The cluster PKI against an apiserver: the stand-in kube-apiserver (test/fixtures, on the real
 * etcd) started with the cluster CA as --client-ca-file and a serving certificate from
 * issueClusterCert, driven by the real kubectl with Drover's client certificate — as the
 * end-to-end test will start it until provisioning issues the apiserver's certificates.
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderKubeconfig } from '@drover/pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETCD_BIN } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { KUBECTL, run, startStandinEnv } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import type { StandinEnv } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { API_VERSION, RESOURCES } from '../kinds/resources.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { getClusterCaRecord, issueClusterCert } from './cluster-ca.ts';
import type { ClusterCaSpec } from './cluster-ca.ts';
import { createClusterClientCerts } from './client-certs.ts';

const haveEtcd = existsSync(ETCD_BIN) && existsSync(KUBECTL);
const title = haveEtcd ? 'cluster PKI on the stand-in kube-apiserver (real etcd, real kubectl)' : `cluster PKI on the stand-in kube-apiserver (skipped: ${ETCD_BIN} or ${KUBECTL} is absent)`;

describe.skipIf(!haveEtcd)(title, () => {
  const secretBox = createSecretBox(randomBytes(32));
  let t: TempStore;
  let env: StandinEnv;
  let kubeconfigOf: (cluster: string) => Promise<string>;

  beforeAll(async () => {
    t = await createTempStore();
    const c1 = await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
    await t.store.create(RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c2' }, spec: {} });
    const serving = await issueClusterCert(t.store, secretBox, c1, { commonName: 'kube-apiserver', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost', 'kubernetes'], usages: 'server' });
    // The harness signs its own kubectl users with the CA, so this test (only) opens the key.
    const spec = (await getClusterCaRecord(t.store, 'c1'))?.spec as ClusterCaSpec;
    env = await startStandinEnv({ ca: { certPem: spec.certPem, keyPem: secretBox.open(spec.sealedKey), notAfter: new X509Certificate(spec.certPem).validToDate }, serving });
    const certs = createClusterClientCerts({ store: t.store, secretBox });
    kubeconfigOf = async (cluster) => {
      const cert = await certs.clusterClientCert(cluster);
      const file = join(env.dir, `kubeconfig-drover-${cluster}`);
      // Always trust c1's CA (the apiserver's); the client certificate is the cluster's own.
      await writeFile(file, renderKubeconfig({ server: env.url, caPem: spec.certPem, clientCertPem: cert.certPem, clientKeyPem: cert.keyPem, clusterName: 'c1', userName: 'drover', contextName: 'c1' }));
      return file;
    };
  });
  afterAll(async () => {
    await env?.close();
    await t?.cleanup();
  });

  const kubectl = async (kubeconfig: string, args: string[]) => run(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(env.dir, `cache-${randomBytes(4).toString('hex')}`), '--request-timeout=20s', ...args]);

  it("Drover's client certificate is user drover in group system:masters, and may do anything", async () => {
    const kc = await kubeconfigOf('c1');
    const me = await kubectl(kc, ['auth', 'whoami', '-o', 'json']);
    expect(me.code, me.stderr).toBe(0);
    const info = (JSON.parse(me.stdout) as { status: { userInfo: { username: string; groups: string[] } } }).status.userInfo;
    expect(info.username).toBe('drover');
    expect(info.groups).toEqual(expect.arrayContaining(['system:masters', 'system:authenticated']));
    const ns = await kubectl(kc, ['create', 'namespace', 'from-drover']);
    expect(ns.code, ns.stderr).toBe(0);
  });

  it("another cluster's client certificate is refused", async () => {
    const r = await kubectl(await kubeconfigOf('c2'), ['get', 'ns']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Unauthorized|must be logged in/);
  });
});
