/**
 * One-time start-up migration for stores written before secret fields were stripped (issue 9):
 * every stored version of every kind with `secretFields` — current objects, the history in the
 * store's log and tombstones — is rewritten in place without them (annotation and managedFields
 * included); plain Cluster registry passwords are sealed first so they keep working. Then the
 * backend reclaims the space, so the old bytes leave the database files. A marker record
 * (`internal.drover.dev/migrations`, never served) makes later starts skip it. Runs before the
 * server serves: the rewrite emits no watch events.
 */
import type { Store } from '@drover/store';
import { stripSecretFields } from '../api/secret-fields.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { KindDefinition } from './kind-definition.ts';
import { sealPlainRegistryPasswords } from './registry-passwords.ts';

/** Store key of the migration markers. */
export const MIGRATIONS = 'internal.drover.dev/migrations';
const MARKER = 'secret-fields-v1';

export interface MigrationResult {
  /** False when an earlier start already did it. */
  ran: boolean;
  /** Stored versions rewritten, per store resource. */
  rewritten: Record<string, number>;
}

export async function migrateSecretFields(store: Store, kinds: readonly KindDefinition[], box: SecretBox): Promise<MigrationResult> {
  if ((await store.tryGet(MIGRATIONS, '', MARKER)) !== undefined) return { ran: false, rewritten: {} };
  const rewritten: Record<string, number> = {};
  for (const def of kinds) {
    if (def.secretFields.length === 0) continue;
    const resource = `${def.group}/${def.plural}`;
    rewritten[resource] = await store.rewriteHistory(resource, (obj) => {
      const copy = structuredClone(obj);
      const sealed = def.kind === 'Cluster' && sealPlainRegistryPasswords(copy, box);
      return stripSecretFields(copy, def.secretFields) || sealed ? copy : undefined;
    });
  }
  // Always: versions deleted by compaction may still hold secrets in free pages.
  await store.reclaimSpace();
  await store.create(MIGRATIONS, { apiVersion: 'internal.drover.dev/v1', kind: 'Migration', metadata: { name: MARKER }, spec: { rewritten } });
  return { ran: true, rewritten };
}
