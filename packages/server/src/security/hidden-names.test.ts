/**
 * Finding 6 of issue 9: names of objects a caller may not see must not leak, neither through
 * list pagination (continue tokens) nor through a different answer than for a missing object.
 * Actors: a read-only member (carol), a member (bob), an API token holder (bob's API token).
 * Creating under a taken name stays 409 AlreadyExists, as in Kubernetes (docs/security.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgentTestServer } from '../agents/test-support.ts';
import { G, call, cluster, https, member, tokenName, userWithToken } from './support.ts';
import type { AgentTestServer } from './support.ts';

let s: AgentTestServer;
let carol: string;
let bob: string;
let bobApi: string;
const VISIBLE = ['a-seen', 'c-seen', 'e-seen'];
const HIDDEN = ['b-hidden', 'd-hidden', 'd-hidden-2', 'f-hidden'];

beforeAll(async () => {
  s = await startAgentTestServer();
  carol = await userWithToken(s, 'carol');
  bob = await userWithToken(s, 'bob');
  for (const name of [...VISIBLE, ...HIDDEN].sort()) await cluster(s, name);
  for (const name of VISIBLE) await member(s, name, 'carol', 'read-only');
  await member(s, 'a-seen', 'bob', 'member');
  await member(s, 'b-hidden', 'bob', 'member');
  // Token names sort bob-a (bob's), bob-b (carol's: hidden from bob), bob-c (bob's).
  bobApi = await apiToken('bob-a', bob);
  await apiToken('bob-b', carol);
  await apiToken('bob-c', bob);
});
afterAll(async () => {
  await s?.close();
});

/** Creates an API Token named `name` as the holder of `token`; returns the new bearer token. */
async function apiToken(name: string, token: string): Promise<string> {
  const created = await https(s, 'POST', `${G}/tokens`, { apiVersion: 'management.drover.dev/v1', kind: 'Token', metadata: { name }, spec: {} }, token);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return (created.body as { status: { token: string } }).status.token;
}

/** Every page of a `limit=1` list as `token`: the items and each continue token decoded. */
async function paginate(path: string, token: string): Promise<{ items: string[]; decoded: string[] }> {
  const items: string[] = [];
  const decoded: string[] = [];
  let cont: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await https(s, 'GET', `${path}?limit=1${cont === undefined ? '' : `&continue=${encodeURIComponent(cont)}`}`, undefined, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as { items: { metadata: { name: string } }[]; metadata: { continue?: string } };
    items.push(...body.items.map((i) => i.metadata.name));
    cont = body.metadata.continue;
    if (cont === undefined || cont === '') return { items, decoded };
    decoded.push(Buffer.from(cont, 'base64url').toString('utf8'));
  }
  throw new Error('more than 50 pages');
}

describe('hidden objects: lists', () => {
  it('a read-only member paging clusters with limit=1 gets every visible cluster, and no continue token names a hidden one', async () => {
    const { items, decoded } = await paginate(`${G}/clusters`, carol);
    expect(items).toEqual(VISIBLE);
    for (const text of decoded) for (const hidden of HIDDEN) expect(text).not.toContain(hidden);
  });

  it('a token holder paging tokens sees only its own, and no continue token names another user’s token', async () => {
    const carolTokens = [tokenName(carol), 'bob-b'];
    const { items, decoded } = await paginate(`${G}/tokens`, bobApi);
    expect(items).toEqual(expect.arrayContaining(['bob-a', 'bob-c', tokenName(bob)]));
    expect(items).toHaveLength(3);
    for (const text of decoded) for (const hidden of carolTokens) expect(text).not.toContain(`"${hidden}"`);
  });
});

describe('hidden objects: answers like a missing one', () => {
  /** Status code and reason of a request, with the object name replaced so bodies compare. */
  async function answer(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; reason: string }> {
    const res = await call(s, method, path, token, body);
    return { status: res.status, reason: (res.body as { reason?: string }).reason ?? '' };
  }

  it('get, patch and delete of another user’s token answer 404 exactly as for a missing token (member, token holder)', async () => {
    const others = tokenName(carol);
    for (const caller of [bob, bobApi]) {
      for (const [method, body] of [['GET', undefined], ['DELETE', undefined], ['PATCH', { spec: { revoked: true } }]] as const) {
        const hidden = await answer(method, `${G}/tokens/${others}`, caller, body);
        const missing = await answer(method, `${G}/tokens/no-such-token-x`, caller, body);
        expect(hidden, `${method} another user's token`).toEqual({ status: 404, reason: 'NotFound' });
        expect(missing).toEqual(hidden);
      }
    }
    // carol's token still works: nothing was revoked or deleted.
    expect((await https(s, 'GET', `${G}/clusters/a-seen`, undefined, carol)).status).toBe(200);
  });

  it('a read-only member: get, patch and delete of a hidden cluster, and of a user, answer as for a missing one', async () => {
    for (const [method, body] of [['GET', undefined], ['DELETE', undefined], ['PATCH', { metadata: { labels: { x: 'y' } } }]] as const) {
      const hidden = await answer(method, `${G}/clusters/b-hidden`, carol, body);
      const missing = await answer(method, `${G}/clusters/no-such-cluster`, carol, body);
      expect(missing, `${method} cluster`).toEqual(hidden);
      expect(hidden.status).toBe(404);
      const user = await answer(method, `${G}/users/bob`, carol, body);
      const noUser = await answer(method, `${G}/users/no-such-user`, carol, body);
      expect(noUser, `${method} user`).toEqual(user);
    }
  });

  it('a visible object the caller may not change still answers 403 (read-only member deleting its cluster)', async () => {
    expect(await answer('DELETE', `${G}/clusters/a-seen`, carol)).toEqual({ status: 403, reason: 'Forbidden' });
  });

  it('creating under a taken name answers 409 AlreadyExists, as in Kubernetes (recorded in docs/security.md)', async () => {
    const res = await https(s, 'POST', `${G}/clusters`, { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'b-hidden' } }, carol);
    expect(res.status).toBe(409);
    expect((res.body as { reason: string }).reason).toBe('AlreadyExists');
  });
});
