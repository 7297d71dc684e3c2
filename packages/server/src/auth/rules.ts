/** SelfSubjectRulesReview rules: the authorizer's matrix written as Kubernetes resource rules. */
import type { RequestUser } from '../api/contract.ts';
import { GROUP } from '../kinds/resources.ts';
import type { ClusterRole } from './memberships.ts';
import { roleAtLeast } from './memberships.ts';

export interface ResourceRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'];

/** The rules `user` has in `namespace` (a cluster name) given its role there. */
export function rulesFor(user: RequestUser, namespace: string | undefined, role: ClusterRole | undefined): ResourceRule[] {
  if (user.admin) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
  if (user.via === 'anonymous') return [];
  const g = [GROUP];
  const rules: ResourceRule[] = [
    { verbs: ['create', 'list', 'watch'], apiGroups: g, resources: ['clusters'] },
    { verbs: ['list', 'watch', 'create'], apiGroups: g, resources: ['tokens'] },
    { verbs: ['get', 'list', 'watch'], apiGroups: g, resources: ['users'], resourceNames: [user.name] },
  ];
  if (namespace === undefined || role === undefined) return rules;
  rules.push({ verbs: READ, apiGroups: g, resources: ['clusters'], resourceNames: [namespace] });
  rules.push({ verbs: READ, apiGroups: g, resources: ['nodes', 'registrationtokens', 'clustermembers', 'events'] });
  if (roleAtLeast(role, 'member')) rules.push({ verbs: WRITE, apiGroups: g, resources: ['nodes', 'registrationtokens'] });
  if (roleAtLeast(role, 'owner')) {
    rules.push({ verbs: WRITE, apiGroups: g, resources: ['clustermembers'] });
    rules.push({ verbs: ['update', 'patch', 'delete'], apiGroups: g, resources: ['clusters'], resourceNames: [namespace] });
  }
  return rules;
}
