/**
 * KubernetesVersion: one Kubernetes version Drover installs, with its upstream images and default
 * flags — the version table (provisioning/versions.json) served read-only. Cluster-scoped; every
 * authenticated user may get/list/watch; nobody writes, admins included: the data in the
 * repository owns these objects and the server makes the store hold exactly them at start
 * (resources/builtins.ts). docs/adr/0018.
 */
import { Type } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { defineResource } from '../resources/define-resource.ts';
import type { TypeOf } from '../resources/define-resource.ts';
import { referenceData } from '../resources/access.ts';
import { ageColumn, nameColumn, pathColumn, pick } from './meta.ts';
import { versionTable } from '../provisioning/versions.ts';

const StringMap = (description: string) => Type.Record(Type.String(), Type.String(), { description });

export const KubernetesVersionSpec = Type.Object(
  {
    version: Type.String({ description: 'The Kubernetes version, e.g. "v1.32.6" (also the object name).' }),
    default: Type.Boolean({ description: 'True for the version a Cluster without spec.kubernetesVersion gets.' }),
    images: StringMap(
      'Fully qualified upstream image per part: etcd, kubeApiserver, kubeControllerManager, kubeScheduler, kubeProxy, kubelet, criDockerd, apiProxy, pause, coredns, flannel, flannelCniPlugin. A Cluster with a default private registry pulls each from there, same repository path.',
    ),
    defaultArgs: Type.Record(Type.String(), StringMap('Flag name (no dashes) to value.'), {
      description: "Version-specific default flags per component; a Cluster's services.<component>.extraArgs override them.",
    }),
  },
  { description: 'The images and default flags of this version.' },
);

export const kubernetesVersions = defineResource({
  kind: 'KubernetesVersion',
  plural: 'kubernetesversions',
  shortNames: ['kv'],
  scope: 'Cluster',
  description: 'A Kubernetes version Drover installs, with its upstream images and default flags (read-only reference data from the version table).',
  schema: { spec: opt(KubernetesVersionSpec) },
  statusSubresource: false,
  verbs: ['get', 'list', 'watch'],
  printerColumns: [
    nameColumn,
    {
      name: 'Default',
      type: 'boolean',
      description: 'The version Clusters get by default.',
      priority: 0,
      cell: (obj) => pick(obj, 'spec.default') === true,
    },
    pathColumn('Etcd', 'spec.images.etcd', 'The etcd image.'),
    pathColumn('Kubelet', 'spec.images.kubelet', 'The image the kubelet runs from.', 1),
    ageColumn,
  ],
  builtins: () => {
    const table = versionTable();
    return table.versions.map((v) => ({
      metadata: { name: v.version },
      spec: { version: v.version, default: v.version === table.defaultVersion, images: { ...v.images }, defaultArgs: structuredClone(v.defaultArgs) },
    }));
  },
  access: referenceData(),
});

/** The kind as the generic API serves it. */
export const kubernetesVersionKind = kubernetesVersions.def;

export type KubernetesVersion = TypeOf<typeof kubernetesVersions>;
