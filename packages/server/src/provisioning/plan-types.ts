/**
 * What a node must run: the Plan of one node, computed by the server (plan.ts) and applied by the
 * agent (a later slice). A Plan holds no secret: private keys and certificates appear as a path, a
 * mode and the SHA-256 of their content, never the content (RKE's keys showed in `docker inspect`;
 * Drover's travel as 0600 files over the command channel). Only non-secret rendered files
 * (component kubeconfigs, which name certificate paths) carry their content.
 */

export type NodeRole = 'etcd' | 'controlplane' | 'worker';

/** How the agent decides a container is healthy (in-process: the agent's image has no shell). */
export type HealthCheck =
  | {
      type: 'https';
      url: string;
      /** Present this client certificate (paths on the host). */
      clientCert?: { certFile: string; keyFile: string };
      /** Verify the server against this CA file; absent: the server's certificate is not verified (self-signed component serving certs, as RKE probes them). */
      caFile?: string;
    }
  | { type: 'http'; url: string }
  | { type: 'tcp'; address: string }
  | { type: 'unix'; path: string };

export interface PlanContainer {
  /** Container name on the host (RKE's names: etcd, kube-apiserver, kubelet, ...). */
  name: string;
  image: string;
  entrypoint: string[];
  /** `--flag=value`, sorted by flag name. */
  args: string[];
  /** `NAME=value`; never a secret. */
  env: string[];
  /** `host:container[:options]`. */
  binds: string[];
  networkMode: 'host';
  pidMode: 'host' | '';
  privileged: boolean;
  restartPolicy: 'always';
  /** drover.dev/managed, drover.dev/component, drover.dev/spec-hash (never drover.dev/agent). */
  labels: Record<string, string>;
  healthCheck: HealthCheck;
  /** SHA-256 of everything above but the labels, plus the digests of the files it reads: the agent replaces the container only when this changes. */
  specHash: string;
}

export interface PlanFile {
  /** Absolute path on the host, under /etc/kubernetes/ssl. */
  path: string;
  /** Octal: "0600" for private keys, "0644" otherwise. */
  mode: '0600' | '0644';
  kind: 'certificate' | 'private-key' | 'kubeconfig';
  /** Hex SHA-256 of the file's content. */
  sha256: string;
  /** Only for kubeconfigs (no secret in them); certificates and keys are delivered separately. */
  content?: string;
}

export interface NodePlan {
  node: string;
  roles: NodeRole[];
  kubernetesVersion: string;
  containers: PlanContainer[];
  files: PlanFile[];
  /** SHA-256 over containers and files: equal hashes, nothing to do. */
  hash: string;
}

/** A node as a plan needs it. */
export interface PlanNode {
  /** The Drover Node's name; also the Kubernetes node name (--hostname-override). */
  name: string;
  roles: NodeRole[];
  /** Address other nodes and users reach it at. */
  address: string;
  /** Address for cluster traffic (etcd peers, apiserver advertise, kubelet node-ip). */
  internalAddress: string;
  /** Docker's cgroup driver when the agent reported it (the kubelet must match it). */
  cgroupDriver?: string;
}

/**
 * Who is in a cluster's etcd, as the provision controller recorded it (Cluster.status.etcd): the
 * members in the order they joined, the first `bootstrapped` of them having formed the cluster
 * together (initial-cluster-state new). A member added later joined an existing cluster (member
 * add, then initial-cluster-state existing). Absent until etcd is first started.
 */
export interface EtcdMembership {
  members: string[];
  bootstrapped: number;
}
