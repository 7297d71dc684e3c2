/**
 * Test harness: the API plugin on a fresh fastify with a real store (testing.ts: SQLite in a temp
 * directory, or a fresh PostgreSQL schema),
 * a tiny authentication hook (`Authorization: Bearer test-<name>`; `test-admin` is an admin) and
 * a configurable Authorizer stub.
 */
import type { Store, StoreTuning } from '@drover/store';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { allKinds } from '../../kinds/index.ts';
import type { KindDefinition } from '../../kinds/kind-definition.ts';
import type { Authorizer, KindHooks, RequestAttributes, RequestUser } from '../contract.ts';
import type { ApiLimits } from '../context.ts';
import { apiPlugin } from '../plugin.ts';
import { openTestStore } from '../../testing.ts';

/** Label on an object naming a user who may not see it (exercises `canSee`). */
export const HIDDEN_FROM_LABEL = 'test.drover.dev/hidden-from';

export interface TestAuthorizer extends Authorizer {
  /** Users limited to get/list/watch. */
  readOnly: Set<string>;
  /** Users refused everything. */
  denied: Set<string>;
  /** Every question asked, in order. */
  asked: { user: string; attrs: RequestAttributes }[];
}

export function createTestAuthorizer(): TestAuthorizer {
  const readOnly = new Set<string>();
  const denied = new Set<string>();
  const asked: TestAuthorizer['asked'] = [];
  return {
    readOnly,
    denied,
    asked,
    allowed(user, attrs) {
      asked.push({ user: user.name, attrs });
      if (user.admin) return Promise.resolve(true);
      if (denied.has(user.name)) return Promise.resolve(false);
      if (readOnly.has(user.name)) return Promise.resolve(['get', 'list', 'watch'].includes(attrs.verb));
      return Promise.resolve(true);
    },
    canSee(user, _resource, obj) {
      const labels = (obj.metadata as { labels?: Record<string, string> }).labels;
      return Promise.resolve(user.admin || labels?.[HIDDEN_FROM_LABEL] !== user.name);
    },
    rules(user) {
      const verbs = user.admin ? ['*'] : readOnly.has(user.name) ? ['get', 'list', 'watch'] : denied.has(user.name) ? [] : ['*'];
      return Promise.resolve(verbs.length === 0 ? [] : [{ verbs, apiGroups: ['management.drover.dev'], resources: ['*'] }]);
    },
  };
}

export function userOf(name: string): RequestUser {
  const admin = name === 'admin';
  return { name, uid: `uid-${name}`, groups: admin ? ['system:authenticated', 'drover:admins'] : ['system:authenticated'], admin, via: 'token' };
}

export interface TestApi {
  app: FastifyInstance;
  store: Store;
  authz: TestAuthorizer;
  /** Headers of user `name`. */
  as(name: string, extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  hooks?: Partial<Record<string, KindHooks>>;
  /** Kinds to serve (default: the product's). */
  kinds?: readonly KindDefinition[];
  /** The authorizer to use instead of the test one, given the store (e.g. the real one over a test registry). */
  authorizer?: (store: Store) => Authorizer;
  limits?: Partial<ApiLimits>;
  store?: StoreTuning;
  /** Serve HTTPS with this key and certificate (kubectl sends bearer tokens only over TLS). */
  tls?: { key: string; cert: string };
}

export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  // SQLite, or PostgreSQL under DROVER_TEST_STORE=postgres (the server-on-postgres vitest project).
  const opened = await openTestStore(options.store);
  const { store } = opened;
  const authz = createTestAuthorizer();
  const app = (options.tls === undefined
    ? Fastify({ logger: false, forceCloseConnections: true })
    : Fastify({ logger: false, forceCloseConnections: true, https: options.tls })) as unknown as FastifyInstance;
  app.addHook('onRequest', (req, _reply, done) => {
    const m = /^Bearer test-([a-z0-9-]+)$/.exec(req.headers.authorization ?? '');
    if (m?.[1] !== undefined) (req as unknown as { user: RequestUser }).user = userOf(m[1]);
    done();
  });
  const plugin = apiPlugin({ store, authorizer: options.authorizer?.(store) ?? authz, kinds: options.kinds ?? allKinds, hooks: options.hooks ?? {}, version: { drover: '0.0.0-test' }, limits: options.limits ?? {} });
  await app.register(plugin);
  await app.ready();
  return {
    app,
    store,
    authz,
    as: (name, extra = {}) => ({ authorization: `Bearer test-${name}`, ...extra }),
    async close() {
      await app.close();
      await opened.cleanup();
    },
  };
}
