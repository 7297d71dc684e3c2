/**
 * What a RegistrationToken allows, enforced by the server (issue 9 #2): the agent's flags are a
 * request, the token's spec is the limit. The Node spec of a registration is computed here:
 *
 *   roles     the request's roles must be a subset of the token's (all three when it names none);
 *             fewer is fine, none means the token's
 *   nodeName  when the token names one, it is the only name it registers
 *   labels    the token's are always applied; the request may add others, never change one
 *   taints    the token's are always applied; the request may add others, never give another
 *             value to a token taint's key and effect
 *   address   the request's, else the token's (an address is a fact of the host, not a grant)
 *
 * A request beyond the limit is refused (DROVER_ERR_REGISTRATION_NOT_ALLOWED, 403) with a message
 * naming what the token allows, rather than silently narrowed: the operator sees why.
 */
import { DroverError } from '../errors.ts';
import type { RegistrationBody } from './agent-info.ts';

export const ALL_ROLES = ['etcd', 'controlplane', 'worker'] as const;

type Obj = Record<string, unknown>;
interface Taint {
  key: string;
  value?: string;
  effect: string;
}

/** The token-side fields this module reads (RegistrationToken `spec`). */
export interface TokenLimits {
  roles?: string[];
  nodeName?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  address?: string;
  internalAddress?: string;
}

const showTaint = (t: Taint): string => `${t.key}${t.value === undefined || t.value === '' ? '' : `=${t.value}`}:${t.effect}`;

/**
 * The Node spec for `body` under the token's limits.
 * @throws DroverError DROVER_ERR_REGISTRATION_NOT_ALLOWED when the request exceeds them
 */
export function limitedNodeSpec(body: RegistrationBody, tokenName: string, token: TokenLimits): Obj {
  const notAllowed = (what: string): DroverError => new DroverError('DROVER_ERR_REGISTRATION_NOT_ALLOWED', `registration token "${tokenName}" ${what}`);

  if (token.nodeName !== undefined && token.nodeName !== '' && body.nodeName !== token.nodeName) {
    throw notAllowed(`registers only the node "${token.nodeName}", not "${body.nodeName}"`);
  }

  const allowed: readonly string[] = Array.isArray(token.roles) && token.roles.length > 0 ? token.roles : ALL_ROLES;
  const requested = body.roles !== undefined && body.roles.length > 0 ? [...new Set(body.roles)] : [...allowed];
  const beyond = requested.filter((r) => !allowed.includes(r));
  if (beyond.length > 0) throw notAllowed(`allows the roles ${allowed.join(', ')}; the request asked also for ${beyond.join(', ')}`);

  const labels: Record<string, string> = { ...body.labels };
  for (const [k, v] of Object.entries(token.labels ?? {})) {
    if (labels[k] !== undefined && labels[k] !== v) throw notAllowed(`sets the label ${k}=${v}; the request may not set ${k}=${labels[k]}`);
    labels[k] = v;
  }

  const tokenTaints = token.taints ?? [];
  const taints: Taint[] = [...tokenTaints];
  for (const t of body.taints ?? []) {
    const same = tokenTaints.find((x) => x.key === t.key && x.effect === t.effect);
    if (same === undefined) taints.push(t);
    else if ((same.value ?? '') !== (t.value ?? '')) throw notAllowed(`sets the taint ${showTaint(same)}; the request may not set ${showTaint(t)}`);
  }

  const spec: Obj = { roles: requested };
  const address = body.address ?? token.address;
  const internalAddress = body.internalAddress ?? token.internalAddress;
  if (address !== undefined && address !== '') spec.address = address;
  if (internalAddress !== undefined && internalAddress !== '') spec.internalAddress = internalAddress;
  if (Object.keys(labels).length > 0) spec.labels = labels;
  if (taints.length > 0) spec.taints = taints;
  return spec;
}
