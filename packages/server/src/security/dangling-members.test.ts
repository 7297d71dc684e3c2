/**
 * Finding 8 of issue 9: a ClusterMember for a user that did not exist yet was accepted, so a User
 * created later under that name inherited the role. Now a membership names an existing User and is
 * bound to that User's uid when it is created (`status.userUid`, server-kept); roles follow the uid,
 * so a User re-created under the name of a deleted one inherits nothing, and the membership shows
 * as Dangling (`status.state`, the STATE column of `kubectl get clustermembers`).
 * Actors: a cluster owner (admin here) granting roles, and a later user who takes a free name.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startAgentTestServer } from '../agents/test-support.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { G, call, cluster, https, member, userWithToken } from './support.ts';
import type { AgentTestServer } from './support.ts';

const KUBECTL = process.env.KUBECTL ?? 'kubectl';
let s: AgentTestServer;
let kubeconfig: string;

beforeAll(async () => {
  s = await startAgentTestServer();
  await cluster(s, 'prod');
  const kc = await https(s, 'GET', '/v1/kubeconfig', undefined, s.admin);
  expect(kc.status).toBe(200);
  kubeconfig = join(s.t.dir, 'admin.kubeconfig');
  await writeFile(kubeconfig, kc.body as string);
});
afterAll(async () => {
  await s?.close();
});

function kubectl(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, ['--kubeconfig', kubeconfig, '--cache-dir', join(s.t.dir, 'kcache'), ...args], { timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, out: `${stdout}${stderr}` }),
    );
  });
}

/** The fields of a response body these tests read. */
interface Body {
  message: string;
  metadata: { uid: string };
  status?: { userUid?: string; state?: string };
}
const bodyOf = (res: { body: unknown }): Body => res.body as Body;

const memberBody = (user: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name: user }, spec: { user, role: 'member' }, ...extra });

describe('cluster members are bound to a user, not a name', () => {
  it('a member naming a user that does not exist is refused (422 naming spec.user); a User created later under that name gets nothing', async () => {
    const res = await api(s, 'POST', '/namespaces/prod/clustermembers', memberBody('mallory'));
    expect(res.status).toBe(422);
    expect(bodyOf(res).message).toContain('spec.user');
    expect(bodyOf(res).message).toContain('"mallory"');
    const mallory = await userWithToken(s, 'mallory');
    expect((await call(s, 'GET', `${G}/clusters/prod`, mallory)).status).toBe(404);
  });

  it('the binding is the server\'s: a client cannot point a member at another uid or mark it Bound', async () => {
    const frank = await userWithToken(s, 'frank');
    const uid = bodyOf(await api(s, 'GET', '/users/frank')).metadata.uid;
    const created = await api(s, 'POST', '/namespaces/prod/clustermembers', memberBody('frank', { status: { userUid: 'someone-else', state: 'Dangling' } }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(bodyOf(created).status).toMatchObject({ userUid: uid, state: 'Bound' });
    const patched = await api(s, 'PATCH', '/namespaces/prod/clustermembers/frank', { status: { userUid: 'someone-else' } });
    expect(bodyOf(patched).status?.userUid).toBe(uid);
    expect((await call(s, 'GET', `${G}/clusters/prod`, frank)).status).toBe(200);
  });

  it('a member whose User is gone shows Dangling; a User re-created under that name inherits nothing', async () => {
    const dave = await userWithToken(s, 'dave');
    await member(s, 'prod', 'dave', 'member');
    expect((await call(s, 'GET', `${G}/clusters/prod`, dave)).status).toBe(200);
    // The membership outlives its User: a user deletion racing the member's creation, or a User
    // removed outside the API (the API's delete removes the user's memberships with it).
    await s.t.store.delete(RESOURCES.users, '', 'dave');
    const dave2 = await userWithToken(s, 'dave');
    expect((await call(s, 'GET', `${G}/clusters/prod`, dave2)).status).toBe(404);
    expect((await call(s, 'GET', `${G}/namespaces/prod/nodes`, dave2)).status).toBe(403);
    await expect.poll(async () => bodyOf(await api(s, 'GET', '/namespaces/prod/clustermembers/dave')).status?.state, { timeout: 5000 }).toBe('Dangling');
    const got = await kubectl(['get', 'clustermembers', '-n', 'prod']);
    expect(got.code, got.out).toBe(0);
    expect(got.out).toMatch(/^NAME\s+USER\s+ROLE\s+STATE\s+AGE/m);
    expect(got.out).toMatch(/^dave\s+dave\s+member\s+Dangling\s/m);
    expect(got.out).toMatch(/^admin\s+admin\s+owner\s+Bound\s/m);
  });
});
