/**
 * Discovery as kubectl 1.32 reads it: `/version`, `/api` (no versions), `/apis` (APIGroupList),
 * `/apis/<group>[/<version>]` (APIGroup, APIResourceList), and aggregated discovery
 * (`apidiscovery.k8s.io/v2` APIGroupDiscoveryList, answered with exactly the Content-Type asked).
 */
import type { ApiContext } from './context.ts';
import { parseMediaRanges } from './negotiate.ts';
import type { JsonObject } from './object-path.ts';

interface DiscoveredResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  statusSubresource: boolean;
}

interface DiscoveredGroup {
  group: string;
  version: string;
  resources: DiscoveredResource[];
}

const OBJECT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const SUBRESOURCE_VERBS = ['get', 'patch', 'update'];

const review = (name: string, kind: string): DiscoveredResource => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced: false,
  kind,
  verbs: ['create'],
  shortNames: [],
  categories: [],
  statusSubresource: false,
});

/** Every group/version the API serves: the kinds' groups in the order they first appear, then the reviews. */
export function discoveredGroups(ctx: ApiContext): DiscoveredGroup[] {
  const own = new Map<string, DiscoveredGroup>();
  for (const { def } of ctx.kinds.values()) {
    const key = `${def.group}/${def.version}`;
    let g = own.get(key);
    if (g === undefined) {
      g = { group: def.group, version: def.version, resources: [] };
      own.set(key, g);
    }
    g.resources.push({
      name: def.plural,
      singularName: def.singular,
      namespaced: def.namespaced,
      kind: def.kind,
      verbs: OBJECT_VERBS.filter((v) => (def.verbs as readonly string[]).includes(v)),
      shortNames: def.shortNames,
      categories: def.categories,
      statusSubresource: def.statusSubresource,
    });
  }
  return [
    ...own.values(),
    { group: 'authorization.k8s.io', version: 'v1', resources: [review('selfsubjectaccessreviews', 'SelfSubjectAccessReview'), review('selfsubjectrulesreviews', 'SelfSubjectRulesReview')] },
    { group: 'authentication.k8s.io', version: 'v1', resources: [review('selfsubjectreviews', 'SelfSubjectReview')] },
  ];
}

export function versionInfo(ctx: ApiContext): JsonObject {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return {
    major: '1',
    minor: '32',
    gitVersion: `v1.32.0-drover+${ctx.version.drover}`,
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '1970-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'drover',
    platform: `${process.platform}/${arch}`,
  };
}

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** The aggregated-discovery media type the client accepts first, if any. */
export function aggregatedWanted(accept: string | undefined): typeof AGGREGATED_V2 | typeof AGGREGATED_V2BETA1 | undefined {
  for (const r of parseMediaRanges(accept)) {
    if (r.type === 'application/json' && r.params.get('g') === 'apidiscovery.k8s.io' && r.params.get('as') === 'APIGroupDiscoveryList') {
      if (r.params.get('v') === 'v2') return AGGREGATED_V2;
      if (r.params.get('v') === 'v2beta1') return AGGREGATED_V2BETA1;
    }
    if (r.type === 'application/json' && !r.params.has('as')) return undefined;
  }
  return undefined;
}

export function apiVersions(): JsonObject {
  return { kind: 'APIVersions', apiVersion: 'v1', versions: [], serverAddressByClientCIDRs: [] };
}

function apiGroup(g: DiscoveredGroup): JsonObject {
  const gv = { groupVersion: `${g.group}/${g.version}`, version: g.version };
  return { name: g.group, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(ctx: ApiContext): JsonObject {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: discoveredGroups(ctx).map(apiGroup) };
}

export function apiGroupOf(ctx: ApiContext, group: string): JsonObject | undefined {
  const g = discoveredGroups(ctx).find((x) => x.group === group);
  return g === undefined ? undefined : { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
}

export function apiResourceList(ctx: ApiContext, group: string, version: string): JsonObject | undefined {
  const g = discoveredGroups(ctx).find((x) => x.group === group && x.version === version);
  if (g === undefined) return undefined;
  const resources: JsonObject[] = [];
  for (const r of g.resources) {
    const main: JsonObject = { name: r.name, singularName: r.singularName, namespaced: r.namespaced, kind: r.kind, verbs: r.verbs };
    if (r.shortNames.length > 0) main.shortNames = r.shortNames;
    if (r.categories.length > 0) main.categories = r.categories;
    resources.push(main);
    if (r.statusSubresource) resources.push({ name: `${r.name}/status`, singularName: '', namespaced: r.namespaced, kind: r.kind, verbs: SUBRESOURCE_VERBS });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources };
}

/** `apidiscovery.k8s.io` APIGroupDiscoveryList for `/apis` (or, empty, for `/api`). */
export function aggregatedDiscovery(ctx: ApiContext, legacy: boolean, mediaVersion: 'v2' | 'v2beta1'): JsonObject {
  const items = legacy
    ? []
    : discoveredGroups(ctx).map((g) => ({
        metadata: { name: g.group, creationTimestamp: null },
        versions: [
          {
            version: g.version,
            freshness: 'Current',
            resources: g.resources.map((r) => {
              const responseKind = { group: g.group, version: g.version, kind: r.kind };
              const res: JsonObject = {
                resource: r.name,
                responseKind,
                scope: r.namespaced ? 'Namespaced' : 'Cluster',
                singularResource: r.singularName,
                verbs: r.verbs,
              };
              if (r.shortNames.length > 0) res.shortNames = r.shortNames;
              if (r.categories.length > 0) res.categories = r.categories;
              if (r.statusSubresource) res.subresources = [{ subresource: 'status', responseKind, verbs: SUBRESOURCE_VERBS }];
              return res;
            }),
          },
        ],
      }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${mediaVersion}`, metadata: {}, items };
}
