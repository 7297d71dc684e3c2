/**
 * Drover's wire protocol. The message classes are generated from
 * `proto/drover/v1/*.proto` by `pnpm proto:gen`; never edit `generated/` by hand.
 */
import { drover } from './generated/tunnel.js';

/** Messages of `proto/drover/v1/tunnel.proto`. */
export const tunnel = drover.v1;
export type { drover } from './generated/tunnel.js';

/** Highest tunnel protocol version this build speaks. */
export const TUNNEL_PROTOCOL_VERSION = 1;
/** Lowest tunnel protocol version this build accepts. */
export const TUNNEL_PROTOCOL_MIN_VERSION = 1;

export { isDnsSubdomain, isLabelKey, isLabelValue } from './k8s-names.ts';
export { formatRegistrationToken, parseRegistrationToken, REGISTRATION_TOKEN_PREFIX } from './tokens.ts';
