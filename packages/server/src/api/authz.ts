/**
 * Authentication check and authorization questions for the API: every verb is put to the
 * injected Authorizer, and a refusal is a 403 worded as kube-apiserver words it.
 */
import type { FastifyRequest } from 'fastify';
import type { Authorizer, RequestAttributes, RequestUser } from './contract.ts';
import { DroverError } from '../errors.ts';

/** The caller set by the authentication hook; 401 when absent or anonymous. */
export function requireUser(request: FastifyRequest): RequestUser {
  const user = (request as FastifyRequest & { user?: RequestUser | null }).user;
  if (user === undefined || user === null || user.via === 'anonymous') {
    throw new DroverError('DROVER_ERR_AUTH_UNAUTHENTICATED', 'Unauthorized');
  }
  return user;
}

/** `clusters.management.drover.dev "x" is forbidden: User "bob" cannot delete resource "clusters" in API group "…" at the cluster scope`. */
export function forbiddenMessage(user: RequestUser, attrs: RequestAttributes): string {
  const qualified = attrs.group === '' ? attrs.resource : `${attrs.resource}.${attrs.group}`;
  const subject = attrs.name === undefined || attrs.name === '' ? qualified : `${qualified} "${attrs.name}"`;
  const resource = attrs.subresource === undefined ? attrs.resource : `${attrs.resource}/${attrs.subresource}`;
  const scope = attrs.namespace === undefined ? 'at the cluster scope' : `in the namespace "${attrs.namespace}"`;
  return `${subject} is forbidden: User "${user.name}" cannot ${attrs.verb} resource "${resource}" in API group "${attrs.group}" ${scope}`;
}

/** Asks the authorizer; throws a Forbidden DroverError when refused. */
export async function authorize(authorizer: Authorizer, user: RequestUser, attrs: RequestAttributes): Promise<void> {
  if (await authorizer.allowed(user, attrs)) return;
  const details: { group: string; kind: string; name?: string } = { group: attrs.group, kind: attrs.resource };
  if (attrs.name !== undefined) details.name = attrs.name;
  throw new DroverError('DROVER_ERR_API_FORBIDDEN', forbiddenMessage(user, attrs), { details });
}
