/**
 * Kubernetes name syntax for what crosses between the agent and the server (node labels
 * and taints in the node command and the registration body). Both sides check with these,
 * so a label the agent accepts is one the server accepts.
 */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Name part of a qualified name: [A-Za-z0-9._-], at most 63, alphanumeric at both ends. */
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** A label (or taint) key: an optional DNS-subdomain prefix (≤ 253) and "/", then a qualified name. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  return (prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix))) && QUALIFIED_NAME.test(name);
}

/** A label (or taint) value: empty, or ≤ 63 of [A-Za-z0-9._-] with alphanumeric ends. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

/** A lowercase DNS subdomain (RFC 1123), at most 253 characters: node names, host names. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}
