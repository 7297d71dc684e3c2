/**
 * The API's runtime context: options of {@link apiPlugin}, the kinds indexed by plural with their
 * compiled validators and hooks, and the limits every request runs under.
 */
import type { Store } from '@drover/store';
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
  /** Hooks per kind name ("Cluster", "RegistrationToken", …). */
  hooks?: Partial<Record<string, KindHooks>>;
  version: { drover: string };
  limits?: Partial<ApiLimits>;
  /** Clock (tests). Default `() => new Date()`. */
  now?: () => Date;
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
  kinds: ReadonlyMap<string, KindRuntime>;
  /** The Cluster kind, whose objects are the namespaces of namespaced kinds. */
  clusters: KindRuntime | undefined;
}

export function createApiContext(opts: ApiPluginOptions): ApiContext {
  const kinds = new Map<string, KindRuntime>();
  for (const def of opts.kinds) {
    kinds.set(def.plural, {
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
    clusters: kinds.get('clusters'),
  };
}
