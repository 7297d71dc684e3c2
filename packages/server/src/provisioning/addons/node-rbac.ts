/**
 * The one RBAC binding a cluster provisioned the RKE way needs before its kubelets start: the
 * nodes share one client certificate (kube-node: CN system:node, O system:nodes), and upstream's
 * bootstrap policy binds the `system:node` ClusterRole to nobody (the Node authorizer took over in
 * 1.8), so Drover binds it to the group, as RKE did. Applied with the other addons, after the
 * control plane is up and before the worker plane starts a kubelet.
 */
import type { KubeObject } from './types.ts';

export function nodeRbacObjects(): KubeObject[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'system:node', labels: { 'drover.dev/managed': 'true' } },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:node' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:nodes' }],
    },
  ];
}
