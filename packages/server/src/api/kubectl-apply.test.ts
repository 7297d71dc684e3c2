/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call -- response bodies are arbitrary JSON walked by assertions */
/** Real kubectl (unmodified, validation on) against the API: apply, diff, create, replace, patch, label, annotate. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { G, call } from './test-support/requests.ts';
import { requireKubectl, startKubectlEnv } from './test-support/kubectl.ts';
import type { KubectlEnv } from './test-support/kubectl.ts';

let env: KubectlEnv;
beforeAll(async () => {
  await requireKubectl();
  env = await startKubectlEnv();
});
afterAll(async () => {
  await env?.close();
});

const manifest = async (file: string, name: string, spec: string, meta = '') => {
  const path = join(env.dir, file);
  await writeFile(path, `apiVersion: management.drover.dev/v1\nkind: Cluster\nmetadata:\n  name: ${name}\n${meta}spec:\n${spec}`);
  return path;
};
const rv = async (name: string) => (await call(env.api, 'GET', `${G}/clusters/${name}`)).body.metadata.resourceVersion as string;

describe('kubectl apply, diff, create', () => {
  it('apply -f: created, unchanged, configured', async () => {
    const f = await manifest('a.yaml', 'k-apply', '  kubernetesVersion: v1.32.4\n', '  labels: {env: dev}\n');
    const created = await env.kubectl(['apply', '-f', f]);
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('cluster.management.drover.dev/k-apply created');
    expect((await env.kubectl(['apply', '-f', f])).stdout.trim()).toBe('cluster.management.drover.dev/k-apply unchanged');
    await manifest('a.yaml', 'k-apply', '  kubernetesVersion: v1.32.5\n', '  labels: {env: dev}\n');
    expect((await env.kubectl(['apply', '-f', f])).stdout.trim()).toBe('cluster.management.drover.dev/k-apply configured');
    const live = (await call(env.api, 'GET', `${G}/clusters/k-apply`)).body;
    expect(live.spec.kubernetesVersion).toBe('v1.32.5');
    expect(live.metadata.generation).toBe(2);
    expect(live.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toContain('v1.32.5');
  });

  it('diff -f exits 1 on a change and stores nothing; 0 when equal', async () => {
    const f = await manifest('d.yaml', 'k-diff', '  kubernetesVersion: v1\n');
    await env.kubectl(['apply', '-f', f]);
    const before = await rv('k-diff');
    expect((await env.kubectl(['diff', '-f', f])).code).toBe(0);
    await manifest('d.yaml', 'k-diff', '  kubernetesVersion: v2\n');
    const diff = await env.kubectl(['diff', '-f', f]);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('+  kubernetesVersion: v2');
    expect(await rv('k-diff')).toBe(before);
    expect((await call(env.api, 'GET', `${G}/clusters/k-diff`)).body.spec.kubernetesVersion).toBe('v1');
  });

  it('apply --server-side; another manager conflicts until --force-conflicts', async () => {
    const f = await manifest('s.yaml', 'k-ssa', '  kubernetesVersion: v1.31.0\n');
    const first = await env.kubectl(['apply', '--server-side', '-f', f]);
    expect(first.stdout.trim()).toBe('cluster.management.drover.dev/k-ssa serverside-applied');
    await manifest('s.yaml', 'k-ssa', '  kubernetesVersion: v1.31.1\n');
    const conflict = await env.kubectl(['apply', '--server-side', '--field-manager=other', '-f', f]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl": .spec.kubernetesVersion');
    const forced = await env.kubectl(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', f]);
    expect(forced.code).toBe(0);
    const live = (await call(env.api, 'GET', `${G}/clusters/k-ssa`)).body;
    expect(live.spec.kubernetesVersion).toBe('v1.31.1');
    expect(live.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(['other']);
  });

  it('create --dry-run=server answers without storing; a strict-validation error names the field', async () => {
    const f = await manifest('c.yaml', 'k-dry', '  kubernetesVersion: v1\n');
    const res = await env.kubectl(['create', '--dry-run=server', '-f', f]);
    expect(res.stdout.trim()).toBe('cluster.management.drover.dev/k-dry created (server dry run)');
    expect((await call(env.api, 'GET', `${G}/clusters/k-dry`)).status).toBe(404);
    const bad = await manifest('bad.yaml', 'k-bad', '  kubernetesVersion: v1\n  colour: red\n');
    const strict = await env.kubectl(['create', '-f', bad]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('unknown field "spec.colour"');
    expect((await call(env.api, 'GET', `${G}/clusters/k-bad`)).status).toBe(404);
  });
});

describe('kubectl replace, patch, label, annotate', () => {
  it('replace with a stale resourceVersion is a Conflict', async () => {
    const f = await manifest('r.yaml', 'k-replace', '  kubernetesVersion: v1\n');
    await env.kubectl(['apply', '-f', f]);
    const live = await env.kubectl(['get', 'cluster', 'k-replace', '-o', 'yaml']);
    const stale = join(env.dir, 'stale.yaml');
    await writeFile(stale, live.stdout);
    await env.kubectl(['label', 'cluster', 'k-replace', 'bump=1']);
    const res = await env.kubectl(['replace', '-f', stale]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Error from server (Conflict)');
    expect(res.stderr).toContain('the object has been modified');
    const fresh = join(env.dir, 'fresh.yaml');
    await writeFile(fresh, (await env.kubectl(['get', 'cluster', 'k-replace', '-o', 'yaml'])).stdout.replace('kubernetesVersion: v1', 'kubernetesVersion: v7'));
    expect((await env.kubectl(['replace', '-f', fresh])).stdout.trim()).toBe('cluster.management.drover.dev/k-replace replaced');
  });

  it('patch --type=merge and --type=json; label; annotate', async () => {
    await env.kubectl(['apply', '-f', await manifest('p.yaml', 'k-patch', '  kubernetesVersion: v1\n')]);
    expect((await env.kubectl(['patch', 'cl', 'k-patch', '--type=merge', '-p', '{"spec":{"kubernetesVersion":"v2"}}'])).stdout.trim()).toBe(
      'cluster.management.drover.dev/k-patch patched',
    );
    await env.kubectl(['patch', 'cl', 'k-patch', '--type=json', '-p', '[{"op":"add","path":"/spec/proxy","value":{"httpsProxy":"http://proxy:3128"}}]']);
    expect((await env.kubectl(['label', 'cl', 'k-patch', 'team=a'])).stdout.trim()).toBe('cluster.management.drover.dev/k-patch labeled');
    expect((await env.kubectl(['annotate', 'cl', 'k-patch', 'note=hello'])).stdout.trim()).toBe('cluster.management.drover.dev/k-patch annotated');
    const live = (await call(env.api, 'GET', `${G}/clusters/k-patch`)).body;
    expect(live.spec).toEqual({ kubernetesVersion: 'v2', proxy: { httpsProxy: 'http://proxy:3128' } });
    expect(live.metadata.labels).toEqual({ team: 'a' });
    expect(live.metadata.annotations.note).toBe('hello');
    const managers = live.metadata.managedFields.map((m: { manager: string }) => m.manager);
    expect(managers).toEqual(expect.arrayContaining(['kubectl-patch', 'kubectl-label', 'kubectl-annotate']));
    const smp = await env.kubectl(['patch', 'cl', 'k-patch', '-p', '{"spec":{"kubernetesVersion":"v3"}}']);
    expect(smp.code).toBe(1);
    expect(smp.stderr).toContain('application/strategic-merge-patch+json is not supported');
  });
});
