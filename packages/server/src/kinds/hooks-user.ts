/**
 * User hooks: `spec.password` (input only) becomes an scrypt hash in `status.passwordHash`;
 * deleting a user deletes its Tokens and ClusterMembers in one transaction (so a user created
 * later under the same name inherits nothing).
 */
import type { KindHooks } from '../api/contract.ts';
import type { Memberships } from '../auth/memberships.ts';
import { hashSecret, verifySecret } from '../auth/secret-hash.ts';
import { forbidden, metaOf, section } from './hooks-util.ts';
import type { Obj } from './hooks-util.ts';
import { clusterMembers } from './cluster-member.ts';
import { tokens } from './token.ts';

export interface UserHookDeps {
  memberships: Memberships;
}

/**
 * Removes `spec.password` (a secret field: the API strips it from the annotation too) and returns
 * its hash; `prevHash` is kept when the password is unchanged, so re-applying a manifest that
 * carries it (kubectl sends it on every apply) writes nothing.
 */
async function takePassword(obj: Obj, prevHash?: unknown): Promise<string | undefined> {
  const spec = section(obj, 'spec');
  const password = spec.password;
  delete spec.password;
  if (typeof password !== 'string') return undefined;
  if (typeof prevHash === 'string' && (await verifySecret(password, prevHash))) return prevHash;
  return hashSecret(password);
}

export function userHooks(deps: UserHookDeps): KindHooks {
  return {
    async beforeCreate(obj) {
      const hash = await takePassword(obj);
      obj.status = hash === undefined ? {} : { passwordHash: hash };
    },

    async beforeUpdate(next, prev, ctx) {
      const prevStatus = (prev.status ?? {}) as Obj;
      const hash = await takePassword(next, prevStatus.passwordHash);
      next.status = hash === undefined ? { ...prevStatus } : { ...prevStatus, passwordHash: hash };
      const { name } = metaOf(prev);
      const spec = (next.spec ?? {}) as { admin?: boolean; disabled?: boolean };
      if (name === ctx.user.name && (spec.admin !== true || spec.disabled === true) && ctx.user.admin) {
        throw forbidden('an administrator cannot remove its own admin rights or disable itself');
      }
    },

    async beforeDelete(obj, ctx) {
      const { name } = metaOf(obj);
      if (name === ctx.user.name) throw forbidden('a user cannot delete itself');
      if (ctx.dryRun) return;
      await ctx.store.transaction(async (tx) => {
        const userTokens = tokens.client(tx);
        for (const t of await userTokens.list()) if (t.spec?.user === name) await userTokens.delete('', t.metadata.name);
        const members = clusterMembers.client(tx);
        for (const m of await members.list()) if (m.spec.user === name) await members.delete(m.metadata.namespace ?? '', m.metadata.name);
      });
      deps.memberships.invalidate();
    },

    present(obj) {
      const out: Obj = { ...obj };
      if (out.status !== null && typeof out.status === 'object') {
        const status = { ...(out.status as Obj) };
        delete status.passwordHash;
        out.status = status;
      }
      if (out.spec !== null && typeof out.spec === 'object') {
        const spec = { ...(out.spec as Obj) };
        delete spec.password;
        out.spec = spec;
      }
      return out;
    },
  };
}
