/**
 * The Cluster spec's checks a schema cannot express, each problem a StatusCause naming its field
 * (the API answers 422 Invalid with them): a supported Kubernetes version, valid and
 * non-overlapping CIDRs, a DNS IP inside the Service CIDR, a sane NodePort range, flag names,
 * one default registry, SANs that are names or IPs. The Cluster's hooks run it on every write
 * (kinds/hooks-cluster.ts); a plan is only ever computed from a spec that passed it.
 */
import type { Static } from '@sinclair/typebox';
import type { StatusCause } from '../errors.ts';
import type { ClusterSpec } from '../kinds/cluster.ts';
import { contains, overlaps, parseCidr, parseIp } from './cidr.ts';
import type { Cidr } from './cidr.ts';
import { DEFAULTS } from './cluster-defaults.ts';
import { parseRegistry } from './image-ref.ts';
import type { VersionTable } from './versions.ts';

type Spec = Static<typeof ClusterSpec>;

const FLAG = /^[a-z0-9][a-z0-9-]*$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_OK = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const invalid = (field: string, value: unknown, why: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${why}`, field });

/**
 * The problems of `spec` (empty: fine). `prev` is the stored spec on an update: a version no longer
 * in the table is accepted while it does not change, so an old cluster stays editable.
 */
export function checkClusterSpec(spec: Spec | undefined, table: VersionTable, prev?: Spec): StatusCause[] {
  const s = spec ?? {};
  const causes: StatusCause[] = [];
  const v = s.kubernetesVersion;
  if (v !== undefined && table.find(v) === undefined && v !== prev?.kubernetesVersion) {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(v)}: supported values: ${table.versions.map((x) => JSON.stringify(x.version)).join(', ')}`,
      field: 'spec.kubernetesVersion',
    });
  }

  const svc = s.services ?? {};
  const cidr = (field: string, text: string, service: boolean): Cidr | undefined => {
    const c = parseCidr(text);
    if (typeof c === 'string') {
      causes.push(invalid(field, text, c));
      return undefined;
    }
    // kube-apiserver refuses a Service range of more than 2^20 addresses.
    const max = c.family === 4 ? 12 : 108;
    if (service && c.prefix < max) {
      causes.push(invalid(field, text, `too large for Service IPs: the prefix length must be at least ${max}`));
      return undefined;
    }
    return c;
  };
  const serviceText = svc.kubeApi?.serviceClusterIpRange ?? DEFAULTS.serviceClusterIpRange;
  const serviceField = 'spec.services.kubeApi.serviceClusterIpRange';
  const serviceCidr = cidr(serviceField, serviceText, true);
  const podText = svc.kubeController?.clusterCidr ?? DEFAULTS.clusterCidr;
  const podField = 'spec.services.kubeController.clusterCidr';
  const podCidr = cidr(podField, podText, false);
  if (serviceCidr !== undefined && podCidr !== undefined && serviceCidr.family !== podCidr.family) {
    causes.push(invalid(podField, podText, `must be of the same IP family as ${serviceField} (${serviceText})`));
  } else if (serviceCidr !== undefined && podCidr !== undefined && overlaps(serviceCidr, podCidr)) {
    causes.push(invalid(podField, podText, `overlaps ${serviceField} (${serviceText}): Pod and Service IPs must not overlap`));
  }
  const controllerRange = svc.kubeController?.serviceClusterIpRange;
  if (controllerRange !== undefined && controllerRange !== serviceText) {
    causes.push(invalid('spec.services.kubeController.serviceClusterIpRange', controllerRange, `must equal ${serviceField} (${serviceText})`));
  }

  const dns = svc.kubelet?.clusterDnsServer;
  if (dns !== undefined) {
    const field = 'spec.services.kubelet.clusterDnsServer';
    const ip = parseIp(dns);
    if (ip === undefined) causes.push(invalid(field, dns, 'must be an IP address'));
    else if (serviceCidr !== undefined && !contains(serviceCidr, ip)) causes.push(invalid(field, dns, `must be inside ${serviceField} (${serviceText})`));
    else if (serviceCidr !== undefined && ip.value - serviceCidr.base < 2n) {
      causes.push(invalid(field, dns, 'must not be the network address nor the first Service IP (the kubernetes Service has it)'));
    }
  }

  const ports = svc.kubeApi?.serviceNodePortRange;
  if (ports !== undefined) {
    const [lo, hi] = ports.split('-').map(Number) as [number, number];
    if (!(lo >= 1 && hi <= 65535 && lo <= hi)) causes.push(invalid('spec.services.kubeApi.serviceNodePortRange', ports, 'must be <first>-<last> with 1 <= first <= last <= 65535'));
  }
  const domain = svc.kubelet?.clusterDomain;
  if (domain !== undefined && !DNS_SUBDOMAIN.test(domain)) causes.push(invalid('spec.services.kubelet.clusterDomain', domain, 'must be a lowercase DNS name such as cluster.local'));

  for (const name of ['etcd', 'kubeApi', 'kubeController', 'scheduler', 'kubelet', 'kubeproxy'] as const) {
    for (const flag of Object.keys(svc[name]?.extraArgs ?? {})) {
      if (!FLAG.test(flag)) causes.push(invalid(`spec.services.${name}.extraArgs[${flag}]`, flag, 'a flag name without leading dashes, lowercase letters, digits and "-" (e.g. "audit-log-maxage")'));
    }
  }

  const registries = s.privateRegistries ?? [];
  const defaults = registries.flatMap((r, i) => (r.default ? [i] : []));
  if (defaults.length > 1) causes.push(invalid(`spec.privateRegistries[${defaults[1]}].default`, true, `only one registry may be the default (spec.privateRegistries[${defaults[0]}] is)`));
  registries.forEach((r, i) => {
    try {
      parseRegistry(r.url);
    } catch (err) {
      causes.push(invalid(`spec.privateRegistries[${i}].url`, r.url, (err as Error).message));
    }
  });

  (s.authentication?.sans ?? []).forEach((san, i) => {
    if (parseIp(san) === undefined && !WILDCARD_OK.test(san)) causes.push(invalid(`spec.authentication.sans[${i}]`, san, 'must be a lowercase DNS name or an IP address'));
  });
  return causes;
}
