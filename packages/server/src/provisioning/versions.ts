/**
 * The version table (versions.json): which Kubernetes versions Drover installs, with the upstream
 * images and default flags of each. Data, not code: this module only imports it (a JSON import, so
 * the server's bundle carries it), validates it against a TypeBox schema and a few cross-checks
 * (fully qualified images, one default that exists, no two images whose repository paths collide
 * in a mirror), then freezes it. The server validates it at start (a broken table stops the
 * start); `drover images list` reads the same data. Its `notes` say why each image. docs/adr/0018.
 */
import { Type } from '@sinclair/typebox';
import type { Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import data from './versions.json' with { type: 'json' };
import { parseImageRef } from './image-ref.ts';

/** Components that run as containers of a plan, in the order their flags are listed. */
export const COMPONENTS = ['etcd', 'kubeApiserver', 'kubeControllerManager', 'kubeScheduler', 'kubelet', 'kubeProxy'] as const;
export type Component = (typeof COMPONENTS)[number];

const image = (description: string) => Type.String({ minLength: 1, description });
const Args = Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), Type.String(), { description: 'Flag name (no dashes) to value.' });

export const VersionImages = Type.Object(
  {
    etcd: image('etcd (registry.k8s.io/etcd at the version kubeadm pins for the minor).'),
    kubeApiserver: image('kube-apiserver.'),
    kubeControllerManager: image('kube-controller-manager.'),
    kubeScheduler: image('kube-scheduler.'),
    kubeProxy: image('kube-proxy.'),
    kubelet: image('The image the kubelet container runs from (upstream ships none; RKE runs rancher/hyperkube).'),
    criDockerd: image('The image cri-dockerd (the kubelet\'s container runtime endpoint) runs from.'),
    apiProxy: image('The local API proxy on nodes without a control plane (127.0.0.1:6443 to every control plane).'),
    pause: image('The pod sandbox image (--pod-infra-container-image).'),
    coredns: image('CoreDNS (addon).'),
    flannel: image('flannel (CNI addon).'),
    flannelCniPlugin: image('flannel\'s CNI plugin installer (CNI addon).'),
  },
  { additionalProperties: false, description: 'Fully qualified upstream image of each part.' },
);

export const VersionEntry = Type.Object(
  {
    version: Type.String({ pattern: '^v1\\.[0-9]+\\.[0-9]+$', description: 'Kubernetes version, e.g. "v1.32.6".' }),
    images: VersionImages,
    defaultArgs: Type.Object(
      {
        etcd: Args,
        kubeApiserver: Args,
        kubeControllerManager: Args,
        kubeScheduler: Args,
        kubelet: Args,
        kubeProxy: Args,
      },
      { additionalProperties: false, description: 'Version-specific default flags per component.' },
    ),
  },
  { additionalProperties: false },
);

const VersionTableSchema = Type.Object(
  {
    notes: Type.Optional(Type.Array(Type.String(), { description: 'Why each image: the comments of the data.' })),
    defaultVersion: Type.String({ description: 'The version a Cluster without spec.kubernetesVersion gets.' }),
    versions: Type.Array(VersionEntry, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type VersionImages = Static<typeof VersionImages>;
export type VersionEntry = Static<typeof VersionEntry>;
export type ImageKey = keyof VersionImages;

export interface VersionTable {
  readonly defaultVersion: string;
  readonly versions: readonly VersionEntry[];
  /** The entry of `version`, or undefined when Drover does not support it. */
  find(version: string): VersionEntry | undefined;
}

/** The repository's table as data, not yet validated (a copy: tests alter it). */
export const versionTableData = (): unknown => structuredClone(data);

const check = TypeCompiler.Compile(VersionTableSchema);

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Validates parsed table data; throws an Error listing every problem. */
export function parseVersionTable(data: unknown, source = 'version table'): VersionTable {
  if (!check.Check(data)) {
    const problems = [...check.Errors(data)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new Error(`${source} is invalid: ${problems.join('; ')}`);
  }
  const problems: string[] = [];
  const seen = new Set<string>();
  data.versions.forEach((v, i) => {
    if (seen.has(v.version)) problems.push(`/versions/${i}/version: ${v.version} is listed twice`);
    seen.add(v.version);
    const byRepo = new Map<string, string>();
    for (const [key, ref] of Object.entries(v.images)) {
      try {
        const parsed = parseImageRef(ref);
        const other = byRepo.get(parsed.repository);
        if (other !== undefined && parseImageRef(other).registry !== parsed.registry) {
          problems.push(`/versions/${i}/images/${key}: repository path ${parsed.repository} is also ${other} (they would collide in a mirror)`);
        }
        byRepo.set(parsed.repository, ref);
      } catch (err) {
        problems.push(`/versions/${i}/images/${key}: ${(err as Error).message}`);
      }
    }
  });
  if (!seen.has(data.defaultVersion)) problems.push(`/defaultVersion: ${data.defaultVersion} is not in versions`);
  if (problems.length > 0) throw new Error(`${source} is invalid: ${problems.join('; ')}`);
  const versions = deepFreeze(structuredClone(data.versions));
  const byVersion = new Map(versions.map((v) => [v.version, v]));
  return Object.freeze({ defaultVersion: data.defaultVersion, versions, find: (version: string) => byVersion.get(version) });
}

let loaded: VersionTable | undefined;

/** The repository's table, validated once (throws when the data is broken). */
export function versionTable(): VersionTable {
  loaded ??= parseVersionTable(versionTableData(), 'provisioning/versions.json');
  return loaded;
}

/** Every image of `entry`, deduplicated, in table order. */
export function imagesOf(entry: VersionEntry): string[] {
  return [...new Set(Object.values(entry.images))];
}
