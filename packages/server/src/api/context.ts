/**
 * The API's runtime context: options of {@link apiPlugin}, the kinds indexed by plural with their
 * compiled validators and hooks, and the limits every request runs under.
 */
import type { Store } from '@drover/store';
import type { AuditSink } from '../audit/record.ts';
import type { KindDefinition } from '../kinds/kind-definition.ts';
import type { Authorizer, KindHooks } from './contract.ts';
import { compileValidator } from './validation.ts';
import type { SchemaValidator } from './validation.ts';

/** Bounds of the API; every one is overridable through `ApiPluginOptions.limits`. */
export interface ApiLimits {
  /** Largest request body. Default 3 MiB (as kube-apiserver). */
  maxBodyBytes: number;
  /** Longest watch; a longer `timeoutSeconds` is cut to this. Default 1800 s. */
  maxWatchSeconds: number;
  /** Idle time after which a watch with `allowWatchBookmarks` gets a BOOKMARK. Default 30 000 ms. */
  bookmarkIntervalMs: number;
  /** Retries of a read-modify-write that lost a race (no client resourceVersion). Default 5. */
  updateRetries: number;
  /** Largest page of a list (`limit` above it is cut). Default 5000. */
  maxListLimit: number;
  /**
   * Longest wait for the store to reach a watch's or list's resourceVersion before answering 504
   * ResourceVersionTooLarge. Default 3000 ms (kube-apiserver's watch cache waits 3 s).
   */
  resourceVersionWaitMs: number;
}

export const DEFAULT_LIMITS: ApiLimits = {
  maxBodyBytes: 3 * 1024 * 1024,
  maxWatchSeconds: 1800,
  bookmarkIntervalMs: 30_000,
  updateRetries: 5,
  maxListLimit: 5000,
  resourceVersionWaitMs: 3000,
};

export interface ApiPluginOptions {
  store: Store;
  authorizer: Authorizer;
  kinds: readonly KindDefinition[];
  /** Hooks per kind name ("Cluster", "RegistrationToken", …); a name no kind has is an error. */
  hooks?: Partial<Record<string, KindHooks>>;
  /** The kind whose objects are the namespaces of namespaced kinds. Default management.drover.dev clusters. */
  namespaceKind?: { group: string; plural: string };
  version: { drover: string };
  limits?: Partial<ApiLimits>;
  /** Clock (tests). Default `() => new Date()`. */
  now?: () => Date;
  /** Takes a record of every write (audit-hook.ts); none: writes are not audited. */
  audit?: AuditSink;
}

export interface KindRuntime {
  def: KindDefinition;
  /** Store key: `<group>/<plural>`. */
  resource: string;
  validator: SchemaValidator;
  hooks: KindHooks;
}

export interface ApiContext {
  store: Store;
  authorizer: Authorizer;
  version: { drover: string };
  limits: ApiLimits;
  now: () => Date;
  /** Every kind, in discovery order, keyed by `<group>/<version>/<plural>` (see {@link kindKey}). */
  kinds: ReadonlyMap<string, KindRuntime>;
  /** The Cluster kind, whose objects are the namespaces of namespaced kinds. */
  clusters: KindRuntime | undefined;
}

/** The key of a kind in {@link ApiContext.kinds}. */
export const kindKey = (group: string, version: string, plural: string): string => `${group}/${version}/${plural}`;

export function createApiContext(opts: ApiPluginOptions): ApiContext {
  const kinds = new Map<string, KindRuntime>();
  const names = new Set(opts.kinds.map((d) => d.kind));
  for (const name of Object.keys(opts.hooks ?? {})) {
    if (!names.has(name)) throw new Error(`hooks for kind "${name}", which is not served (served: ${[...names].join(', ')})`);
  }
  for (const def of opts.kinds) {
    const key = kindKey(def.group, def.version, def.plural);
    if (kinds.has(key)) throw new Error(`kind ${key} is served twice`);
    kinds.set(key, {
      def,
      resource: `${def.group}/${def.plural}`,
      validator: compileValidator(def.schema),
      hooks: opts.hooks?.[def.kind] ?? {},
    });
  }
  return {
    store: opts.store,
    authorizer: opts.authorizer,
    version: opts.version,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    now: opts.now ?? (() => new Date()),
    kinds,
    clusters: kinds.get(kindKey(opts.namespaceKind?.group ?? 'management.drover.dev', 'v1', opts.namespaceKind?.plural ?? 'clusters')),
  };
}
