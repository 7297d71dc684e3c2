/**
 * The selection shared by list and watch: namespace, label selector and field selector.
 */
import { parseFieldSelector } from './field-selector.ts';
import { parseLabelSelector } from './label-selector.ts';
import type { KubeObject } from './types.ts';

/** A parsed selection. `namespace` is kept apart so queries can narrow by it in SQL. */
export interface ObjectFilter {
  /** Restrict to this namespace ('' = cluster-scoped only); undefined = all. */
  readonly namespace: string | undefined;
  /** True when the filter looks at labels (so events need their previous state to be judged). */
  readonly usesLabels: boolean;
  /** The part that depends only on the key (namespace, field selector); keys never change. */
  matchesKey(namespace: string, name: string): boolean;
  /** The label selector part. */
  matchesLabels(labels: Readonly<Record<string, string>> | undefined): boolean;
  /** True when the object is selected (key and labels). */
  matches(obj: KubeObject): boolean;
}

/**
 * Parses the selection options once.
 * @throws StoreError INVALID on a malformed selector.
 */
export function createObjectFilter(options: {
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}): ObjectFilter {
  const labels = parseLabelSelector(options.labelSelector);
  const fields = parseFieldSelector(options.fieldSelector);
  const namespace = options.namespace;
  return {
    namespace,
    usesLabels: (options.labelSelector ?? '').trim() !== '',
    matchesKey(ns, name) {
      return (namespace === undefined || ns === namespace) && fields(ns, name);
    },
    matchesLabels: labels,
    matches(obj) {
      return this.matchesKey(obj.metadata.namespace ?? '', obj.metadata.name) && labels(obj.metadata.labels);
    },
  };
}
