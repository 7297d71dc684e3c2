 
/**
 * KubernetesVersion through real kubectl and the real authorizer: the version table's objects are
 * listed and read by any user, and nobody — an admin included — writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../api/test-support/requests.ts';
import { requireKubectl, startKubectlEnv } from '../api/test-support/kubectl.ts';
import type { KubectlEnv } from '../api/test-support/kubectl.ts';
import { createAuthorizer } from '../auth/authorizer.ts';
import { createMemberships } from '../auth/memberships.ts';
import { registry, syncBuiltins } from '../resources/index.ts';
import { versionTable } from '../provisioning/versions.ts';

const G = '/apis/management.drover.dev/v1';
const lines = (s: string) => s.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));

let env: KubectlEnv;
beforeAll(async () => {
  await requireKubectl();
  env = await startKubectlEnv({ kinds: registry.kinds, authorizer: (store) => createAuthorizer(store, createMemberships(store), registry) });
  await syncBuiltins(env.api.store, registry);
});
afterAll(async () => {
  await env?.close();
});

describe('KubernetesVersion', () => {
  it('lists the version table for any user, the default marked', async () => {
    const t = versionTable();
    const got = lines((await env.kubectl(['get', 'kubernetesversions'], { user: 'sam' })).stdout);
    expect(got[0]).toEqual(['NAME', 'DEFAULT', 'ETCD', 'AGE']);
    expect(got.slice(1).map((r) => r.slice(0, 3))).toEqual(
      [...t.versions].sort((a, b) => a.version.localeCompare(b.version)).map((v) => [v.version, String(v.version === t.defaultVersion), v.images.etcd]),
    );
    const one = await env.kubectl(['get', 'kv', t.defaultVersion, '-o', 'json'], { user: 'sam' });
    const obj = JSON.parse(one.stdout) as { spec: { images: Record<string, string>; defaultArgs: Record<string, Record<string, string>> } };
    expect(obj.spec.images.kubeApiserver).toBe(`registry.k8s.io/kube-apiserver:${t.defaultVersion}`);
    expect(obj.spec.defaultArgs.kubeApiserver?.['authorization-mode']).toBe('Node,RBAC');
  });

  it('refuses every write, to admins too, and can-i says so', async () => {
    const name = versionTable().defaultVersion;
    const del = await env.kubectl(['delete', 'kubernetesversion', name]);
    expect(del.code).toBe(1);
    expect(del.stderr).toContain(`User "admin" cannot delete resource "kubernetesversions"`);
    const patch = await call(env.api, 'PATCH', `${G}/kubernetesversions/${name}`, { body: { spec: { default: false } }, contentType: 'application/merge-patch+json' });
    expect(patch.status).toBe(403);
    const create = await call(env.api, 'POST', `${G}/kubernetesversions`, { body: { apiVersion: 'management.drover.dev/v1', kind: 'KubernetesVersion', metadata: { name: 'v1.0.0' } } });
    expect(create.status).toBe(403);
    expect((await env.kubectl(['auth', 'can-i', 'delete', 'kubernetesversions'])).stdout.trim()).toBe('no');
    expect((await env.kubectl(['auth', 'can-i', 'list', 'kubernetesversions'], { user: 'sam' })).stdout.trim()).toBe('yes');
    expect((await env.kubectl(['get', 'kv', name, '-o', 'jsonpath={.spec.default}'])).stdout).toBe('true');
  });
});
