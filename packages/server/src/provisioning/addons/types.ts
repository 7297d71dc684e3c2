/**
 * What the addon builders (coredns.ts, flannel.ts) take and give: the few cluster facts they need
 * (from effectiveClusterSpec) with the images already rewritten to the default registry, and plain
 * Kubernetes objects, server-side-applied by the provision controller.
 */

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export interface AddonInput {
  clusterDomain: string;
  /** The `kube-dns` Service IP (the kubelets' --cluster-dns). */
  clusterDnsServer: string;
  /** Pod network (flannel's Network). */
  clusterCidr: string;
  networkPlugin: 'flannel' | 'none';
  images: { coredns: string; flannel: string; flannelCniPlugin: string };
}
