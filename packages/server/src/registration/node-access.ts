/**
 * Cutting hosts off. A node's access is its node credential (traded for a registration token,
 * agents/node-credentials.ts) and its agent session (agents/sessions.ts). Deleting a Cluster
 * revokes every credential of the cluster and closes its sessions; deleting a Node does the
 * same for that node. The credential is revoked first, so a reconnecting agent hears
 * DROVER_ERR_NODE_CREDENTIAL_REVOKED rather than getting a new session.
 */
import type { NodeCredentials } from '../agents/node-credentials.ts';
import type { AgentSessions } from '../agents/sessions.ts';

export interface NodeAccess {
  /** Revokes every node credential of `cluster` and closes its agent sessions. */
  revokeClusterNodeAccess(cluster: string): Promise<void>;
  /** Revokes the node's credential and closes its agent session. */
  revokeNodeAccess(cluster: string, node: string): Promise<void>;
}

/** The NodeAccess of a server without agents (unit tests of the hooks). */
export const NO_NODE_ACCESS: NodeAccess = {
  async revokeClusterNodeAccess() {
    // No credentials or sessions.
  },
  async revokeNodeAccess() {
    // No credentials or sessions.
  },
};

export interface NodeAccessDeps {
  credentials: NodeCredentials;
  sessions: AgentSessions;
}

export function createNodeAccess(deps: NodeAccessDeps): NodeAccess {
  // Streams of a host that lost its access end now: no grace period.
  const close = { graceMs: 0, revoked: true };
  return {
    async revokeClusterNodeAccess(cluster) {
      await deps.credentials.revokeCluster(cluster, 'the cluster was deleted');
      void deps.sessions.closeCluster(cluster, 'node credential revoked: the cluster was deleted', close);
    },
    async revokeNodeAccess(cluster, node) {
      await deps.credentials.revoke(cluster, node, 'the node was deleted');
      void deps.sessions.closeNode(cluster, node, 'node credential revoked: the node was deleted', close);
    },
  };
}
