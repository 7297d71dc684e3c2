/**
 * Image references and the one private-registry rule (docs/adr/0018).
 *
 * The version table names every image fully qualified: `<registry host>/<repository path>[:tag][@digest]`.
 * With a default private registry, every image is rewritten by **keeping the repository path and
 * replacing the registry host** (the registry may carry a path prefix, which goes in front of the
 * repository path):
 *
 * ```
 * rewriteImage('registry.k8s.io/kube-apiserver:v1.32.6', 'reg.local:5000')       // reg.local:5000/kube-apiserver:v1.32.6
 * rewriteImage('docker.io/rancher/hyperkube:v1.32.6-rancher1', 'reg.local/mirror') // reg.local/mirror/rancher/hyperkube:v1.32.6-rancher1
 * ```
 *
 * `drover images mirror` pushes under the same rule, so a mirror and a Cluster agree by
 * construction. Two images of the table whose repository paths are equal would collide in the
 * mirror; the table's loader refuses that (versions.ts).
 */

export interface ImageRef {
  /** Registry host, with port when given (`registry.k8s.io`, `reg.local:5000`). */
  registry: string;
  /** Repository path under the host (`kube-apiserver`, `rancher/hyperkube`). */
  repository: string;
  tag?: string;
  /** `sha256:<hex>` when pinned. */
  digest?: string;
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]{1,5})?$|^\[[0-9a-fA-F:]+\](?::[0-9]{1,5})?$/;

/** True when the first path element names a registry host (has a dot or a port, or is localhost). */
function looksLikeHost(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/** Parses a fully qualified reference; throws an Error naming the problem otherwise. */
export function parseImageRef(ref: string): ImageRef {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`image ${JSON.stringify(ref)}: digest must be sha256:<64 hex>`);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  if (slash < 0 || !looksLikeHost(first) || !HOST.test(first)) {
    throw new Error(`image ${JSON.stringify(ref)} must be fully qualified: <registry host>/<repository>[:tag][@digest]`);
  }
  let path = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon >= 0) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`image ${JSON.stringify(ref)}: invalid tag ${JSON.stringify(tag)}`);
  }
  if (path === '' || !path.split('/').every((c) => COMPONENT.test(c))) throw new Error(`image ${JSON.stringify(ref)}: invalid repository path ${JSON.stringify(path)}`);
  if (tag === undefined && digest === undefined) throw new Error(`image ${JSON.stringify(ref)} needs a tag or a digest`);
  const out: ImageRef = { registry: first, repository: path };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

export function formatImageRef(r: ImageRef): string {
  return `${r.registry}/${r.repository}${r.tag === undefined ? '' : `:${r.tag}`}${r.digest === undefined ? '' : `@${r.digest}`}`;
}

/**
 * `registry` as a Cluster names it (`host[:port][/prefix]`, a scheme and trailing slashes are
 * tolerated) split into host and path prefix.
 */
export function parseRegistry(registry: string): { host: string; prefix: string } {
  const bare = registry.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  const slash = bare.indexOf('/');
  const host = slash < 0 ? bare : bare.slice(0, slash);
  const prefix = slash < 0 ? '' : bare.slice(slash + 1);
  if (!HOST.test(host)) throw new Error(`registry ${JSON.stringify(registry)}: invalid host ${JSON.stringify(host)}`);
  if (prefix !== '' && !prefix.split('/').every((c) => COMPONENT.test(c))) throw new Error(`registry ${JSON.stringify(registry)}: invalid path prefix ${JSON.stringify(prefix)}`);
  return { host, prefix };
}

/**
 * The one rewrite rule: keep the repository path (and tag/digest), replace the registry host with
 * `registry`'s host and put its path prefix, if any, in front. `registry` undefined or empty: the
 * image unchanged.
 */
export function rewriteImage(image: string, registry: string | undefined): string {
  if (registry === undefined || registry.trim() === '') return image;
  const ref = parseImageRef(image);
  const { host, prefix } = parseRegistry(registry);
  return formatImageRef({ ...ref, registry: host, repository: prefix === '' ? ref.repository : `${prefix}/${ref.repository}` });
}
