/**
 * Cutting a deleted cluster's hosts off. Node credentials (traded for a registration token on
 * first connect) and agent sessions arrive with the agent; this is where deleting a Cluster
 * revokes them and closes the sessions. Until then a cluster's only credentials are its
 * RegistrationTokens, which the Cluster's delete cascade removes with the rest of its namespace.
 */
export interface NodeAccess {
  /** Revokes every node credential of `cluster` and closes its agent sessions. */
  revokeClusterNodeAccess(cluster: string): Promise<void>;
}

/** The NodeAccess of a server without an agent endpoint: no node credentials or sessions exist. */
export const NO_NODE_ACCESS: NodeAccess = {
  async revokeClusterNodeAccess() {
    // Nothing issued yet: node credentials and sessions come with the agent endpoint.
  },
};
