/**
 * What a Kubernetes API request asks for, from its method, path and query, as kube-apiserver's
 * RequestInfoFactory reads it (k8s.io/apiserver pkg/endpoints/request/requestinfo.go): the verb
 * (get/list/watch, create, update, patch, delete/deletecollection; the lower-cased method for
 * non-resource paths), API group and version, namespace, resource, name and subresource. The proxy
 * authorizes on it before anything reaches the cluster; the cluster authorizes again on its own.
 */

export interface RequestInfo {
  /** True for `/api/<v>/…` and `/apis/<g>/<v>/…` paths that name a resource. */
  isResourceRequest: boolean;
  /** Kubernetes verb; for non-resource paths the lower-cased HTTP method. */
  verb: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** The path as parsed (without the query). */
  path: string;
}

/** Subresources of a namespace object itself (`/api/v1/namespaces/<ns>/status`). */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const METHOD_VERBS: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

function truthy(v: string | null): boolean {
  return v !== null && ['1', 't', 'true'].includes(v.toLowerCase());
}

/** The request info of `method` on `pathAndQuery` (the path as the apiserver sees it, query included). */
export function parseRequestInfo(method: string, pathAndQuery: string): RequestInfo {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : pathAndQuery.slice(q + 1));
  const m = method.toUpperCase();
  const info: RequestInfo = { isResourceRequest: false, verb: m.toLowerCase(), apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', path };

  let parts = path.replace(/^\/+|\/+$/g, '').split('/').map(decodeSegment);
  // `/api`, `/api/v1`, `/apis`, `/apis/<g>`, `/apis/<g>/<v>` and anything else: non-resource.
  if (parts[0] === 'api' && parts.length >= 3) {
    info.apiVersion = parts[1] ?? '';
    parts = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    info.apiGroup = parts[1] ?? '';
    info.apiVersion = parts[2] ?? '';
    parts = parts.slice(3);
  } else {
    return info;
  }
  if (parts.length === 0) return info;
  info.isResourceRequest = true;

  // Deprecated `/api/v1/watch/…` paths.
  let watchPath = false;
  if (parts[0] === 'watch') {
    watchPath = true;
    parts = parts.slice(1);
  }
  if (parts[0] === 'namespaces' && parts.length > 1) {
    info.namespace = parts[1] ?? '';
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2] ?? '')) parts = parts.slice(2);
  }
  info.resource = parts[0] ?? '';
  info.name = parts[1] ?? '';
  info.subresource = parts[2] ?? '';

  if (watchPath) info.verb = 'watch';
  else if (m === 'GET' || m === 'HEAD') {
    info.verb = info.name === '' ? 'list' : 'get';
    if (info.verb === 'list' && truthy(query.get('watch'))) info.verb = 'watch';
  } else if (m === 'DELETE') info.verb = info.name === '' ? 'deletecollection' : 'delete';
  else info.verb = METHOD_VERBS[m] ?? m.toLowerCase();

  if (info.name === '' && (info.verb === 'list' || info.verb === 'watch')) {
    const selector = query.get('fieldSelector') ?? '';
    const match = /(?:^|,)metadata\.name==?([^,]*)/.exec(selector);
    if (match !== null) info.name = match[1] ?? '';
  }
  return info;
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Subresources that act on a workload although reached with GET (they count as writes). */
export const ACTING_SUBRESOURCES: ReadonlySet<string> = new Set(['exec', 'attach', 'portforward', 'proxy']);

/** Review kinds a caller posts about itself (`kubectl auth whoami`, `kubectl auth can-i`). */
export const SELF_REVIEWS: ReadonlySet<string> = new Set([
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
]);

/** True when the request only reads: GET/HEAD that is no exec/attach/port-forward/proxy, or a self review. */
export function isReadOnlyRequest(method: string, info: RequestInfo): boolean {
  const m = method.toUpperCase();
  if (m === 'POST' && info.isResourceRequest && info.namespace === '' && info.name === '' && SELF_REVIEWS.has(`${info.apiGroup}/${info.resource}`)) return true;
  if (m !== 'GET' && m !== 'HEAD') return false;
  if (!info.isResourceRequest) return true;
  return !ACTING_SUBRESOURCES.has(info.subresource) && info.resource !== 'proxy';
}

/**
 * False for paths the proxy refuses to forward: a `.` or `..` segment, or a segment that decodes
 * to one or to something with a `/` in it. The proxy authorizes on its own parse of the path; a
 * path the apiserver might normalize differently could otherwise turn a read into an exec.
 */
export function isPlainPath(pathAndQuery: string): boolean {
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  for (const raw of path.split('/')) {
    const seg = decodeSegment(raw);
    if (seg === '.' || seg === '..' || seg.includes('/') || seg.includes('\\')) return false;
  }
  return true;
}
