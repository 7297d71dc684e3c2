/**
 * Token hooks (API tokens created through the API; login and kubeconfig tokens are minted by
 * the server directly). beforeCreate: the token acts as its creator (admins may name another
 * user), gets `spec.type: api`, a TTL (default from config) and a secret of which only the
 * HMAC is stored (docs/adr/0009); afterCreate returns the bearer token in the create response only.
 * Updates may revoke a token, never reinstate it or change whose it is.
 */
import type { KindHooks } from '../api/contract.ts';
import { formatUserToken } from '../auth/bearer.ts';
import type { MachineSecretHasher } from '../auth/machine-secret-hash.ts';
import { randomSecret } from '../auth/secret-hash.ts';
import { TOKEN_USER_LABEL } from '../auth/token-service.ts';
import type { PendingSecrets } from './hooks-pending-secrets.ts';
import { forbidden, invalid, metaOf, section, withoutStatusFields } from './hooks-util.ts';
import type { Obj } from './hooks-util.ts';
import { RESOURCES } from './resources.ts';

export interface TokenHookDeps {
  defaultTtlSeconds: number;
  pending: PendingSecrets;
  machineSecrets: MachineSecretHasher;
  now: () => Date;
}

const MAX_TTL_SECONDS = 365 * 86400;

export function tokenHooks(deps: TokenHookDeps): KindHooks {
  return {
    async beforeCreate(obj, ctx) {
      const spec = section(obj, 'spec') as { user?: string; type?: string; ttlSeconds?: number; revoked?: boolean };
      spec.user ??= ctx.user.name;
      if (spec.user !== ctx.user.name && !ctx.user.admin) throw forbidden(`User "${ctx.user.name}" may only create tokens for itself`);
      if ((await ctx.store.tryGet(RESOURCES.users, '', spec.user)) === undefined) throw invalid(`spec.user: user "${spec.user}" does not exist`);
      spec.type ??= 'api';
      spec.ttlSeconds ??= deps.defaultTtlSeconds;
      if (!Number.isSafeInteger(spec.ttlSeconds) || spec.ttlSeconds < 1 || spec.ttlSeconds > MAX_TTL_SECONDS) {
        throw invalid(`spec.ttlSeconds must be between 1 and ${MAX_TTL_SECONDS}`);
      }
      const meta = section(obj, 'metadata');
      meta.labels = { ...((meta.labels ?? {}) as Record<string, string>), [TOKEN_USER_LABEL]: spec.user };
      const status: Obj = { expiresAt: new Date(deps.now().getTime() + spec.ttlSeconds * 1000).toISOString() };
      if (!ctx.dryRun) {
        const secret = randomSecret();
        const hash = deps.machineSecrets.hash(secret);
        deps.pending.put(hash, secret);
        status.secretHash = hash;
      }
      obj.status = status;
    },

    afterCreate(obj) {
      const { name } = metaOf(obj);
      const status = (obj.status ?? {}) as Obj;
      const secret = typeof status.secretHash === 'string' ? deps.pending.take(status.secretHash) : undefined;
      if (secret === undefined) return Promise.resolve();
      const shown: Obj = { ...status, token: formatUserToken(name, secret) };
      delete shown.secretHash;
      return Promise.resolve({ status: shown });
    },

    beforeUpdate(next, prev) {
      const p = (prev.spec ?? {}) as Obj;
      const n = section(next, 'spec');
      for (const field of ['user', 'type', 'ttlSeconds'] as const) {
        if (n[field] === undefined) n[field] = p[field];
        else if (n[field] !== p[field]) return Promise.reject(invalid(`spec.${field}: field is immutable`));
      }
      if (p.revoked === true && n.revoked !== true) return Promise.reject(invalid('spec.revoked: a revoked token cannot be reinstated'));
      const prevStatus = (prev.status ?? {}) as Obj;
      next.status = { ...prevStatus };
      const meta = section(next, 'metadata');
      meta.labels = { ...((meta.labels ?? {}) as Record<string, string>), [TOKEN_USER_LABEL]: String(p.user) };
      return Promise.resolve();
    },

    present(obj) {
      return withoutStatusFields(obj, ['secretHash']);
    },
  };
}
