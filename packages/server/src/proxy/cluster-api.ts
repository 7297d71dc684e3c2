/**
 * A cluster's apiserver called as Drover itself (CN drover, O system:masters; no impersonation),
 * for server parts such as the controller that keeps Drover's ClusterRoleBindings in each cluster:
 *
 *   const res = await ctx.clusterApi.request('prod', { method: 'GET', path: '/api/v1/namespaces' });
 *   const body = await res.body.json();
 *
 * Same transport, node choice and errors as the proxy (transport.ts). The caller consumes or
 * destroys `res.body`.
 */
import type { Dispatcher } from 'undici';
import type { ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import type { ClusterTransport } from './transport.ts';

export interface ClusterApiRequest {
  method?: Dispatcher.HttpMethod;
  /** Path and query as the apiserver serves them, e.g. `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings`. */
  path: string;
  headers?: Record<string, string>;
  /** A string or Buffer; objects are sent as JSON (content-type application/json unless given). */
  body?: string | Buffer | Record<string, unknown>;
  /** Bound on the whole exchange up to the response headers, ms (default 30 000). */
  timeoutMs?: number;
}

export interface ClusterApi {
  /**
   * @throws DroverError DROVER_ERR_CLUSTER_NOT_FOUND, DROVER_ERR_PROXY_NO_CONTROLPLANE,
   *   DROVER_ERR_PROXY_DIAL_FAILED, DROVER_ERR_PROXY_UPSTREAM_FAILED
   */
  request(cluster: string, req: ClusterApiRequest): Promise<Dispatcher.ResponseData>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createClusterApi(deps: { transport: ClusterTransport; clusterCerts: ClusterClientCerts }): ClusterApi {
  return {
    async request(cluster, req) {
      const cert = await deps.clusterCerts.clusterClientCert(cluster);
      const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
      let body: string | Buffer | null = null;
      if (req.body !== undefined) {
        if (typeof req.body === 'string' || Buffer.isBuffer(req.body)) body = req.body;
        else {
          body = JSON.stringify(req.body);
          headers['content-type'] ??= 'application/json';
        }
      }
      const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      return deps.transport.withNode(cluster, cert, (pool) =>
        pool.request({ method: req.method ?? 'GET', path: req.path, headers, body, headersTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) }),
      );
    },
  };
}
