import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KindHooks, WriteContext } from '../api/contract.ts';
import { createAuthenticator } from '../auth/authenticate.ts';
import { parseRegistrationToken } from '../auth/bearer.ts';
import { createMemberships } from '../auth/memberships.ts';
import { createMachineSecretHasher } from '../auth/machine-secret-hash.ts';
import { verifySecret } from '../auth/secret-hash.ts';
import { isDroverError } from '../errors.ts';
import { NO_NODE_ACCESS } from '../registration/node-access.ts';
import { resolveServerUrl } from '../registration/server-url.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import { createTempStore, testUser } from '../testing.ts';
import type { TempStore } from '../testing.ts';
import { createKindHooks } from './hooks-all.ts';
import { API_VERSION, RESOURCES } from './resources.ts';

const SUM = 'b'.repeat(64);
const NOW = new Date('2030-01-01T00:00:00Z');
let t: TempStore;
let hooks: Record<string, KindHooks>;
let externalUrl: string | undefined;
const olga = testUser('olga');
const admin = testUser('admin', true);
const machineSecrets = createMachineSecretHasher(Buffer.alloc(32, 7));

beforeEach(async () => {
  t = await createTempStore();
  externalUrl = 'https://drover.example:8443';
  hooks = createKindHooks({
    memberships: createMemberships(t.store),
    nodeAccess: NO_NODE_ACCESS,
    secretBox: createSecretBox(randomBytes(32)),
    serverUrl: () => resolveServerUrl({ listen: '0.0.0.0:8443', ...(externalUrl === undefined ? {} : { externalUrl }) }),
    caChecksum: SUM,
    agentImage: 'drover/agent:0.1.0',
    registrationTokenTtlSeconds: 86400,
    apiTokenTtlSeconds: 3600,
    machineSecrets,
    now: () => NOW,
  });
  for (const name of ['olga', 'admin']) {
    await t.store.create(RESOURCES.users, { apiVersion: API_VERSION, kind: 'User', metadata: { name }, spec: { admin: name === 'admin' } });
  }
});
afterEach(async () => t.cleanup());

const ctx = (user = olga, dryRun = false): WriteContext => ({ user, store: t.store, dryRun });
const h = (kind: string): KindHooks => hooks[kind]!;

/** Runs a create through the hooks the way the API does: beforeCreate, store, afterCreate. */
async function create(kind: string, resource: string, obj: Record<string, unknown>, c = ctx()) {
  await h(kind).beforeCreate?.(obj, c);
  const stored = await t.store.create(resource, obj as never);
  const extra = await h(kind).afterCreate?.(stored, c);
  return { stored, extra: (extra ?? {}) as { status?: Record<string, string> } };
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('Cluster hooks', () => {
  it('makes the creator the owner of the new cluster', async () => {
    await create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
    const m = await t.store.get(RESOURCES.clustermembers, 'c1', 'olga');
    expect(m.spec).toEqual({ user: 'olga', role: 'owner' });
  });

  it('deletes every object in the namespace in one transaction, and only that namespace', async () => {
    await create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
    await create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c2' }, spec: {} });
    for (const ns of ['c1', 'c2']) {
      await t.store.create(RESOURCES.nodes, { apiVersion: API_VERSION, kind: 'Node', metadata: { name: 'n1', namespace: ns }, spec: { roles: [] } });
      await t.store.create(RESOURCES.events, { apiVersion: API_VERSION, kind: 'Event', metadata: { name: 'e1', namespace: ns, finalizers: ['x'] } });
      await create('RegistrationToken', RESOURCES.registrationtokens, { apiVersion: API_VERSION, kind: 'RegistrationToken', metadata: { name: 'rt', namespace: ns }, spec: {} });
    }
    const c1 = await t.store.get(RESOURCES.clusters, '', 'c1');
    // A failure half-way leaves everything in place (one transaction).
    let deletes = 0;
    const failing = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop !== 'transaction') return Reflect.get(target, prop, receiver) as unknown;
        return (fn: (tx: unknown) => Promise<unknown>) =>
          target.transaction((tx) =>
            fn({
              ...tx,
              list: tx.list.bind(tx),
              update: tx.update.bind(tx),
              delete: async (...args: Parameters<typeof tx.delete>) => {
                if (++deletes === 3) throw new Error('disk full');
                return tx.delete(...args);
              },
            }),
          );
      },
    });
    await expect(h('Cluster').beforeDelete!(c1 as never, { ...ctx(), store: failing })).rejects.toThrow('disk full');
    expect((await t.store.list(RESOURCES.nodes, { namespace: 'c1' })).items.length).toBe(1);
    expect((await t.store.list(RESOURCES.events, { namespace: 'c1' })).items.length).toBe(1);
    await h('Cluster').beforeDelete!(c1, ctx());
    for (const plural of ['nodes', 'events', 'registrationtokens', 'clustermembers'] as const) {
      expect((await t.store.list(RESOURCES[plural], { namespace: 'c1' })).items, plural).toEqual([]);
      expect((await t.store.list(RESOURCES[plural], { namespace: 'c2' })).items.length, plural).toBe(1);
    }
  });

  it('does nothing on a dry-run delete', async () => {
    await create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
    const c1 = await t.store.get(RESOURCES.clusters, '', 'c1');
    await h('Cluster').beforeDelete!(c1, ctx(olga, true));
    expect((await t.store.list(RESOURCES.clustermembers, { namespace: 'c1' })).items.length).toBe(1);
  });
});

