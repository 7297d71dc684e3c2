/**
 * The parts of `Cluster.spec` that follow RKE's cluster.yml (camelCase): `services` (each component's
 * extraArgs / extraBinds / extraEnv plus its own options), `authentication.sans`, `network`,
 * `upgradeStrategy`. Defaults are stated in each description and applied when a plan is computed
 * (provisioning/cluster-defaults.ts), never written into the stored spec. Checks a schema cannot
 * express (CIDRs, overlaps, a supported version) are in provisioning/cluster-spec-check.ts.
 */
import { Type } from '@sinclair/typebox';
import type { TProperties } from '@sinclair/typebox';
import { opt } from './kind-definition.ts';
import { StringEnum } from './meta.ts';

/** The options every component has (RKE's extra_args / extra_binds / extra_env). */
function service<P extends TProperties>(name: string, own: P) {
  return Type.Object(
    {
      extraArgs: opt(
        Type.Record(Type.String(), Type.String(), {
          description: `Flags for ${name}, name without dashes to value (e.g. {"v": "4"}); they override the version's defaults and what Drover computes.`,
        }),
      ),
      extraBinds: opt(
        Type.Array(Type.String({ pattern: '^/[^:]*:/[^:]*(:[a-zA-Z,]+)?$', description: 'host-path:container-path[:options], e.g. "/mnt/data:/mnt/data:rw".' }), {
          description: `Extra bind mounts of the ${name} container.`,
        }),
      ),
      extraEnv: opt(
        Type.Array(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*=', description: 'NAME=value.' }), {
          description: `Extra environment of the ${name} container. Never put secrets here: a container's environment shows in docker inspect.`,
        }),
      ),
      ...own,
    },
    { description: `Options of ${name}.` },
  );
}

export const EtcdBackupConfig = Type.Object(
  {
    enabled: opt(Type.Boolean({ description: 'Take recurring snapshots. Default true.' })),
    intervalHours: opt(Type.Integer({ minimum: 1, description: 'Hours between snapshots. Default 12.' })),
    retention: opt(Type.Integer({ minimum: 1, description: 'Snapshots kept. Default 6.' })),
    timeout: opt(Type.Integer({ minimum: 1, description: 'Seconds a snapshot may take. Default 300.' })),
    safeTimestamp: opt(Type.Boolean({ description: 'Snapshot names without ":" (for filesystems that refuse it). Default false.' })),
    s3BackupConfig: opt(
      Type.Object(
        {
          bucketName: Type.String({ minLength: 1, description: 'Bucket to upload snapshots to.' }),
          endpoint: opt(Type.String({ description: 'S3 endpoint. Default s3.amazonaws.com.' })),
          region: opt(Type.String({ description: 'Bucket region.' })),
          folder: opt(Type.String({ description: 'Folder in the bucket.' })),
          accessKey: opt(Type.String({ description: 'Access key id (the secret key will be a write-only field; not accepted yet).' })),
          customCa: opt(Type.String({ description: 'PEM CA bundle of the endpoint.' })),
        },
        { description: 'Also upload snapshots to S3.' },
      ),
    ),
  },
  { description: 'Recurring etcd snapshots (RKE backup_config). Taken by a later release; stored and validated now.' },
);

export const ClusterServices = Type.Object(
  {
    etcd: opt(service('etcd', { backupConfig: opt(EtcdBackupConfig) })),
    kubeApi: opt(
      service('kube-apiserver', {
        serviceClusterIpRange: opt(Type.String({ description: 'CIDR of Service IPs (--service-cluster-ip-range). Default 10.43.0.0/16.' })),
        serviceNodePortRange: opt(Type.String({ pattern: '^[0-9]+-[0-9]+$', description: 'NodePort range (--service-node-port-range). Default 30000-32767.' })),
        alwaysPullImages: opt(Type.Boolean({ description: 'Add the AlwaysPullImages admission plugin. Default false.' })),
      }),
    ),
    kubeController: opt(
      service('kube-controller-manager', {
        clusterCidr: opt(Type.String({ description: 'CIDR of Pod IPs (--cluster-cidr). Default 10.42.0.0/16; must not overlap the Service CIDR.' })),
        serviceClusterIpRange: opt(Type.String({ description: 'Must equal services.kubeApi.serviceClusterIpRange (default: that value).' })),
      }),
    ),
    scheduler: opt(service('kube-scheduler', {})),
    kubelet: opt(
      service('kubelet', {
        clusterDomain: opt(Type.String({ description: 'DNS domain of the cluster (--cluster-domain). Default cluster.local.' })),
        clusterDnsServer: opt(Type.String({ description: 'IP of the cluster DNS Service (--cluster-dns), inside the Service CIDR. Default the 10th address of it (10.43.0.10).' })),
        failSwapOn: opt(Type.Boolean({ description: 'Refuse to start with swap on (--fail-swap-on). Default false.' })),
      }),
    ),
    kubeproxy: opt(service('kube-proxy', {})),
  },
  { description: "The Kubernetes components' options (RKE services)." },
);

export const ClusterAuthentication = Type.Object(
  {
    sans: opt(
      Type.Array(Type.String({ minLength: 1, description: 'A DNS name or IP address.' }), {
        description: "Extra subject alternative names of the kube-apiserver's certificate (load balancers, DNS names).",
      }),
    ),
  },
  { description: 'How clients reach the apiserver (RKE authentication; the strategy is always x509).' },
);

export const ClusterNetwork = Type.Object(
  {
    plugin: opt(StringEnum(['flannel', 'none'], { description: 'CNI plugin: flannel (default) or none (bring your own).' })),
    mtu: opt(Type.Integer({ minimum: 576, maximum: 9000, description: 'MTU of the pod network. Default: the plugin picks it.' })),
  },
  { description: 'The pod network.' },
);

export const UpgradeStrategy = Type.Object(
  {
    maxUnavailableWorker: opt(Type.String({ pattern: '^([0-9]+|[0-9]+%)$', description: 'Worker nodes upgraded at once, a number or a percentage (rounded down, at least 1). Default "10%".' })),
    maxUnavailableControlplane: opt(Type.String({ pattern: '^([0-9]+|[0-9]+%)$', description: 'Control-plane nodes upgraded at once. Default "1".' })),
    drain: opt(Type.Boolean({ description: 'Drain a node before upgrading it (else cordon only). Default false.' })),
    nodeDrainInput: opt(
      Type.Object(
        {
          ignoreDaemonSets: opt(Type.Boolean({ description: 'Default true.' })),
          deleteLocalData: opt(Type.Boolean({ description: 'Delete pods with emptyDir volumes. Default false.' })),
          force: opt(Type.Boolean({ description: 'Delete pods no controller manages. Default false.' })),
          gracePeriod: opt(Type.Integer({ minimum: -1, description: "Seconds each pod gets to stop; -1 uses the pod's own. Default -1." })),
          timeout: opt(Type.Integer({ minimum: 1, maximum: 10800, description: 'Seconds to wait for the drain. Default 120.' })),
        },
        { description: 'How a node is drained.' },
      ),
    ),
  },
  { description: 'How nodes are upgraded (RKE upgrade_strategy).' },
);
