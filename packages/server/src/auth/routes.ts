/**
 * `POST /v1/login` (rate limited) and `GET /v1/kubeconfig`. Register inside an encapsulated
 * context with @fastify/rate-limit available (see app.ts).
 *
 * The kubeconfig is one file with one freshly minted token (`?ttl=`, default
 * DROVER_KUBECONFIG_TOKEN_TTL) and the Drover CA embedded in every cluster entry:
 *  - context `drover`: the management API at the server URL (current-context);
 *  - context `drover/<cluster>` for every cluster the user can see (admins: all; others: those
 *    they have a role in), at `<server>/k8s/clusters/<cluster>` (the Kubernetes API proxy).
 * Cluster names are RFC 1123 subdomains, which never contain `/`, so `drover/<cluster>` can never
 * be `drover` nor another cluster's context. `?cluster=<name>` returns that cluster's context
 * alone (current-context `drover/<name>`); a cluster the user cannot see is a 404, as a missing one.
 * `?clusters=none` returns the `drover` context alone (scripts, and admins of thousands of clusters:
 * each cluster entry carries the CA, about 1 KiB).
 */
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Store } from '@drover/store';
import { mergeKubeconfig } from '@drover/pki';
import type { KubeconfigEntry } from '@drover/pki';
import type { RequestUser } from '../api/contract.ts';
import { DroverError } from '../errors.ts';
import type { MachineSecretHasher } from './machine-secret-hash.ts';
import { parseTtl } from './duration.ts';
import { mintToken } from './token-service.ts';
import type { PasswordLogin } from './password-login.ts';

const MAX_TTL = 365 * 86400;

export interface AuthRoutesOptions {
  store: Store;
  /** The password check with its per-account backoff, shared with the console's `POST /v1/session`. */
  passwords: PasswordLogin;
  caPem: string;
  externalUrl?: string;
  loginTokenTtlSeconds: number;
  kubeconfigTokenTtlSeconds: number;
  loginRateLimit: number;
  machineSecrets: MachineSecretHasher;
  /** Names of the clusters `user` can see, sorted (the kubeconfig gets a context for each). */
  visibleClusters(user: RequestUser): Promise<string[]>;
  now?: () => Date;
}

/** Context (and cluster entry) name of a cluster in the kubeconfig; `/` never occurs in a cluster name. */
export const clusterContextName = (cluster: string): string => `drover/${cluster}`;

const LoginBody = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: { username: { type: 'string', minLength: 1, maxLength: 253 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
} as const;

export const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = (app: FastifyInstance, o) => {
  const now = o.now ?? (() => new Date());

  app.post<{ Body: { username: string; password: string } }>(
    '/v1/login',
    {
      schema: { body: LoginBody },
      config: { auth: 'none', rateLimit: { max: o.loginRateLimit, timeWindow: 60_000 } },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const user = await o.passwords.check(username, password, request.log);
      const { object, bearer } = await mintToken(o.store, o.machineSecrets, { user: user.name, type: 'login', ttlSeconds: o.loginTokenTtlSeconds, now: now() });
      request.log.info({ username, tokenName: object.metadata.name }, 'login');
      const expiresAt = (object.status as { expiresAt?: string } | undefined)?.expiresAt;
      return reply.code(200).header('cache-control', 'no-store').send({ token: bearer, expiresAt });
    },
  );

  app.get<{ Querystring: { ttl?: string; cluster?: string; clusters?: string } }>('/v1/kubeconfig', async (request, reply) => {
    const user = request.user;
    if (user.via === 'anonymous') throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', 'authentication required');
    const ttl = request.query.ttl === undefined ? o.kubeconfigTokenTtlSeconds : parseTtl(request.query.ttl, 60, MAX_TTL);
    const only = request.query.cluster;
    const none = request.query.clusters === 'none';
    if (request.query.clusters !== undefined && !none) throw new DroverError('DROVER_ERR_API_BAD_REQUEST', 'clusters may only be "none" (the management API context alone)');
    if (none && only !== undefined) throw new DroverError('DROVER_ERR_API_BAD_REQUEST', 'cluster and clusters=none exclude each other');
    const visible = none ? [] : await o.visibleClusters(user);
    // Before a token is minted: an unseen cluster is a 404 exactly like a missing one.
    if (only !== undefined && !visible.includes(only)) throw new DroverError('DROVER_ERR_CLUSTER_NOT_FOUND', `cluster ${JSON.stringify(only)} not found`);
    const server = o.externalUrl ?? `${request.protocol}://${request.host}`;
    const { object, bearer } = await mintToken(o.store, o.machineSecrets, {
      user: user.name,
      type: 'kubeconfig',
      ttlSeconds: ttl,
      description: `kubeconfig for ${server}`,
      now: now(),
    });
    request.log.info({ user: user.name, tokenName: object.metadata.name }, 'kubeconfig token minted');
    const entry = (name: string, url: string): KubeconfigEntry => ({ server: url, caPem: o.caPem, token: bearer, contextName: name, clusterName: name, userName: user.name });
    const clusterEntries = (only === undefined ? visible : [only]).map((c) => entry(clusterContextName(c), `${server}/k8s/clusters/${encodeURIComponent(c)}`));
    const yaml = only === undefined ? mergeKubeconfig([entry('drover', server), ...clusterEntries], 'drover') : mergeKubeconfig(clusterEntries);
    const filename = only === undefined ? 'drover.yaml' : `drover-${only}.yaml`;
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .type('application/yaml')
      .send(yaml);
  });
  return Promise.resolve();
};
