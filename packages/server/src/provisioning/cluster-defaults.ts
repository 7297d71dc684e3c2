/**
 * The Cluster spec with every default filled in — what a plan is computed from. Defaults are RKE's
 * (reference provisioning.md §2) and stated in the schema's descriptions; they are applied here,
 * never written into the stored object, so `kubectl get` shows what the user wrote.
 */
import type { Static } from '@sinclair/typebox';
import type { ClusterSpec } from '../kinds/cluster.ts';
import { nthIp, parseCidr } from './cidr.ts';
import type { VersionTable } from './versions.ts';

type Spec = Static<typeof ClusterSpec>;

export interface ServiceOptions {
  extraArgs: Record<string, string>;
  extraBinds: string[];
  extraEnv: string[];
}

export interface EffectiveClusterSpec {
  kubernetesVersion: string;
  /** The default private registry's `url` (every image is pulled from there), if any. */
  defaultRegistry: string | undefined;
  serviceClusterIpRange: string;
  serviceNodePortRange: string;
  clusterCidr: string;
  clusterDomain: string;
  clusterDnsServer: string;
  /** The first Service IP (the `kubernetes` Service), a SAN of the apiserver's certificate. */
  kubernetesServiceIp: string;
  extraSans: string[];
  alwaysPullImages: boolean;
  failSwapOn: boolean;
  networkPlugin: 'flannel' | 'none';
  services: Record<'etcd' | 'kubeApi' | 'kubeController' | 'scheduler' | 'kubelet' | 'kubeproxy', ServiceOptions>;
}

export const DEFAULTS = {
  serviceClusterIpRange: '10.43.0.0/16',
  serviceNodePortRange: '30000-32767',
  clusterCidr: '10.42.0.0/16',
  clusterDomain: 'cluster.local',
} as const;

/** Fills the defaults of a spec that passed checkClusterSpec (throws on a CIDR it would have refused). */
export function effectiveClusterSpec(spec: Spec | undefined, table: VersionTable): EffectiveClusterSpec {
  const s = spec ?? {};
  const svc = s.services ?? {};
  const serviceClusterIpRange = svc.kubeApi?.serviceClusterIpRange ?? DEFAULTS.serviceClusterIpRange;
  const serviceCidr = parseCidr(serviceClusterIpRange);
  if (typeof serviceCidr === 'string') throw new Error(`spec.services.kubeApi.serviceClusterIpRange: ${serviceCidr}`);
  const opts = (o: { extraArgs?: Record<string, string>; extraBinds?: string[]; extraEnv?: string[] } | undefined): ServiceOptions => ({
    extraArgs: { ...(o?.extraArgs ?? {}) },
    extraBinds: [...(o?.extraBinds ?? [])],
    extraEnv: [...(o?.extraEnv ?? [])],
  });
  return {
    kubernetesVersion: s.kubernetesVersion ?? table.defaultVersion,
    defaultRegistry: s.privateRegistries?.find((r) => r.default)?.url,
    serviceClusterIpRange,
    serviceNodePortRange: svc.kubeApi?.serviceNodePortRange ?? DEFAULTS.serviceNodePortRange,
    clusterCidr: svc.kubeController?.clusterCidr ?? DEFAULTS.clusterCidr,
    clusterDomain: svc.kubelet?.clusterDomain ?? DEFAULTS.clusterDomain,
    clusterDnsServer: svc.kubelet?.clusterDnsServer ?? nthIp(serviceCidr, 10),
    kubernetesServiceIp: nthIp(serviceCidr, 1),
    extraSans: [...(s.authentication?.sans ?? [])],
    alwaysPullImages: svc.kubeApi?.alwaysPullImages ?? false,
    failSwapOn: svc.kubelet?.failSwapOn ?? false,
    networkPlugin: s.network?.plugin ?? 'flannel',
    services: {
      etcd: opts(svc.etcd),
      kubeApi: opts(svc.kubeApi),
      kubeController: opts(svc.kubeController),
      scheduler: opts(svc.scheduler),
      kubelet: opts(svc.kubelet),
      kubeproxy: opts(svc.kubeproxy),
    },
  };
}
