/**
 * The Kubernetes-style resource API (`management.drover.dev/v1`, discovery, OpenAPI v3, access
 * reviews). See {@link apiPlugin}.
 */
export { apiPlugin } from './plugin.ts';
export type { ApiPluginOptions, ApiLimits } from './context.ts';
export { DEFAULT_LIMITS } from './context.ts';
export { DroverError, ERROR_CODES, statusOf } from '../errors.ts';
export type { DroverErrorCode, KubeStatus, StatusCause, StatusDetails } from '../errors.ts';
export type { Authorizer, KindHooks, RequestAttributes, RequestUser, WriteContext } from './contract.ts';
