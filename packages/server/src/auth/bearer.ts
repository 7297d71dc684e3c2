/**
 * Bearer token formats. A token names the object that holds its hash, so authentication is one
 * store read, never a scan:
 *  - user tokens (Token kind, cluster-scoped):     `drover_<tokenName>_<secret>`
 *  - registration tokens (namespaced by cluster):  `droverreg_<cluster>_<tokenName>_<secret>`
 *  - node credentials (one per Node, its agent's):  `drovernode_<cluster>_<node>_<secret>`
 * Kubernetes names never contain `_`; the secret is base64url and may.
 */

import { parseRegistrationToken, REGISTRATION_TOKEN_PREFIX } from '@drover/protocol';

export { formatRegistrationToken, parseRegistrationToken } from '@drover/protocol';

const USER_PREFIX = 'drover_';
const NODE_PREFIX = 'drovernode_';
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function formatUserToken(tokenName: string, secret: string): string {
  return `${USER_PREFIX}${tokenName}_${secret}`;
}

/** `{name, secret}` of a user token, or undefined when `token` is not one. */
export function parseUserToken(token: string): { name: string; secret: string } | undefined {
  if (!token.startsWith(USER_PREFIX)) return undefined;
  const rest = token.slice(USER_PREFIX.length);
  const sep = rest.indexOf('_');
  if (sep <= 0) return undefined;
  const name = rest.slice(0, sep);
  const secret = rest.slice(sep + 1);
  if (!NAME.test(name) || secret.length < 16) return undefined;
  return { name, secret };
}

export function formatNodeCredential(cluster: string, node: string, secret: string): string {
  return `${NODE_PREFIX}${cluster}_${node}_${secret}`;
}

/** `{cluster, node, secret}` of a node credential, or undefined when `credential` is not one. */
export function parseNodeCredential(credential: string): { cluster: string; node: string; secret: string } | undefined {
  if (!credential.startsWith(NODE_PREFIX)) return undefined;
  const parsed = parseRegistrationToken(REGISTRATION_TOKEN_PREFIX + credential.slice(NODE_PREFIX.length));
  return parsed === undefined ? undefined : { cluster: parsed.cluster, node: parsed.name, secret: parsed.secret };
}

/** The token of an `Authorization: Bearer <token>` header; undefined when absent or another scheme. */
export function bearerFromHeader(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/**
 * The WebSocket subprotocol that carries a bearer token where a client cannot set headers
 * (browsers): `base64url.bearer.authorization.k8s.io.<base64url(token)>`, as kube-apiserver reads it
 * (k8s.io/apiserver pkg/authentication/request/websocket/protocol.go).
 */
export const BEARER_SUBPROTOCOL_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** True when `protocol` (one entry of Sec-WebSocket-Protocol) is a bearer subprotocol. */
export function isBearerSubprotocol(protocol: string): boolean {
  return protocol.trim().toLowerCase().startsWith(BEARER_SUBPROTOCOL_PREFIX);
}

/**
 * The token of the bearer subprotocol in a `Sec-WebSocket-Protocol` header: undefined when there
 * is none; `''` when it is malformed or given twice (the caller refuses it).
 */
export function bearerFromSubprotocols(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const found = (Array.isArray(header) ? header.join(',') : header).split(',').filter(isBearerSubprotocol);
  if (found.length === 0) return undefined;
  if (found.length > 1) return '';
  const encoded = found[0]!.trim().slice(BEARER_SUBPROTOCOL_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return '';
  const token = Buffer.from(encoded, 'base64url').toString('utf8');
  return /^\S+$/.test(token) ? token : '';
}
