/**
 * ClusterMember `status.state` (issue 9, finding 8): Bound while the User it was granted to
 * (`status.userUid`) exists, Dangling once that User is gone or its name belongs to a User created
 * again (auth/member-binding.ts). Display only: roles already follow the uid (auth/memberships.ts),
 * so a member grants nothing the moment its User is gone, whatever this shows. Keyed by user name:
 * a User's changes and its members' changes both reconcile every member naming that user.
 */
import type { Store } from '@drover/store';
import { memberBinding } from '../auth/member-binding.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { defineController } from './define-controller.ts';
import type { ControllerDefinition } from './define-controller.ts';
import { getObject, updateIfChanged } from './object-ops.ts';

const userOf = (obj: { spec?: unknown }): string | undefined => {
  const user = (obj.spec as { user?: unknown } | undefined)?.user;
  return typeof user === 'string' && user !== '' ? user : undefined;
};

export function clusterMemberBindingController(store: Store): ControllerDefinition {
  return defineController({
    name: 'cluster-member-binding',
    for: RESOURCES.users,
    watches: [{ resource: RESOURCES.clustermembers, map: (member) => userOf(member) }],
    concurrency: 2,
    async reconcile(req) {
      const user = await getObject(store, RESOURCES.users, req);
      const { items } = await store.list(RESOURCES.clustermembers);
      for (const member of items) {
        if (userOf(member) !== req.name || member.metadata.deletionTimestamp !== undefined) continue;
        const status = { ...memberBinding(member, user) };
        // A Conflict (the member changed since the list) retries the key with a fresh read.
        await updateIfChanged(store, RESOURCES.clustermembers, member, { ...member, status });
      }
    },
  });
}
