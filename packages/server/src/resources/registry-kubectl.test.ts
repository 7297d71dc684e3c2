/* eslint-disable @typescript-eslint/no-unsafe-member-access -- response bodies are arbitrary JSON walked by assertions */
/**
 * Adding a kind is one file plus one line: the test-only Widget (its own group, namespaced) and
 * Release (cluster-scoped, read-only) join the product's registry here, and real kubectl finds
 * them through discovery and OpenAPI, lists them with their columns, explains their fields, and
 * the real authorizer answers for them from their access policies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createCluster } from '../api/test-support/requests.ts';
import { requireKubectl, startKubectlEnv } from '../api/test-support/kubectl.ts';
import type { KubectlEnv } from '../api/test-support/kubectl.ts';
import { createAuthorizer } from '../auth/authorizer.ts';
import { createMemberships } from '../auth/memberships.ts';
import { clusterMembers, registry } from './index.ts';
import { createRegistry } from './registry.ts';
import { syncBuiltins } from './builtins.ts';
import { releases } from './test-support/release.ts';
import { widgets } from './test-support/widget.ts';

const withTestKinds = createRegistry([...registry.resources, widgets, releases]);
const TG = '/apis/test.drover.dev/v1alpha1';
const widgetYaml = (name: string, colour: string) =>
  ['apiVersion: test.drover.dev/v1alpha1', 'kind: Widget', `metadata: {name: ${name}, namespace: alpha}`, `spec: {colour: ${colour}, size: 3}`, ''].join('\n');
const lines = (s: string) => s.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));

let env: KubectlEnv;
beforeAll(async () => {
  await requireKubectl();
  env = await startKubectlEnv({ kinds: withTestKinds.kinds, authorizer: (store) => createAuthorizer(store, createMemberships(store), withTestKinds) });
  await createCluster(env.api, 'alpha');
  const members = clusterMembers.client(env.api.store);
  // Roles follow the User's uid (status.userUid); the test users' uids are `uid-<name>`.
  await members.create({ metadata: { name: 'max', namespace: 'alpha' }, spec: { user: 'max', role: 'member' }, status: { userUid: 'uid-max', state: 'Bound' } });
  await members.create({ metadata: { name: 'rita', namespace: 'alpha' }, spec: { user: 'rita', role: 'read-only' }, status: { userUid: 'uid-rita', state: 'Bound' } });
  await syncBuiltins(env.api.store, withTestKinds);
});
afterAll(async () => {
  await env?.close();
});

describe('a kind added in one file', () => {
  it('is in discovery and OpenAPI, and only in the registry that lists it', async () => {
    const res = await env.kubectl(['api-resources', '--api-group=test.drover.dev']);
    expect(res.stderr).toBe('');
    expect(lines(res.stdout)).toEqual(expect.arrayContaining([['widgets', 'wg', 'test.drover.dev/v1alpha1', 'true', 'Widget'], ['releases', 'test.drover.dev/v1alpha1', 'false', 'Release']]));
    const served = (await call(env.api, 'GET', TG)).body.resources as { name: string; verbs: string[] }[];
    expect(served.map((r) => r.name)).toEqual(['widgets', 'widgets/status', 'releases']);
    expect(served.find((r) => r.name === 'releases')?.verbs).toEqual(['get', 'list', 'watch']);
    const index = (await call(env.api, 'GET', '/openapi/v3')).body as { paths: Record<string, unknown> };
    expect(Object.keys(index.paths)).toEqual(['apis/management.drover.dev/v1', 'apis/test.drover.dev/v1alpha1']);
    expect(registry.find('test.drover.dev', 'widgets')).toBeUndefined();
    expect((await call(env.api, 'GET', '/apis/management.drover.dev/v1/widgets')).status).toBe(404);
  });

  it('kubectl explain shows its fields and kubectl get its columns', async () => {
    const explain = await env.kubectl(['explain', 'widgets.spec']);
    expect(explain.stderr).toBe('');
    expect(explain.stdout).toContain('Colour of the widget');
    const created = await env.kubectl(['create', '-f', '-'], { user: 'max', input: widgetYaml('w1', 'teal') });
    expect([created.code, created.stdout.trim()]).toEqual([0, 'widget.test.drover.dev/w1 created']);
    const got = lines((await env.kubectl(['get', 'wg', '-n', 'alpha'], { user: 'rita' })).stdout);
    expect(got[0]).toEqual(['NAME', 'COLOUR', 'AGE']);
    expect(got[1]?.slice(0, 2)).toEqual(['w1', 'teal']);
  });

  it('the authorizer answers from its access policy', async () => {
    const denied = await env.kubectl(['create', '-f', '-'], { user: 'rita', input: widgetYaml('w2', 'red') });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('widgets.test.drover.dev is forbidden: User "rita" cannot create resource "widgets" in API group "test.drover.dev" in the namespace "alpha"');
    const can = async (user: string, args: string[]) => (await env.kubectl(['auth', 'can-i', ...args], { user })).stdout.trim();
    expect(await can('max', ['create', 'widgets', '-n', 'alpha'])).toBe('yes');
    expect(await can('rita', ['create', 'widgets', '-n', 'alpha'])).toBe('no');
    expect(await can('rita', ['get', 'widgets', '-n', 'alpha'])).toBe('yes');
    expect(await can('sam', ['get', 'widgets', '-n', 'alpha'])).toBe('no');
    expect(await can('sam', ['get', 'releases'])).toBe('yes');
    expect(await can('sam', ['delete', 'releases'])).toBe('no');
    const rules = await env.kubectl(['auth', 'can-i', '--list', '-n', 'alpha'], { user: 'max' });
    expect(rules.stdout).toMatch(/widgets\.test\.drover\.dev\s+\[\]\s+\[\]\s+\[get list watch create update patch delete deletecollection\]/);
    expect(rules.stdout).toMatch(/releases\.test\.drover\.dev\s+\[\]\s+\[\]\s+\[get list watch\]/);
  });

  it('a read-only kind lists for everyone and refuses writes with 405', async () => {
    const got = lines((await env.kubectl(['get', 'releases'], { user: 'sam' })).stdout);
    expect(got).toEqual([['NAME', 'CHANNEL'], ['r1', 'stable'], ['r2', 'rapid']]);
    const del = await env.kubectl(['delete', 'release', 'r1']);
    expect(del.code).toBe(1);
    expect(del.stderr).toContain('MethodNotAllowed');
  });
});
