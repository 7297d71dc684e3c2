/**
 * @drover/store: the resource store under Drover's Kubernetes-style management API.
 * Open one with {@link createStore}; see {@link Store} for the contract of each operation.
 */
export { createStore } from './store.ts';
export type { CreateStoreOptions, StoreTuning } from './store.ts';
export type { BackendOptions } from './open-database.ts';
export { SQLITE_FILE } from './open-database.ts';
export { StoreError, StoreErrorCode, isStoreError } from './errors.ts';
export { decodeContinue, encodeContinue } from './continue-token.ts';
export type { ContinuePoint } from './continue-token.ts';
export { createLocalNotifier } from './notifier.ts';
export type { Notifier } from './notifier.ts';
export { createPostgresNotifier } from './postgres-notifier.ts';
export type { PostgresNotifierOptions } from './postgres-notifier.ts';
export { parseLabelSelector } from './label-selector.ts';
export type { LabelMatcher } from './label-selector.ts';
export { parseFieldSelector } from './field-selector.ts';
export { INITIAL_EVENTS_END_ANNOTATION } from './types.ts';
export type { FieldMatcher } from './field-selector.ts';
export type {
  DeleteResult,
  KubeObject,
  ListOptions,
  ListResult,
  ObjectKey,
  ObjectMeta,
  PreconditionOptions,
  Store,
  StoreTx,
  StoredObject,
  Watch,
  WatchEvent,
  WatchEventType,
  WatchOptions,
} from './types.ts';
