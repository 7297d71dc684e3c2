/** Every kind's hooks, keyed by kind name, as `apiPlugin({hooks})` takes them. */
import type { KindHooks } from '../api/contract.ts';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import type { Memberships } from '../auth/memberships.ts';
import type { NodeAccess } from '../registration/node-access.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import { clusterHooks } from './hooks-cluster.ts';
import { clusterMemberHooks } from './hooks-cluster-member.ts';
import { nodeHooks } from './hooks-node.ts';
import { createPendingSecrets } from './hooks-pending-secrets.ts';
import { registrationTokenHooks } from './hooks-registration-token.ts';
import { tokenHooks } from './hooks-token.ts';
import { userHooks } from './hooks-user.ts';

export interface KindHookDeps {
  memberships: Memberships;
  nodeAccess: NodeAccess;
  /** Seals write-only secrets the server reads back later (registry passwords). */
  secretBox: SecretBox;
  /** The URL agents dial (throws when unknown). */
  serverUrl: () => string;
  caChecksum: string;
  agentImage: string;
  registrationTokenTtlSeconds: number;
  apiTokenTtlSeconds: number;
  /** Hashes the secrets of RegistrationTokens and Tokens. */
  machineSecrets: MachineSecretHasher;
  now: () => Date;
}

export function createKindHooks(deps: KindHookDeps): Record<string, KindHooks> {
  const pending = createPendingSecrets();
  return {
    Cluster: clusterHooks(deps),
    ClusterMember: clusterMemberHooks(deps),
    Node: nodeHooks(deps),
    RegistrationToken: registrationTokenHooks({
      serverUrl: deps.serverUrl,
      caChecksum: deps.caChecksum,
      agentImage: deps.agentImage,
      defaultTtlSeconds: deps.registrationTokenTtlSeconds,
      pending,
      machineSecrets: deps.machineSecrets,
      now: deps.now,
    }),
    Token: tokenHooks({ defaultTtlSeconds: deps.apiTokenTtlSeconds, pending, machineSecrets: deps.machineSecrets, now: deps.now }),
    User: userHooks(deps),
  };
}
