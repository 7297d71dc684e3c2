/**
 * The addons step against the stand-in kube-apiserver (test/fixtures, real etcd), called as Drover
 * (system:masters) with server-side apply, then read back with the real kubectl.
 */
import { existsSync } from 'node:fs';
import { issueCertificate } from '@drover/pki';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETCD_BIN } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { ADMIN, KUBECTL, startStandinEnv } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import type { StandinEnv } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { clusterAddons } from '../provisioning/addons/index.ts';
import { versionTable } from '../provisioning/versions.ts';
import type { ClusterApiCall } from './cluster-apply.ts';
import { applyAddons } from './provision-addons.ts';

const haveParts = existsSync(ETCD_BIN) && existsSync(KUBECTL);

describe.skipIf(!haveParts)('provision addons on the stand-in kube-apiserver (real etcd, real kubectl)', () => {
  let env: StandinEnv;
  let dispatcher: Agent;
  let clusterApi: ClusterApiCall;

  beforeAll(async () => {
    env = await startStandinEnv();
    const cert = await issueCertificate(env.ca, { commonName: 'drover', organization: ['system:masters'], usages: 'client' });
    dispatcher = new Agent({ connect: { ca: env.ca.certPem, cert: cert.certPem, key: cert.keyPem } });
    clusterApi = async (_cluster, req) => {
      const res = await request(`${env.url}${req.path}`, { method: req.method as 'PATCH', headers: req.headers, body: req.body, dispatcher, headersTimeout: 10_000, bodyTimeout: 10_000 });
      return { statusCode: res.statusCode, body: await res.body.text() };
    };
  }, 30_000);
  afterAll(async () => {
    await dispatcher?.close();
    await env?.close();
  });

  it('server-side-applies flannel and CoreDNS (idempotently) with the cluster CIDR, the cluster DNS IP and rewritten images', async () => {
    const objects = clusterAddons({ privateRegistries: [{ url: 'mirror.local:5000', default: true }] }, versionTable());
    expect(objects.map((o) => o.kind)).toEqual([
      'ClusterRoleBinding', // system:node → group system:nodes, for the kubelets' shared certificate
      'Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet',
      'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'Deployment', 'Service',
    ]);
    const ctx = { cluster: 'c1', clusterApi, now: () => Date.now(), applied: new Map<string, { manifest: string; at: number }>(), wasReady: false };
    expect(await applyAddons(ctx, objects)).toMatchObject({ ready: true, condition: { type: 'AddonsReady', status: 'True' } });

    const svc = await env.kubectl(ADMIN, ['get', 'service', 'kube-dns', '-n', 'kube-system', '-o', 'json']);
    expect(svc.code, svc.stderr).toBe(0);
    expect(JSON.parse(svc.stdout)).toMatchObject({ spec: { clusterIP: '10.43.0.10' }, metadata: { labels: { 'k8s-app': 'kube-dns' } } });
    const deploy = await env.kubectl(ADMIN, ['get', 'deployment', 'coredns', '-n', 'kube-system', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']);
    expect(deploy.stdout).toBe('mirror.local:5000/coredns/coredns:v1.11.3');
    const cm = await env.kubectl(ADMIN, ['get', 'configmap', 'coredns', '-n', 'kube-system', '-o', 'jsonpath={.data.Corefile}']);
    expect(cm.stdout).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa');
    const role = await env.kubectl(ADMIN, ['get', 'clusterrolebinding', 'system:coredns', '-o', 'jsonpath={.subjects[0].name}']);
    expect(role.stdout).toBe('coredns');
    const ds = await env.kubectl(ADMIN, ['get', 'daemonset', 'kube-flannel-ds', '-n', 'kube-flannel', '-o', 'jsonpath={.spec.template.spec.initContainers[0].image} {.spec.template.spec.containers[0].image}']);
    expect(ds.stdout, ds.stderr).toBe('mirror.local:5000/flannel/flannel-cni-plugin:v1.6.2-flannel1 mirror.local:5000/flannel/flannel:v0.26.4');
    const net = await env.kubectl(ADMIN, ['get', 'configmap', 'kube-flannel-cfg', '-n', 'kube-flannel', '-o', 'jsonpath={.data.net-conf\\.json}']);
    expect(JSON.parse(net.stdout)).toEqual({ Network: '10.42.0.0/16', Backend: { Type: 'vxlan' } });

    // Applied again (AddonsReady not yet True in the store): accepted, the same objects (not
    // recreated: same uid). The stand-in moves resourceVersion even on an unchanged apply; a real
    // apiserver does not, which the end-to-end suite sees.
    const get = async () => JSON.parse((await env.kubectl(ADMIN, ['get', 'configmap', 'coredns', '-n', 'kube-system', '-o', 'json'])).stdout) as { metadata: { uid: string }; data: unknown };
    const before = await get();
    expect(await applyAddons(ctx, objects)).toMatchObject({ ready: true });
    const after = await get();
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.data).toEqual(before.data);
  }, 60_000);

  it('says AddonsReady False ApiserverUnavailable when the apiserver cannot be reached', async () => {
    const down: ClusterApiCall = () => Promise.reject(new Error('no connected control-plane node'));
    const r = await applyAddons({ cluster: 'c1', clusterApi: down, now: () => Date.now(), applied: new Map(), wasReady: false }, clusterAddons(undefined, versionTable()));
    expect(r).toEqual({ ready: false, condition: { type: 'AddonsReady', status: 'False', reason: 'ApiserverUnavailable', message: "cannot reach the cluster's apiserver to apply ClusterRoleBinding system:node: no connected control-plane node" } });
  });
});
