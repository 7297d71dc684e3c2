/**
 * The proxy's transport to a cluster's kube-apiserver: one undici Pool per cluster and node, whose
 * `connect` opens a tunnel stream to the apiserver on that node's host (`dialNode`, bounded by
 * `dialTimeoutMs`) and runs TLS over it with Drover's client certificate for the cluster, verifying
 * the apiserver against the cluster CA. A pool is replaced when the cluster's certificate changes
 * (new CA, renewal) and dropped when the cluster goes.
 *
 * Node choice: the cluster's Nodes with role `controlplane` that have a live agent session, the
 * node that answered last first. The names come from a cache a store watch keeps current
 * (`startCache`; watched-cache.ts), so a request costs no store read; a refusal (none connected)
 * is decided on a fresh read. A pool's next connection resumes the TLS session of its last one. A request whose connection could not be made (dial or TLS
 * failed: nothing was sent) goes to the next node; none with a session is 503, every dial failed
 * is 502 naming each node. A request still without an answer after `suspectAfterMs` probes its
 * node's session, so a dead link under a kept-alive connection fails fast too.
 */
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Store } from '@drover/store';
import { formatTarget, tcpTarget } from '@drover/tunnel';
import type { Target } from '@drover/tunnel';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { AgentSessions } from '../agents/sessions.ts';
import type { ClusterClientCert, ClusterClientCerts } from '../cluster-pki/client-certs.ts';
import { DroverError, isDroverError } from '../errors.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { createWatchedCache } from '../watched-cache.ts';

/** Bounds of the transport (milliseconds). */
export const TRANSPORT_DEFAULTS = Object.freeze({
  /** Tunnel stream open plus TLS handshake, per node: a dead link fails fast instead of waiting for the dead-peer timeout. */
  dialTimeoutMs: 2000,
  /** Idle keep-alive connections to an apiserver are closed after this. */
  keepAliveTimeoutMs: 30_000,
  /**
   * A request without response headers after this long probes its node's session (one ping): a
   * link that died under a pooled connection then fails the request in about this plus
   * `probeTimeoutMs`, instead of waiting for the dead-peer timeout.
   */
  suspectAfterMs: 1000,
  /** How long the probe waits for the pong before the session is declared dead and destroyed. */
  probeTimeoutMs: 1000,
});

/** The name the apiserver's serving certificate is verified for (RKE and kubeadm certificates carry it). */
export const APISERVER_SERVER_NAME = 'kubernetes';

/** Where the apiserver listens as seen from a control-plane host. */
export type ApiserverTarget = Target | ((cluster: string, node: string) => Target);

export interface ClusterTransportOptions {
  store: Store;
  agents: AgentSessions;
  clusterCerts: ClusterClientCerts;
  /** Default tcpTarget('127.0.0.1', 6443); tests pass the stand-in's port. */
  target?: ApiserverTarget;
  dialTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** TLS server name to verify (default {@link APISERVER_SERVER_NAME}). */
  serverName?: string;
  suspectAfterMs?: number;
  probeTimeoutMs?: number;
  /** Failures of the node cache's watch (it restarts by itself). */
  onError?: (err: unknown) => void;
}

/** A connection to `node` could not be made; nothing was sent on it. */
class DialFailure extends Error {
  readonly node: string;
  constructor(node: string, message: string, cause: unknown) {
    super(message, { cause });
    this.node = node;
  }
}

/** One attempt on one node's pool. */
export type Attempt<T> = (pool: Dispatcher, node: string) => Promise<T>;

export interface ClusterTransport {
  /**
   * Runs `attempt` on the pool of each candidate node in turn until one does not fail to connect.
   * `attempt` must settle when the response headers (or the 101) arrive.
   * `cert` comes from the caller (it checked the cluster exists).
   * @throws DroverError DROVER_ERR_PROXY_NO_CONTROLPLANE, DROVER_ERR_PROXY_DIAL_FAILED; any other
   *   error of `attempt` as it is.
   */
  withNode<T>(cluster: string, cert: ClusterClientCert, attempt: Attempt<T>): Promise<T>;
  /** Drops the pools of `cluster` (it is gone), aborting their requests. */
  forget(cluster: string): void;
  /** Starts the watch that keeps the clusters' control-plane node names cached (without it, every request lists them). */
  startCache(): Promise<void>;
  /** Stops that watch (close and destroy stop it too). */
  stopCache(): void;
  /** Closes every pool, waiting for running requests. */
  close(): Promise<void>;
  /** Destroys every pool now. */
  destroy(): Promise<void>;
}

