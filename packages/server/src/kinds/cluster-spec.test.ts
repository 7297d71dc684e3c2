/**
 * The Cluster spec's provisioning fields through real kubectl and the Cluster's real hooks: a
 * full RKE-shaped spec is accepted and read back as written, `kubectl explain` states the defaults,
 * and a bad spec is a 422 whose message names each field at fault.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../api/test-support/requests.ts';
import { requireKubectl, startKubectlEnv } from '../api/test-support/kubectl.ts';
import type { KubectlEnv } from '../api/test-support/kubectl.ts';
import type { Memberships } from '../auth/memberships.ts';
import { NO_NODE_ACCESS } from '../registration/node-access.ts';
import { registry } from '../resources/index.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { clusterHooks } from './hooks-cluster.ts';

const G = '/apis/management.drover.dev/v1';
const noMemberships = { invalidate: () => {} } as unknown as Memberships;
const yamlOf = (name: string, spec: string) => `apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata: {name: ${name}}\nspec:\n${spec}`;

let env: KubectlEnv;
beforeAll(async () => {
  await requireKubectl();
  const hooks = clusterHooks({ memberships: noMemberships, nodeAccess: NO_NODE_ACCESS, secretBox: createSecretBox(randomBytes(32)), registry });
  env = await startKubectlEnv({ hooks: { Cluster: { beforeCreate: hooks.beforeCreate!, beforeUpdate: hooks.beforeUpdate! } } });
});
afterAll(async () => {
  await env?.close();
});

const FULL = `  kubernetesVersion: v1.31.5
  services:
    etcd:
      extraArgs: {quota-backend-bytes: "4294967296"}
      backupConfig: {enabled: true, intervalHours: 6, retention: 8}
    kubeApi:
      serviceClusterIpRange: 10.96.0.0/16
      serviceNodePortRange: 30000-32000
      extraArgs: {audit-log-maxage: "7"}
    kubeController: {clusterCidr: 10.244.0.0/16}
    kubelet:
      clusterDnsServer: 10.96.0.10
      clusterDomain: edge.local
      extraBinds: ["/mnt/data:/mnt/data"]
      extraEnv: ["HTTP_PROXY=http://proxy:3128"]
    kubeproxy: {extraArgs: {v: "4"}}
  authentication: {sans: [k8s.example.internal, 203.0.113.10]}
  network: {plugin: flannel}
  upgradeStrategy: {maxUnavailableWorker: 20%, drain: true, nodeDrainInput: {timeout: 300}}
`;

describe('the Cluster spec', () => {
  it('accepts an RKE-shaped spec and returns it as written (defaults are not stored)', async () => {
    const res = await env.kubectl(['apply', '-f', '-'], { input: yamlOf('edge-a', FULL) });
    expect([res.code, res.stderr]).toEqual([0, '']);
    const got = await call(env.api, 'GET', `${G}/clusters/edge-a`);
    const spec = (got.body as { spec: Record<string, unknown> }).spec;
    expect(spec).toMatchObject({ kubernetesVersion: 'v1.31.5', services: { kubeApi: { serviceClusterIpRange: '10.96.0.0/16' }, kubelet: { clusterDomain: 'edge.local' } } });
    expect(spec).not.toHaveProperty('services.kubeController.serviceClusterIpRange');
    const empty = await env.kubectl(['apply', '-f', '-'], { input: yamlOf('plain', '  {}\n') });
    expect(empty.code).toBe(0);
  });

  it('kubectl explain states the defaults', async () => {
    const res = await env.kubectl(['explain', 'clusters.spec.services.kubeApi.serviceClusterIpRange']);
    expect(res.stdout).toContain('Default 10.43.0.0/16');
    const dns = await env.kubectl(['explain', 'clusters.spec.services.kubelet.clusterDnsServer']);
    expect(dns.stdout).toContain('10.43.0.10');
  });

  it('refuses overlapping CIDRs, naming the field', async () => {
    const res = await env.kubectl(['apply', '-f', '-'], { input: yamlOf('overlap', '  services:\n    kubeApi: {serviceClusterIpRange: 10.42.0.0/16}\n') });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('The Cluster "overlap" is invalid: spec.services.kubeController.clusterCidr: Invalid value: "10.42.0.0/16": overlaps spec.services.kubeApi.serviceClusterIpRange (10.42.0.0/16)');
    const wider = await call(env.api, 'POST', `${G}/clusters`, {
      body: { metadata: { name: 'wide' }, spec: { services: { kubeApi: { serviceClusterIpRange: '10.40.0.0/14' }, kubeController: { clusterCidr: '10.42.128.0/17' } } } },
    });
    expect(wider.status).toBe(422);
    expect((wider.body as { details: { causes: { field: string }[] } }).details.causes.map((c) => c.field)).toEqual(['spec.services.kubeController.clusterCidr']);
  });

  it('refuses a bad CIDR and a DNS IP outside the Service range', async () => {
    const res = await call(env.api, 'POST', `${G}/clusters`, {
      body: { metadata: { name: 'bad-cidr' }, spec: { services: { kubeApi: { serviceClusterIpRange: '10.43.0.1/16' }, kubeController: { clusterCidr: '10.42.0.0/33' }, kubelet: { clusterDnsServer: '10.99.0.10' } } } },
    });
    expect(res.status).toBe(422);
    const causes = (res.body as { details: { causes: { field: string; message: string }[] } }).details.causes;
    expect(causes.map((c) => [c.field, c.message])).toEqual([
      ['spec.services.kubeApi.serviceClusterIpRange', 'Invalid value: "10.43.0.1/16": host bits are set; the network is 10.43.0.0/16'],
      ['spec.services.kubeController.clusterCidr', 'Invalid value: "10.42.0.0/33": the prefix length must be 0 to 32'],
    ]);
    const dns = await env.kubectl(['apply', '-f', '-'], { input: yamlOf('bad-dns', '  services:\n    kubelet: {clusterDnsServer: 10.99.0.10}\n') });
    expect(dns.stderr).toContain('spec.services.kubelet.clusterDnsServer: Invalid value: "10.99.0.10": must be inside spec.services.kubeApi.serviceClusterIpRange (10.43.0.0/16)');
  });

  it('refuses an unknown Kubernetes version on create and on a change, listing the supported ones', async () => {
    const res = await env.kubectl(['apply', '-f', '-'], { input: yamlOf('old', '  kubernetesVersion: v1.20.0\n') });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/spec\.kubernetesVersion: Unsupported value: "v1\.20\.0": supported values: "v1\.32\.6", "v1\.31\.5"/);
    const patch = await env.kubectl(['patch', 'cluster', 'edge-a', '--type=merge', '-p', '{"spec":{"kubernetesVersion":"v9.9.9"}}']);
    expect(patch.code).toBe(1);
    expect(patch.stderr).toContain('spec.kubernetesVersion: Unsupported value: "v9.9.9"');
    const ok = await env.kubectl(['patch', 'cluster', 'edge-a', '--type=merge', '-p', '{"spec":{"kubernetesVersion":"v1.32.6"}}']);
    expect(ok.code).toBe(0);
  });

  it('refuses a flag name with dashes and two default registries', async () => {
    const res = await call(env.api, 'POST', `${G}/clusters`, {
      body: {
        metadata: { name: 'flags' },
        spec: {
          services: { kubeApi: { extraArgs: { '--v': '4' } } },
          privateRegistries: [
            { url: 'a.local', default: true },
            { url: 'b.local', default: true },
          ],
        },
      },
    });
    expect(res.status).toBe(422);
    expect((res.body as { details: { causes: { field: string }[] } }).details.causes.map((c) => c.field)).toEqual(['spec.services.kubeApi.extraArgs[--v]', 'spec.privateRegistries[1].default']);
  });
});