describe('RegistrationToken hooks', () => {
  const cluster = async (spec: Record<string, unknown> = {}) =>
    create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec });
  const token = (spec: Record<string, unknown> = {}, name = 'rt1') => ({ apiVersion: API_VERSION, kind: 'RegistrationToken', metadata: { name, namespace: 'c1' }, spec });

  it('stores only a hash and returns token and node commands in the create response', async () => {
    await cluster({ proxy: { httpsProxy: 'http://p:3128' }, privateRegistries: [{ url: 'reg.local:5000', default: true }] });
    const { stored, extra } = await create('RegistrationToken', RESOURCES.registrationtokens, token({ roles: ['worker'], labels: { a: 'b' } }));
    const st = extra.status!;
    expect(st.token).toMatch(/^droverreg_c1_rt1_/);
    expect(st.expiresAt).toBe('2030-01-02T00:00:00.000Z');
    expect(st.state).toBe('Active');
    expect(st).not.toHaveProperty('secretHash');
    expect(st.nodeCommand).toBe(
      'docker run -d --privileged --restart=unless-stopped --net=host --label drover.dev/agent=true -v /etc/drover:/etc/drover ' +
        '-v /etc/kubernetes:/etc/kubernetes -v /var/run:/var/run -e HTTPS_PROXY=http://p:3128 reg.local:5000/drover/agent:0.1.0 ' +
        `--server https://drover.example:8443 --token ${st.token} --ca-checksum ${SUM} --worker --label a=b`,
    );
    expect(st.insecureNodeCommand).toContain(`--token ${st.token} --insecure --worker`);
    // Stored: hash only, no token, no command.
    const raw = JSON.stringify(await t.store.get(RESOURCES.registrationtokens, 'c1', 'rt1'));
    const secret = parseRegistrationToken(st.token!)!.secret;
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('docker run');
    const hash = (stored.status as { secretHash: string }).secretHash;
    expect(hash).toMatch(/^hmac-sha256\$v1\$/);
    expect(await machineSecrets.verify(secret, hash)).toBe(true);
    // Later reads (present) hide the hash.
    const shown = h('RegistrationToken').present!(stored);
    expect(JSON.stringify(shown)).not.toContain(hash);
    // The secret is handed out once: a second afterCreate has nothing to show.
    expect(await h('RegistrationToken').afterCreate!(stored as never, ctx())).toBeUndefined();
  });

  it('honours spec.ttlSeconds and refuses out-of-range TTLs', async () => {
    await cluster();
    const { extra } = await create('RegistrationToken', RESOURCES.registrationtokens, token({ ttlSeconds: 60 }));
    expect(extra.status!.expiresAt).toBe('2030-01-01T00:01:00.000Z');
    const err = await caught(h('RegistrationToken').beforeCreate!(token({ ttlSeconds: 10 ** 9 }, 'rt2'), ctx()));
    expect(isDroverError(err, 'DROVER_ERR_API_INVALID')).toBe(true);
  });

  it('fails before storing anything when the server URL is unknown', async () => {
    await cluster();
    externalUrl = undefined;
    const obj = token();
    const err = await caught(h('RegistrationToken').beforeCreate!(obj, ctx()));
    expect(isDroverError(err, 'DROVER_ERR_REGISTRATION_NO_EXTERNAL_URL')).toBe(true);
    expect((err as { statusCode: number }).statusCode).toBe(503);
    expect((err as Error).message).toContain('DROVER_EXTERNAL_URL');
    expect(obj).not.toHaveProperty('status');
  });

  it('refuses invalid labels and a missing cluster; mints nothing on dry run', async () => {
    expect(isDroverError(await caught(h('RegistrationToken').beforeCreate!(token(), ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
    await cluster();
    const bad = await caught(h('RegistrationToken').beforeCreate!(token({ labels: { 'a b': 'c' } }), ctx()));
    expect(isDroverError(bad, 'DROVER_ERR_API_INVALID')).toBe(true);
    const dry: Record<string, unknown> = token();
    await h('RegistrationToken').beforeCreate!(dry, ctx(olga, true));
    expect(dry.status).toEqual({ state: 'Active', expiresAt: '2030-01-02T00:00:00.000Z' });
  });

  it('keeps the hash and expiry through updates and refuses to reinstate a revoked token', async () => {
    await cluster();
    const { stored } = await create('RegistrationToken', RESOURCES.registrationtokens, token());
    const next = { ...stored, spec: { revoked: true }, status: { secretHash: 'forged', expiresAt: '2099-01-01T00:00:00Z' } } as Record<string, unknown>;
    await h('RegistrationToken').beforeUpdate!(next, stored, ctx());
    expect(next.status).toEqual({ secretHash: (stored.status as { secretHash: string }).secretHash, expiresAt: (stored.status as { expiresAt: string }).expiresAt });
    const revoked = { ...stored, spec: { revoked: true } };
    const back = { ...stored, spec: { revoked: false } } as Record<string, unknown>;
    expect(isDroverError(await caught(h('RegistrationToken').beforeUpdate!(back, revoked as never, ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
  });
});

describe('Token hooks', () => {
  const tok = (spec: Record<string, unknown> = {}, name = 'my-token') => ({ apiVersion: API_VERSION, kind: 'Token', metadata: { name }, spec });

  it('mints a working API token for its creator, shown once', async () => {
    const { stored, extra } = await create('Token', RESOURCES.tokens, tok({ description: 'ci' }));
    expect(stored.spec).toMatchObject({ user: 'olga', type: 'api', ttlSeconds: 3600 });
    expect(stored.metadata.labels).toEqual({ 'drover.dev/user': 'olga' });
    const bearer = extra.status!.token!;
    expect(bearer).toMatch(/^drover_my-token_/);
    expect(JSON.stringify(stored)).not.toContain(bearer.slice('drover_my-token_'.length));
    const authn = createAuthenticator({ store: t.store, machineSecrets, now: () => new Date(NOW.getTime() + 1000) });
    expect(await authn.authenticate(bearer)).toMatchObject({ name: 'olga', admin: false, via: 'token' });
    const later = createAuthenticator({ store: t.store, machineSecrets, now: () => new Date(NOW.getTime() + 3601_000) });
    await expect(later.authenticate(bearer)).rejects.toMatchObject({ code: 'DROVER_ERR_AUTH_TOKEN_EXPIRED' });
    expect(JSON.stringify(h('Token').present!(stored as never))).not.toContain('secretHash');
  });

  it('lets only admins mint tokens for other users, and only for existing ones', async () => {
    expect(isDroverError(await caught(h('Token').beforeCreate!(tok({ user: 'admin' }), ctx())), 'DROVER_ERR_API_FORBIDDEN')).toBe(true);
    await h('Token').beforeCreate!(tok({ user: 'olga' }), ctx(admin));
    expect(isDroverError(await caught(h('Token').beforeCreate!(tok({ user: 'ghost' }), ctx(admin))), 'DROVER_ERR_API_INVALID')).toBe(true);
  });

  it('allows revoking but not reinstating or reassigning', async () => {
    const { stored } = await create('Token', RESOURCES.tokens, tok());
    const revoke = { ...stored, spec: { revoked: true }, status: {} } as Record<string, unknown>;
    await h('Token').beforeUpdate!(revoke, stored, ctx());
    expect(revoke.spec).toMatchObject({ user: 'olga', type: 'api', revoked: true });
    expect(revoke.status).toEqual(stored.status);
    const steal = { ...stored, spec: { ...(stored.spec as object), user: 'admin' } } as Record<string, unknown>;
    expect(isDroverError(await caught(h('Token').beforeUpdate!(steal, stored as never, ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
    const revoked = { ...stored, spec: { ...(stored.spec as object), revoked: true } };
    const back = { ...stored, spec: { ...(stored.spec as object), revoked: false } } as Record<string, unknown>;
    expect(isDroverError(await caught(h('Token').beforeUpdate!(back, revoked as never, ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
  });
});

describe('User hooks', () => {
  it('hashes spec.password into status and hides it', async () => {
    const obj: Record<string, unknown> = { apiVersion: API_VERSION, kind: 'User', metadata: { name: 'bob' }, spec: { password: 'hunter2hunter2' } };
    await h('User').beforeCreate!(obj, ctx(admin));
    expect(obj.spec).toEqual({});
    const hash = (obj.status as { passwordHash: string }).passwordHash;
    expect(await verifySecret('hunter2hunter2', hash)).toBe(true);
    expect(h('User').present!(obj)).toEqual({ apiVersion: API_VERSION, kind: 'User', metadata: { name: 'bob' }, spec: {}, status: {} });
    const next: Record<string, unknown> = { ...obj, spec: { password: 'new-password-1' }, status: {} };
    await h('User').beforeUpdate!(next, obj, ctx(admin));
    expect(await verifySecret('new-password-1', (next.status as { passwordHash: string }).passwordHash)).toBe(true);
    const keep: Record<string, unknown> = { ...obj, spec: { displayName: 'Bob' }, status: {} };
    await h('User').beforeUpdate!(keep, obj, ctx(admin));
    expect(keep.status).toEqual({ passwordHash: hash });
  });

  it('deletes the user’s tokens and memberships with it, and refuses self-deletion', async () => {
    await create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
    await create('Token', RESOURCES.tokens, { apiVersion: API_VERSION, kind: 'Token', metadata: { name: 't1' }, spec: {} });
    const olgaObj = await t.store.get(RESOURCES.users, '', 'olga');
    expect(isDroverError(await caught(h('User').beforeDelete!(olgaObj as never, ctx())), 'DROVER_ERR_API_FORBIDDEN')).toBe(true);
    await h('User').beforeDelete!(olgaObj, ctx(admin));
    expect((await t.store.list(RESOURCES.tokens)).items).toEqual([]);
    expect((await t.store.list(RESOURCES.clustermembers)).items).toEqual([]);
  });
});

describe('ClusterMember hooks', () => {
  it('keeps at least one owner', async () => {
    await create('Cluster', RESOURCES.clusters, { apiVersion: API_VERSION, kind: 'Cluster', metadata: { name: 'c1' }, spec: {} });
    const owner = await t.store.get(RESOURCES.clustermembers, 'c1', 'olga');
    expect(isDroverError(await caught(h('ClusterMember').beforeDelete!(owner as never, ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
    const demote = { ...owner, spec: { user: 'olga', role: 'member' } } as Record<string, unknown>;
    expect(isDroverError(await caught(h('ClusterMember').beforeUpdate!(demote, owner as never, ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
    await t.store.create(RESOURCES.clustermembers, { apiVersion: API_VERSION, kind: 'ClusterMember', metadata: { name: 'max', namespace: 'c1' }, spec: { user: 'max', role: 'owner' } });
    await h('ClusterMember').beforeDelete!(owner, ctx());
    const rename = { ...owner, spec: { user: 'eve', role: 'owner' } } as Record<string, unknown>;
    expect(isDroverError(await caught(h('ClusterMember').beforeUpdate!(rename, owner as never, ctx())), 'DROVER_ERR_API_INVALID')).toBe(true);
  });
});