/** The TLS session a pool's next connection resumes (set from each connection's `session` event). */
interface TlsResumption {
  session?: Buffer;
}

interface PoolEntry {
  pool: Pool;
  certPem: string;
}

/** An error after the request went out: kept when already coded or an abort, else a 502 naming the node. */
function upstreamFailure(cluster: string, node: string, err: unknown): unknown {
  if (isDroverError(err) || (err as Error | null)?.name === 'AbortError') return err;
  return new DroverError('DROVER_ERR_PROXY_UPSTREAM_FAILED', `the apiserver of cluster "${cluster}" on node "${node}" failed: ${(err as Error).message}`, { cause: err });
}

export function createClusterTransport(o: ClusterTransportOptions): ClusterTransport {
  const dialTimeoutMs = o.dialTimeoutMs ?? TRANSPORT_DEFAULTS.dialTimeoutMs;
  const serverName = o.serverName ?? APISERVER_SERVER_NAME;
  const targetOf = (cluster: string, node: string): Target => {
    const t = o.target ?? tcpTarget('127.0.0.1', 6443);
    return typeof t === 'function' ? t(cluster, node) : t;
  };
  const pools = new Map<string, PoolEntry>();
  const suspectAfterMs = o.suspectAfterMs ?? TRANSPORT_DEFAULTS.suspectAfterMs;
  const probeTimeoutMs = o.probeTimeoutMs ?? TRANSPORT_DEFAULTS.probeTimeoutMs;
  /** Probes running, per node: slow requests to one node share one ping. */
  const probing = new Set<string>();
  /** The node that last connected, per cluster: tried first so its keep-alive connections are reused. */
  const preferred = new Map<string, string>();
  const keyOf = (cluster: string, node: string): string => `${cluster}\u0000${node}`;

  function dial(cluster: string, node: string, cert: ClusterClientCert, resume: TlsResumption, callback: (err: Error | null, socket: Duplex | null) => void): void {
    const target = targetOf(cluster, node);
    const started = Date.now();
    o.agents.dialNode(cluster, node, target, { timeoutMs: dialTimeoutMs }).then(
      (stream) => {
        // The pool's last session ticket: a new connection resumes instead of a full handshake (same certificate and CA: one pool per certificate).
        const socket = tlsConnect({ socket: stream, ca: cert.caPem, cert: cert.certPem, key: cert.keyPem, servername: serverName, ALPNProtocols: ['http/1.1'], ...(resume.session === undefined ? {} : { session: resume.session }) });
        socket.on('session', (session: Buffer) => (resume.session = session));
        const left = Math.max(1, dialTimeoutMs - (Date.now() - started));
        const timer = setTimeout(() => fail(new Error(`TLS handshake not done in ${dialTimeoutMs} ms`)), left);
        function fail(err: Error): void {
          clearTimeout(timer);
          resume.session = undefined;
          socket.off('secureConnect', ok);
          socket.destroy();
          stream.destroy();
          callback(new DialFailure(node, `node "${node}": TLS to the apiserver at ${formatTarget(target)} failed: ${err.message}`, err), null);
        }
        function ok(): void {
          clearTimeout(timer);
          socket.off('error', fail);
          callback(null, socket);
        }
        socket.once('secureConnect', ok);
        socket.once('error', fail);
      },
      (err: unknown) => {
        const reason = isDroverError(err) ? err.message : (err as Error).message;
        callback(new DialFailure(node, reason, err), null);
      },
    );
  }

  function poolFor(cluster: string, node: string, cert: ClusterClientCert): Pool {
    const key = keyOf(cluster, node);
    const held = pools.get(key);
    if (held !== undefined && held.certPem === cert.certPem) return held.pool;
    // A new CA or a renewed certificate: new connections use it; running requests finish on the old pool.
    if (held !== undefined) void held.pool.close().catch(() => undefined);
    const resume: TlsResumption = {};
    const pool = new Pool(`https://${serverName}`, {
      connect: (_opts, cb) => dial(cluster, node, cert, resume, cb as (err: Error | null, socket: Duplex | null) => void),
      keepAliveTimeout: o.keepAliveTimeoutMs ?? TRANSPORT_DEFAULTS.keepAliveTimeoutMs,
    });
    pools.set(key, { pool, certPem: cert.certPem });
    return pool;
  }

  /** Pings the node's session once; if it does not answer, AgentSessions destroys it, which fails its streams. */
  function probe(cluster: string, node: string): void {
    const key = keyOf(cluster, node);
    if (probing.has(key)) return;
    probing.add(key);
    void o.agents
      .probe(cluster, node, probeTimeoutMs)
      .catch(() => undefined)
      .finally(() => probing.delete(key));
  }

  /** The names of the cluster's control-plane Nodes, sorted. */
  async function loadControlPlane(cluster: string): Promise<string[]> {
    const { items } = await o.store.list(RESOURCES.nodes, { namespace: cluster });
    return items
      .filter((n) => ((n.spec as { roles?: string[] } | undefined)?.roles ?? []).includes('controlplane'))
      .map((n) => n.metadata.name)
      .sort();
  }
  /** Control-plane node names per cluster, dropped on any change to the cluster's Nodes. */
  const controlPlaneNodes = createWatchedCache<string[]>(o.store, RESOURCES.nodes, (n) => n.metadata.namespace ?? '', { maxEntries: 1000, ...(o.onError === undefined ? {} : { onError: o.onError }) });

  async function candidates(cluster: string): Promise<string[]> {
    let controlPlane = (await controlPlaneNodes.get(cluster, () => loadControlPlane(cluster))) ?? [];
    const isLive = (n: string): boolean => o.agents.session(cluster, n) !== undefined;
    // A refusal is always decided on a fresh read (a node registered a moment ago).
    if (!controlPlane.some(isLive)) controlPlane = await loadControlPlane(cluster);
    if (controlPlane.length === 0) throw new DroverError('DROVER_ERR_PROXY_NO_CONTROLPLANE', `cluster "${cluster}" has no control-plane node`);
    const live = controlPlane.filter(isLive);
    if (live.length === 0) {
      // No Retry-After: client-go would retry for minutes; kubectl should say why now.
      throw new DroverError('DROVER_ERR_PROXY_NO_CONTROLPLANE', `no control-plane node of cluster "${cluster}" is connected (${controlPlane.join(', ')} without an agent session)`);
    }
    const first = preferred.get(cluster);
    return first !== undefined && live.includes(first) ? [first, ...live.filter((n) => n !== first)] : live;
  }

  return {
    async withNode(cluster, cert, attempt) {
      const nodes = await candidates(cluster);
      const failures: DialFailure[] = [];
      for (const node of nodes) {
        // `attempt` settles with the response headers (or the 101): until then the link is suspect.
        const suspect = setTimeout(() => probe(cluster, node), suspectAfterMs);
        try {
          const result = await attempt(poolFor(cluster, node, cert), node);
          preferred.set(cluster, node);
          return result;
        } catch (err) {
          if (!(err instanceof DialFailure)) throw upstreamFailure(cluster, node, err);
          failures.push(err);
        } finally {
          clearTimeout(suspect);
        }
      }
      throw new DroverError('DROVER_ERR_PROXY_DIAL_FAILED', `cannot reach the apiserver of cluster "${cluster}": ${failures.map((f) => f.message).join('; ')}`, { cause: failures[0] });
    },
    forget(cluster) {
      preferred.delete(cluster);
      for (const [key, entry] of pools) {
        if (key.startsWith(`${cluster}\u0000`)) {
          pools.delete(key);
          void entry.pool.destroy().catch(() => undefined);
        }
      }
    },
    startCache: () => controlPlaneNodes.start(),
    stopCache: () => controlPlaneNodes.close(),
    async close() {
      controlPlaneNodes.close();
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((e) => e.pool.close().catch(() => undefined)));
    },
    async destroy() {
      controlPlaneNodes.close();
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((e) => e.pool.destroy().catch(() => undefined)));
    },
  };
}
