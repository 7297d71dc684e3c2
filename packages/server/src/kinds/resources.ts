/**
 * Store keys of the management API's resources: one place, so the API, auth, hooks and
 * controllers all read and write the same keys. A key is `<group>/<plural>`.
 */
export const GROUP = 'management.drover.dev';
export const VERSION = 'v1';
export const API_VERSION = `${GROUP}/${VERSION}`;

/** Store resource key per plural name. */
export const RESOURCES = {
  clusters: `${GROUP}/clusters`,
  nodes: `${GROUP}/nodes`,
  registrationtokens: `${GROUP}/registrationtokens`,
  clustermembers: `${GROUP}/clustermembers`,
  events: `${GROUP}/events`,
  users: `${GROUP}/users`,
  tokens: `${GROUP}/tokens`,
  auditevents: `${GROUP}/auditevents`,
  kubernetesversions: `${GROUP}/kubernetesversions`,
  plans: `${GROUP}/plans`,
} as const;

export type Plural = keyof typeof RESOURCES;
