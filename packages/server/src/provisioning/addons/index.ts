/**
 * The addons of a cluster (the nodes' RBAC binding, CoreDNS, and flannel unless the network plugin is `none`), built from
 * the Cluster spec with its defaults and the version table: images from the table, rewritten to the
 * default private registry by the one rule of image-ref.ts, so an air-gapped cluster pulls its
 * addons from the same mirror as its components.
 */
import type { Cluster } from '../../kinds/cluster.ts';
import { effectiveClusterSpec } from '../cluster-defaults.ts';
import { rewriteImage } from '../image-ref.ts';
import type { VersionTable } from '../versions.ts';
import { corednsObjects } from './coredns.ts';
import { flannelObjects } from './flannel.ts';
import { nodeRbacObjects } from './node-rbac.ts';
import type { AddonInput, KubeObject } from './types.ts';

export type { AddonInput, KubeObject } from './types.ts';

/** The addon objects of a cluster, in apply order; throws on an unsupported version (the plan controller reports that first). */
export function clusterAddons(spec: Cluster['spec'], table: VersionTable): KubeObject[] {
  const s = effectiveClusterSpec(spec, table);
  const entry = table.find(s.kubernetesVersion);
  if (entry === undefined) throw new Error(`unsupported Kubernetes version ${s.kubernetesVersion}`);
  const image = (ref: string) => rewriteImage(ref, s.defaultRegistry);
  const input: AddonInput = {
    clusterDomain: s.clusterDomain,
    clusterDnsServer: s.clusterDnsServer,
    clusterCidr: s.clusterCidr,
    networkPlugin: s.networkPlugin,
    images: { coredns: image(entry.images.coredns), flannel: image(entry.images.flannel), flannelCniPlugin: image(entry.images.flannelCniPlugin) },
  };
  return [...nodeRbacObjects(), ...(input.networkPlugin === 'flannel' ? flannelObjects(input) : []), ...corednsObjects(input)];
}
