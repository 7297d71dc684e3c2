/**
 * Plan through real kubectl and the real authorizer: a computed plan stored by the server is read by
 * the cluster's members (columns, hash), is invisible to others, and nobody writes it through the
 * API — admins included. The stored object passes the kind's own schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createCluster } from '../api/test-support/requests.ts';
import { requireKubectl, startKubectlEnv } from '../api/test-support/kubectl.ts';
import type { KubectlEnv } from '../api/test-support/kubectl.ts';
import { compileValidator, validate } from '../api/validation.ts';
import { createAuthorizer } from '../auth/authorizer.ts';
import { createMemberships } from '../auth/memberships.ts';
import { computePlans } from '../provisioning/plan.ts';
import { sha256Hex } from '../provisioning/plan-hash.ts';
import { versionTable } from '../provisioning/versions.ts';
import { clusterMembers, plans, registry } from '../resources/index.ts';
import { planObject } from './plan.ts';

const computed = computePlans({
  cluster: 'edge',
  spec: {},
  table: versionTable(),
  nodes: [
    { name: 'n1', roles: ['controlplane', 'etcd', 'worker'], address: '10.0.0.1', internalAddress: '10.0.0.1' },
    { name: 'w2', roles: ['worker'], address: '10.0.0.2', internalAddress: '10.0.0.2' },
  ],
  digest: (p) => sha256Hex(p),
});

let env: KubectlEnv;
beforeAll(async () => {
  await requireKubectl();
  env = await startKubectlEnv({ kinds: registry.kinds, authorizer: (store) => createAuthorizer(store, createMemberships(store), registry) });
  await createCluster(env.api, 'edge');
  await clusterMembers.client(env.api.store).create({ metadata: { name: 'rita', namespace: 'edge' }, spec: { user: 'rita', role: 'read-only' }, status: { userUid: 'uid-rita', state: 'Bound' } });
  for (const p of computed.values()) await env.api.store.create(plans.resource, planObject('edge', p));
});
afterAll(async () => {
  await env?.close();
});

describe('Plan', () => {
  it('is a valid object of its kind', () => {
    const v = compileValidator(plans.def.schema);
    for (const p of computed.values()) expect(validate(v, planObject('edge', p))).toEqual([]);
  });

  it("is read by the cluster's members with its hash", async () => {
    const res = await env.kubectl(['get', 'plans', '-n', 'edge'], { user: 'rita' });
    const rows = res.stdout.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(rows[0]).toEqual(['NAME', 'VERSION', 'CONTAINERS', 'HASH', 'AGE']);
    expect(rows.slice(1).map((r) => r.slice(0, 4))).toEqual([
      ['n1', versionTable().defaultVersion, '7', computed.get('n1')!.hash.slice(0, 12)],
      ['w2', versionTable().defaultVersion, '4', computed.get('w2')!.hash.slice(0, 12)],
    ]);
    const hash = await env.kubectl(['get', 'plan', 'n1', '-n', 'edge', '-o', 'jsonpath={.spec.hash}'], { user: 'rita' });
    expect(hash.stdout).toBe(computed.get('n1')!.hash);
    const other = await env.kubectl(['get', 'plans', '-n', 'edge'], { user: 'sam' });
    expect(other.code).toBe(1);
  });

  it('is written by nobody through the API, admins included', async () => {
    const del = await env.kubectl(['delete', 'plan', 'n1', '-n', 'edge']);
    expect(del.code).toBe(1);
    expect(del.stderr).toContain('User "admin" cannot delete resource "plans"');
    const patch = await call(env.api, 'PATCH', '/apis/management.drover.dev/v1/namespaces/edge/plans/n1', { body: { spec: { hash: 'x' } }, contentType: 'application/merge-patch+json' });
    expect(patch.status).toBe(403);
    expect((await env.kubectl(['auth', 'can-i', 'create', 'plans', '-n', 'edge'])).stdout.trim()).toBe('no');
  });
});
