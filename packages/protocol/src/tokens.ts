/**
 * The registration token's format, shared by the server (which mints and checks it) and the
 * agent (which needs the cluster it names): `droverreg_<cluster>_<tokenName>_<secret>`.
 * Kubernetes names never contain `_`; the secret is base64url and may. See docs/agent-protocol.md.
 */
export const REGISTRATION_TOKEN_PREFIX = 'droverreg_';
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

export function formatRegistrationToken(cluster: string, tokenName: string, secret: string): string {
  return `${REGISTRATION_TOKEN_PREFIX}${cluster}_${tokenName}_${secret}`;
}

/** `{cluster, name, secret}` of a registration token, or undefined when `token` is not one. */
export function parseRegistrationToken(token: string): { cluster: string; name: string; secret: string } | undefined {
  if (!token.startsWith(REGISTRATION_TOKEN_PREFIX)) return undefined;
  const parts = token.slice(REGISTRATION_TOKEN_PREFIX.length).split('_');
  const [cluster, name] = parts;
  const secret = parts.slice(2).join('_');
  if (cluster === undefined || name === undefined || !NAME.test(cluster) || !NAME.test(name) || secret.length < 16) return undefined;
  return { cluster, name, secret };
}
