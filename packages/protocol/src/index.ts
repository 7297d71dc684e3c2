/**
 * Drover's wire protocol. The message classes are generated from
 * `proto/drover/v1/*.proto` by `pnpm proto:gen`; never edit `generated/` by hand.
 */
import { drover } from './generated/tunnel.js';
import { drover as agentRoot } from './generated/agent.js';
import type { drover as agentTypes } from './generated/agent.js';

/** Messages of `proto/drover/v1/tunnel.proto`. */
export const tunnel = drover.v1;
export type { drover } from './generated/tunnel.js';

/** Highest tunnel protocol version this build speaks. */
export const TUNNEL_PROTOCOL_VERSION = 1;
/** Lowest tunnel protocol version this build accepts. */
export const TUNNEL_PROTOCOL_MIN_VERSION = 1;

export { isDnsSubdomain, isLabelKey, isLabelValue } from './k8s-names.ts';
export { formatRegistrationToken, parseRegistrationToken, REGISTRATION_TOKEN_PREFIX } from './tokens.ts';

/** Messages of `proto/drover/v1/agent.proto`: the agent command channel. */
export const agentChannel = agentRoot.v1;
/** The tunnel service (Target.service name) that carries the agent command channel. */
export const AGENT_CHANNEL_SERVICE = 'drover.agent.v1';
/** Largest message either side of the agent command channel accepts, in bytes (agent.proto). */
export const AGENT_CHANNEL_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
/** A request the server sends on the channel. */
export type AgentRequestProps = agentTypes.v1.AgentRequest.$Properties;
/** A message the agent sends on the channel. */
export type AgentMessageProps = agentTypes.v1.AgentMessage.$Properties;
/** `AgentStatus`: what the agent sees on its host. */
export type AgentStatusProps = agentTypes.v1.AgentStatus.$Properties;
/** One managed container of an `AgentStatus`. */
export type ManagedContainerProps = agentTypes.v1.ManagedContainer.$Properties;
/** `ApplyPlan`: the containers and files a node must run, with the pulls' credentials. */
export type ApplyPlanProps = agentTypes.v1.ApplyPlan.$Properties;
/** One container of an `ApplyPlan`. */
export type PlanContainerSpecProps = agentTypes.v1.PlanContainerSpec.$Properties;
/** `PlanApplied`: what an ApplyPlan did. */
export type PlanAppliedProps = agentTypes.v1.PlanApplied.$Properties;
/** `FailureDetail`: the container that failed and the last lines of its log. */
export type FailureDetailProps = agentTypes.v1.FailureDetail.$Properties;
/** A decoded `AgentMessage` (with the `body` oneof name). */
export type DecodedAgentMessage = ReturnType<typeof agentRoot.v1.AgentMessage.decode>;
/** A decoded `AgentRequest` (with the `body` oneof name; undefined for a body this build does not know). */
export type DecodedAgentRequest = ReturnType<typeof agentRoot.v1.AgentRequest.decode>;
