/**
 * The seam between the provisioning controller (which decides what a node must run next) and the
 * command channel (which tells that node's agent to do it). The controller only calls `apply`; the
 * implementation (agents/plan-apply.ts) reads the node's Plan, the certificate and key files it names
 * (cluster-pki/component-certs.ts readComponentCertificateFiles) and the registry credentials, and
 * sends ApplyPlan over the node's command channel. Keys travel as 0600 files in that request only:
 * never in a Plan, a container's env or args, or a log line.
 *
 * Convergence is read from the Node, not from an answer: the agent reports every managed container
 * (spec hash from its label, state, health) on `Node.status.containers`, and again after it restarts,
 * so the controller never assumes a request took effect.
 */

/** Health of a managed container as the agent's in-process check saw it last. */
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | 'unknown';

/** One managed container as it is on the host (from an ApplyPlan result or a status report). */
export interface ContainerReport {
  name: string;
  /** Full Docker id. */
  id: string;
  image: string;
  /** Docker's state: created, running, restarting, exited, ... */
  state: string;
  /** The drover.dev/spec-hash label it was created with. */
  specHash: string;
  health: ContainerHealth;
  /** Why it is unhealthy, for people. */
  message?: string;
}

export interface ApplyOptions {
  /** Apply only these containers of the Plan (by name), with the files they read; absent: all. */
  containers?: readonly string[];
  /** Remove managed containers that the Plan does not name (only with the whole Plan). */
  prune?: boolean;
  /** Wait until each applied container's health check passes (bounded by `healthTimeoutMs`). */
  waitHealthy?: boolean;
  healthTimeoutMs?: number;
  signal?: AbortSignal;
  /** Progress events from the agent ("pulling …", layer counts). */
  onProgress?: (message: string, done: number, total: number) => void;
}

export interface ApplyResult {
  /** The Plan hash that was applied. */
  planHash: string;
  created: string[];
  /** Replaced because their spec hash changed. */
  replaced: string[];
  removed: string[];
  /** Left as they were (same spec hash, running). */
  unchanged: string[];
  /** Paths written (content differed or was missing). */
  filesWritten: string[];
  containers: ContainerReport[];
}

/** A failure that names the node, the container and the last lines of its log. */
export interface ApplyFailureDetail {
  node: string;
  container?: string;
  /** Up to 20 last log lines of that container. */
  logTail?: string[];
}

export interface PlanApplier {
  /**
   * Applies (part of) the stored Plan of `cluster`/`node` on that node. Rejects with a DroverError
   * (DROVER_ERR_NODE_CHANNEL_* when the node cannot be reached, DROVER_ERR_PLAN_APPLY_FAILED with an
   * `ApplyFailureDetail` in `details` when the agent failed a pull, create or health check).
   */
  apply(cluster: string, node: string, options?: ApplyOptions): Promise<ApplyResult>;
}
