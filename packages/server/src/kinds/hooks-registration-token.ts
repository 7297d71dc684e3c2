/**
 * RegistrationToken hooks. beforeCreate checks that a node command can be rendered (a known
 * server URL, valid labels/taints/addresses), mints the secret and stores only its HMAC (docs/adr/0009)
 * with `status.expiresAt` (spec.ttlSeconds, default from config) and `status.state: Active`.
 * afterCreate returns the bearer token and both node commands, in the create response only.
 */
import type { KindHooks } from '../api/contract.ts';
import { formatRegistrationToken } from '../auth/bearer.ts';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import { randomSecret } from '../auth/secret-hash.ts';
import { renderNodeCommands } from '../registration/node-command.ts';
import type { NodeCommandInput, NodeCommands } from '../registration/node-command.ts';
import type { PendingSecrets } from './hooks-pending-secrets.ts';
import { invalid, metaOf, section, withoutStatusFields } from './hooks-util.ts';
import type { Obj } from './hooks-util.ts';
import { RESOURCES } from './resources.ts';

export interface RegistrationTokenHookDeps {
  /** The URL agents dial; throws DROVER_ERR_REGISTRATION_NO_EXTERNAL_URL when unknown. */
  serverUrl: () => string;
  caChecksum: string;
  agentImage: string;
  defaultTtlSeconds: number;
  pending: PendingSecrets;
  machineSecrets: MachineSecretHasher;
  now: () => Date;
}

const MAX_TTL_SECONDS = 365 * 86400;

type TokenSpec = Pick<NodeCommandInput, 'roles' | 'labels' | 'taints' | 'address' | 'internalAddress' | 'nodeName'> & { ttlSeconds?: number };
type ClusterSpec = Pick<NodeCommandInput, 'proxy' | 'privateRegistries'>;

function commandsFor(deps: RegistrationTokenHookDeps, token: string, spec: TokenSpec, cluster: ClusterSpec): NodeCommands {
  const input: NodeCommandInput = { serverUrl: deps.serverUrl(), token, caChecksum: deps.caChecksum, agentImage: deps.agentImage };
  for (const k of ['roles', 'labels', 'taints', 'address', 'internalAddress', 'nodeName'] as const) {
    if (spec[k] !== undefined) (input as unknown as Obj)[k] = spec[k];
  }
  if (cluster.proxy !== undefined) input.proxy = cluster.proxy;
  if (cluster.privateRegistries !== undefined) input.privateRegistries = cluster.privateRegistries;
  return renderNodeCommands(input);
}

export function registrationTokenHooks(deps: RegistrationTokenHookDeps): KindHooks {
  return {
    async beforeCreate(obj, ctx) {
      const { namespace } = metaOf(obj);
      const cluster = await ctx.store.tryGet(RESOURCES.clusters, '', namespace);
      if (cluster === undefined) throw invalid(`cluster "${namespace}" does not exist: create the Cluster first`);
      const spec = section(obj, 'spec') as TokenSpec;
      // Fail now, before anything is stored, when the command cannot be rendered.
      commandsFor(deps, formatRegistrationToken(namespace || 'x', 'x', 'x'.repeat(43)), spec, cluster.spec ?? {});
      const ttl = spec.ttlSeconds ?? deps.defaultTtlSeconds;
      if (!Number.isSafeInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) throw invalid(`spec.ttlSeconds must be between 1 and ${MAX_TTL_SECONDS}`);
      const status: Obj = { state: 'Active', expiresAt: new Date(deps.now().getTime() + ttl * 1000).toISOString() };
      if (!ctx.dryRun) {
        const secret = randomSecret();
        const hash = deps.machineSecrets.hash(secret);
        deps.pending.put(hash, secret);
        status.secretHash = hash;
      }
      obj.status = status;
    },

    async afterCreate(obj, ctx) {
      const { name, namespace } = metaOf(obj);
      const status = (obj.status ?? {}) as Obj;
      const secret = typeof status.secretHash === 'string' ? deps.pending.take(status.secretHash) : undefined;
      if (secret === undefined) return;
      const cluster = await ctx.store.tryGet(RESOURCES.clusters, '', namespace);
      const token = formatRegistrationToken(namespace, name, secret);
      const commands = commandsFor(deps, token, obj.spec ?? {}, cluster?.spec ?? {});
      const shown: Obj = { ...status, token, ...commands };
      delete shown.secretHash;
      return { status: shown };
    },

    beforeUpdate(next, prev) {
      // The hash and expiry are the server's: keep them whatever the update says.
      const prevStatus = (prev.status ?? {}) as Obj;
      const nextStatus = section(next, 'status');
      for (const k of ['secretHash', 'expiresAt'] as const) {
        if (prevStatus[k] === undefined) delete nextStatus[k];
        else nextStatus[k] = prevStatus[k];
      }
      delete nextStatus.token;
      delete nextStatus.nodeCommand;
      delete nextStatus.insecureNodeCommand;
      const prevSpec = (prev.spec ?? {}) as { revoked?: boolean };
      const nextSpec = section(next, 'spec') as { revoked?: boolean };
      if (prevSpec.revoked === true && nextSpec.revoked !== true) return Promise.reject(invalid('spec.revoked: a revoked registration token cannot be reinstated'));
      return Promise.resolve();
    },

    present(obj) {
      return withoutStatusFields(obj, ['secretHash']);
    },
  };
}
