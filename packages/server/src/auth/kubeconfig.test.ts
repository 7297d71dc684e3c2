/**
 * `GET /v1/kubeconfig`: the merged file (context `drover` for the management API, `drover/<c>`
 * for each cluster the user can see, at `/k8s/clusters/<c>`, one token, the Drover CA embedded)
 * and `?cluster=<c>` alone, read with the real kubectl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startAuditTestEnv } from '../audit/test-support.ts';
import type { AuditTestEnv } from '../audit/test-support.ts';

let env: AuditTestEnv;
beforeAll(async () => {
  env = await startAuditTestEnv();
});
afterAll(async () => {
  await env?.close();
});

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  'current-context': string;
}

async function contexts(user: string, file: string): Promise<{ names: string[]; current: string }> {
  const names = await env.kubectl(user, ['config', 'get-contexts', '-o', 'name'], { file });
  expect(names.code, names.stderr).toBe(0);
  const current = await env.kubectl(user, ['config', 'current-context'], { file });
  return { names: names.stdout.trim().split('\n').sort(), current: current.stdout.trim() };
}

describe('GET /v1/kubeconfig', () => {
  it('lists drover and a drover/<cluster> context for each cluster the user can see, and no other', async () => {
    const expected: Record<string, string[]> = {
      admin: ['drover', 'drover/other', 'drover/prod'],
      olga: ['drover', 'drover/prod'],
      rita: ['drover', 'drover/prod'],
      sam: ['drover'],
    };
    for (const [user, names] of Object.entries(expected)) {
      const kc = await env.kubeconfig(user);
      expect(kc.status).toBe(200);
      expect(await contexts(user, kc.file)).toEqual({ names, current: 'drover' });
    }
  });

  it('points each cluster context at /k8s/clusters/<cluster> with the Drover CA and the one minted token', async () => {
    const kc = await env.kubeconfig('rita');
    const doc = parse(kc.text) as Kubeconfig;
    const servers = Object.fromEntries(doc.clusters.map((c) => [c.name, c.cluster.server]));
    expect(servers).toEqual({ drover: env.s.url, 'drover/prod': `${env.s.url}/k8s/clusters/prod` });
    const ca = env.s.app.drover.caPem;
    for (const c of doc.clusters) expect(Buffer.from(c.cluster['certificate-authority-data'], 'base64').toString('utf8').trim()).toBe(ca.trim());
    expect(doc.users.map((u) => u.name)).toEqual(['rita']);
    expect(doc.contexts.map((c) => c.context)).toEqual([
      { cluster: 'drover', user: 'rita' },
      { cluster: 'drover/prod', user: 'rita' },
    ]);
    // The drover context reaches the management API with the minted token.
    const got = await env.kubectl('rita', ['get', 'clusters', '-o', 'name'], { file: kc.file });
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout.trim()).toBe('cluster.management.drover.dev/prod');
  });

  it('?cluster=<name> returns that context alone; a cluster the user cannot see is a 404 like a missing one', async () => {
    const kc = await env.kubeconfig('max', '?cluster=prod');
    expect(kc.status).toBe(200);
    expect(await contexts('max', kc.file)).toEqual({ names: ['drover/prod'], current: 'drover/prod' });
    const view = await env.kubectl('max', ['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}'], { file: kc.file });
    expect(view.stdout).toBe(`${env.s.url}/k8s/clusters/prod`);
    const hidden = await env.kubeconfig('max', '?cluster=other');
    const missing = await env.kubeconfig('max', '?cluster=nope');
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(hidden.text.replaceAll('other', 'X')).toBe(missing.text.replaceAll('nope', 'X'));
    expect((await env.kubeconfig('admin', '?cluster=other')).status).toBe(200);
  });

  it('?clusters=none returns the drover context alone', async () => {
    const kc = await env.kubeconfig('admin', '?clusters=none');
    expect(kc.status).toBe(200);
    expect(await contexts('admin', kc.file)).toEqual({ names: ['drover'], current: 'drover' });
    expect((await env.kubeconfig('admin', '?clusters=all')).status).toBe(400);
    expect((await env.kubeconfig('admin', '?clusters=none&cluster=prod')).status).toBe(400);
  });
});
