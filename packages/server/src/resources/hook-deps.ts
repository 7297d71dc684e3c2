/** What a kind's hooks may depend on; the server builds it once (resource-api.ts). */
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import type { Memberships } from '../auth/memberships.ts';
import type { PendingSecrets } from '../kinds/hooks-pending-secrets.ts';
import type { NodeAccess } from '../registration/node-access.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Registry } from './registry.ts';

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
  /** Secrets minted in `beforeCreate`, shown once by `afterCreate` (shared by every kind). */
  pending: PendingSecrets;
  /** The registry serving the kind (e.g. the kinds a Cluster's delete cascades to). */
  registry: Registry;
}
