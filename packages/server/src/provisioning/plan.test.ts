import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDroverError } from '../errors.ts';
import { effectiveClusterSpec } from './cluster-defaults.ts';
import { computePlans, planNodeOf } from './plan.ts';
import { certificatesFor } from './plan-files.ts';
import type { PlanInput } from './plan.ts';
import { sha256Hex } from './plan-hash.ts';
import type { NodePlan, PlanContainer, PlanNode } from './plan-types.ts';
import { versionTable } from './versions.ts';

const table = versionTable();
/** Stands in for the cluster PKI: a digest for every path, as if each file were issued. */
const issued = (path: string) => sha256Hex(`issued ${path}`);
const node = (name: string, ip: string, roles: PlanNode['roles']): PlanNode => ({ name, roles, address: ip, internalAddress: ip });
const NODES = [node('n1', '10.0.0.1', ['controlplane', 'etcd', 'worker']), node('n2', '10.0.0.2', ['controlplane', 'etcd', 'worker']), node('n3', '10.0.0.3', ['controlplane', 'etcd', 'worker']), node('w4', '10.0.0.4', ['worker'])];

const plans = (o: Partial<PlanInput> = {}): Map<string, NodePlan> => computePlans({ cluster: 'edge', spec: {}, table, nodes: NODES, digest: issued, ...o });
const container = (p: NodePlan | undefined, name: string): PlanContainer => {
  const c = p?.containers.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no ${name} in ${p?.node}`);
  return c;
};
/** The value of `--flag` in a container's args (undefined when absent). */
const flag = (c: PlanContainer, name: string): string | undefined => {
  const a = c.args.find((x) => x.startsWith(`--${name}=`));
  return a === undefined ? undefined : a.slice(name.length + 3);
};

describe('per-role container sets', () => {
  it('follow RKE: etcd, control plane, worker components everywhere, the API proxy where no control plane runs', () => {
    const p = plans();
    expect(p.get('n1')!.containers.map((c) => c.name)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'cri-dockerd', 'kubelet', 'kube-proxy']);
    expect(p.get('w4')!.containers.map((c) => c.name)).toEqual(['nginx-proxy', 'cri-dockerd', 'kubelet', 'kube-proxy']);
    const etcdOnly = plans({ nodes: [...NODES, node('e5', '10.0.0.5', ['etcd'])] }).get('e5')!;
    expect(etcdOnly.containers.map((c) => c.name)).toEqual(['etcd', 'nginx-proxy', 'cri-dockerd', 'kubelet', 'kube-proxy']);
    expect(flag(container(etcdOnly, 'kubelet'), 'register-with-taints')).toBe('node-role.kubernetes.io/etcd=true:NoExecute');
    expect(flag(container(p.get('n1'), 'kubelet'), 'register-with-taints')).toBeUndefined();
    expect(container(p.get('w4'), 'nginx-proxy').env).toEqual(['CP_HOSTS=10.0.0.1,10.0.0.2,10.0.0.3']);
  });

  it('waits for etcd and control-plane nodes and for issued certificates', () => {
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const noCp = caught(() => plans({ nodes: [node('w4', '10.0.0.4', ['worker', 'etcd'])] }));
    expect(isDroverError(noCp, 'DROVER_ERR_PLAN_INVALID') && noCp.message).toContain('waiting for a node with the controlplane role');
    const notIssued = caught(() => plans({ digest: (p) => (p.endsWith('kube-apiserver-key.pem') ? undefined : issued(p)) }));
    expect((notIssued as Error).message).toContain('certificates not issued yet: /etc/kubernetes/ssl/kube-apiserver-key.pem');
    expect((caught(() => plans({ spec: { kubernetesVersion: 'v1.0.0' } })) as Error).message).toContain('v1.0.0 is not supported');
  });
});

describe('component flags', () => {
  const n1 = plans().get('n1')!;

  it('kube-apiserver gets the upstream flags: etcd servers, client CA, serving cert, Service range', () => {
    const api = container(n1, 'kube-apiserver');
    expect(flag(api, 'etcd-servers')).toBe('https://10.0.0.1:2379,https://10.0.0.2:2379,https://10.0.0.3:2379');
    expect(flag(api, 'client-ca-file')).toBe('/etc/kubernetes/ssl/kube-ca.pem');
    expect(flag(api, 'tls-cert-file')).toBe('/etc/kubernetes/ssl/kube-apiserver.pem');
    expect(flag(api, 'tls-private-key-file')).toBe('/etc/kubernetes/ssl/kube-apiserver-key.pem');
    expect(flag(api, 'service-cluster-ip-range')).toBe('10.43.0.0/16');
    expect(flag(api, 'advertise-address')).toBe('10.0.0.1');
    expect(flag(api, 'authorization-mode')).toBe('Node,RBAC');
    expect(api.args).toEqual([...api.args].sort());
    expect(api.healthCheck).toMatchObject({ type: 'https', url: 'https://127.0.0.1:6443/healthz' });
  });

  it('the kubelet names cri-dockerd as its runtime, which runs as a container of the plan on that socket', () => {
    const kubelet = container(n1, 'kubelet');
    expect(flag(kubelet, 'container-runtime-endpoint')).toBe('unix:///var/run/cri-dockerd.sock');
    expect(flag(container(n1, 'cri-dockerd'), 'container-runtime-endpoint')).toBe('unix:///var/run/cri-dockerd.sock');
    expect(flag(kubelet, 'kubeconfig')).toBe('/etc/kubernetes/ssl/kubecfg-kube-node.yaml');
    expect(flag(kubelet, 'cluster-dns')).toBe('10.43.0.10');
    expect(flag(kubelet, 'pod-infra-container-image')).toBe('registry.k8s.io/pause:3.10');
    expect([kubelet.privileged, kubelet.pidMode, kubelet.networkMode, kubelet.restartPolicy]).toEqual([true, 'host', 'host', 'always']);
  });

  it('etcd forms its cluster from the etcd nodes\' addresses, with TLS on both ports', () => {
    const etcd = container(n1, 'etcd');
    expect(flag(etcd, 'initial-cluster')).toBe('etcd-n1=https://10.0.0.1:2380,etcd-n2=https://10.0.0.2:2380,etcd-n3=https://10.0.0.3:2380');
    expect(flag(etcd, 'cert-file')).toBe('/etc/kubernetes/ssl/kube-etcd-10-0-0-1.pem');
    expect(flag(etcd, 'client-cert-auth')).toBe('true');
    expect(etcd.binds).toContain('/var/lib/etcd:/var/lib/rancher/etcd:z');
  });

  it('extraArgs override the defaults and the computed flags; extraBinds and extraEnv are added', () => {
    const p = plans({
      spec: {
        services: {
          kubeApi: { extraArgs: { 'authorization-mode': 'RBAC', 'audit-log-maxage': '7', 'service-cluster-ip-range': '10.43.0.0/16' } },
          kubelet: { extraArgs: { 'max-pods': '250' }, extraBinds: ['/mnt/data:/mnt/data'], extraEnv: ['HTTP_PROXY=http://proxy:3128'] },
        },
      },
    }).get('n1')!;
    const api = container(p, 'kube-apiserver');
    expect(flag(api, 'authorization-mode')).toBe('RBAC');
    expect(flag(api, 'audit-log-maxage')).toBe('7');
    expect(api.args.filter((a) => a.startsWith('--authorization-mode='))).toHaveLength(1);
    const kubelet = container(p, 'kubelet');
    expect(flag(kubelet, 'max-pods')).toBe('250');
    expect(kubelet.binds.at(-1)).toBe('/mnt/data:/mnt/data');
    expect(kubelet.env).toEqual(['HTTP_PROXY=http://proxy:3128']);
  });
});

describe('images', () => {
  it('are the version table\'s upstream images, each rewritten to the default private registry', () => {
    const v = table.find('v1.31.5')!;
    const plain = plans({ spec: { kubernetesVersion: 'v1.31.5' } }).get('n1')!;
    expect(container(plain, 'kube-apiserver').image).toBe(v.images.kubeApiserver);
    const mirrored = plans({ spec: { kubernetesVersion: 'v1.31.5', privateRegistries: [{ url: 'other.local', default: false }, { url: 'reg.local:5000', default: true }] } });
    for (const p of mirrored.values()) {
      for (const c of p.containers) expect(c.image.startsWith('reg.local:5000/')).toBe(true);
      expect(flag(container(p, 'kubelet'), 'pod-infra-container-image')).toBe('reg.local:5000/pause:3.10');
    }
    expect(container(mirrored.get('n1'), 'kube-apiserver').image).toBe('reg.local:5000/kube-apiserver:v1.31.5');
    expect(container(mirrored.get('w4'), 'kubelet').image).toBe('reg.local:5000/rancher/hyperkube:v1.31.5-rancher1');
  });
});

describe('hashes', () => {
  it('are stable across recomputation and node order', () => {
    const a = plans();
    const b = plans({ nodes: [...NODES].reverse() });
    for (const [name, p] of a) expect(b.get(name)!.hash).toBe(p.hash);
    expect(new Set([...a.values()].map((p) => p.hash)).size).toBe(4);
  });

  it('change with a relevant spec field, only for the containers it touches', () => {
    const base = plans().get('n1')!;
    const changed = plans({ spec: { services: { kubeApi: { extraArgs: { v: '4' } } } } }).get('n1')!;
    expect(changed.hash).not.toBe(base.hash);
    const diff = base.containers.filter((c, i) => c.specHash !== changed.containers[i]!.specHash).map((c) => c.name);
    expect(diff).toEqual(['kube-apiserver']);
    expect(plans({ spec: { kubernetesVersion: table.defaultVersion } }).get('n1')!.hash).toBe(base.hash);
    const label = container(base, 'kubelet').labels;
    expect(label).toEqual({ 'drover.dev/managed': 'true', 'drover.dev/component': 'kubelet', 'drover.dev/spec-hash': container(base, 'kubelet').specHash });
  });

  it('a re-issued certificate replaces exactly the containers that read it', () => {
    const base = plans().get('n1')!;
    const reissued = plans({ digest: (p) => (p.endsWith('/kube-proxy.pem') ? sha256Hex('new') : issued(p)) }).get('n1')!;
    const diff = base.containers.filter((c, i) => c.specHash !== reissued.containers[i]!.specHash).map((c) => c.name);
    expect(diff).toEqual(['kube-proxy']);
  });
});

describe('key material', () => {
  it('never appears in a plan: keys are 0600 files known by digest only', () => {
    // Real keys stand behind the digests, as the cluster PKI will hold them.
    const pems = new Map<string, string>();
    const keyOf = (path: string): string => {
      let pem = pems.get(path);
      if (pem === undefined) {
        pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        pems.set(path, pem);
      }
      return pem;
    };
    const json = JSON.stringify([...plans({ digest: (p) => sha256Hex(p.endsWith('-key.pem') ? keyOf(p) : `cert ${p}`) }).values()]);
    expect(pems.size).toBe(10); // 7 shared by path + one etcd key per etcd node
    expect(json).not.toContain('PRIVATE KEY');
    for (const pem of pems.values()) expect(json).not.toContain(pem.split('\n')[1]!);
    const n1 = plans().get('n1')!;
    const keys = n1.files.filter((f) => f.kind === 'private-key');
    expect(keys.map((f) => f.path)).toContain('/etc/kubernetes/ssl/kube-apiserver-key.pem');
    for (const f of keys) expect([f.mode, f.content, /^[0-9a-f]{64}$/.test(f.sha256)]).toEqual(['0600', undefined, true]);
    expect(n1.files.some((f) => f.path.endsWith('kube-ca-key.pem'))).toBe(false);
    const w4 = plans().get('w4')!;
    expect(w4.files.some((f) => f.path.includes('kube-apiserver'))).toBe(false);
  });

  it('kubeconfigs point at the local API on 127.0.0.1:6443 and name files, nothing inline', () => {
    const kc = plans().get('w4')!.files.find((f) => f.path === '/etc/kubernetes/ssl/kubecfg-kube-node.yaml')!;
    expect(kc.content).toContain('server: https://127.0.0.1:6443');
    expect(kc.content).toContain('client-key: /etc/kubernetes/ssl/kube-node-key.pem');
    expect(kc.content).not.toMatch(/-data:/);
    expect(kc.sha256).toBe(sha256Hex(kc.content!));
  });
});

describe('planNodeOf', () => {
  it('takes the internal address from the spec, else the agent\'s report, and refuses a node without one', () => {
    expect(planNodeOf({ metadata: { name: 'a' }, spec: { roles: ['worker', 'etcd'] }, status: { addresses: [{ type: 'InternalIP', address: '10.1.0.9' }], docker: { cgroupDriver: 'systemd' } } })).toEqual({
      name: 'a',
      roles: ['etcd', 'worker'],
      address: '10.1.0.9',
      internalAddress: '10.1.0.9',
      cgroupDriver: 'systemd',
    });
    expect(() => planNodeOf({ metadata: { name: 'b' }, spec: { roles: ['worker'] } })).toThrow(/node b has no address yet/);
  });
});

describe('what the cluster PKI must issue', () => {
  it('gives the apiserver certificate RKE\'s SANs and each etcd node its own certificate for every etcd address', () => {
    const spec = effectiveClusterSpec({ authentication: { sans: ['k8s.example.internal', '203.0.113.10'] } }, table);
    const n1 = certificatesFor(NODES[0]!, NODES, spec);
    const api = n1.find((c) => c.name === 'kube-apiserver')!;
    expect(api.ipAddresses).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.43.0.1', '127.0.0.1', '203.0.113.10']);
    expect(api.dnsNames).toEqual(expect.arrayContaining(['k8s.example.internal', 'kubernetes.default.svc.cluster.local', 'localhost', 'n1', 'n2', 'n3']));
    expect(api.dnsNames).not.toContain('w4');
    const etcd = n1.find((c) => c.name === 'kube-etcd-10-0-0-1')!;
    expect(etcd.ipAddresses).toEqual(['10.0.0.1', '127.0.0.1']);
    expect(n1.find((c) => c.name === 'kube-node')).toMatchObject({ commonName: 'system:node', organization: 'system:nodes', withKey: true });
    expect(certificatesFor(NODES[3]!, NODES, spec).map((c) => c.name)).toEqual(['kube-ca', 'kube-node', 'kube-proxy']);
  });

  it('keeps registry credentials out of every plan', () => {
    const spec = { privateRegistries: [{ url: 'reg.local:5000', default: true, username: 'pull', password: 'hunter2-registry', sealedPassword: 'sealed-blob-xyz' }] };
    const json = JSON.stringify([...plans({ spec }).values()]);
    expect(json).toContain('reg.local:5000/');
    for (const secret of ['hunter2-registry', 'sealed-blob-xyz', '"pull"']) expect(json).not.toContain(secret);
  });
});

describe('etcd membership', () => {
  const etcdArgs = (p: Map<string, NodePlan>, n: string) => {
    const c = container(p.get(n), 'etcd');
    return `${flag(c, 'initial-cluster-state')} ${flag(c, 'initial-cluster')}`;
  };

  it('before any is recorded every etcd node bootstraps together; after, the bootstrap set keeps its args and a later node joins the members before it', () => {
    const fresh = plans();
    const all = 'etcd-n1=https://10.0.0.1:2380,etcd-n2=https://10.0.0.2:2380,etcd-n3=https://10.0.0.3:2380';
    expect(etcdArgs(fresh, 'n2')).toBe(`new ${all}`);
    // Recorded with the same set: nothing changes, so recording restarts no member.
    const recorded = plans({ etcd: { members: ['n1', 'n2', 'n3'], bootstrapped: 3 } });
    for (const n of ['n1', 'n2', 'n3']) expect(container(recorded.get(n), 'etcd').specHash).toBe(container(fresh.get(n), 'etcd').specHash);

    // n2 bootstrapped alone; n3 was added later; n1 has not joined yet.
    const grown = plans({ etcd: { members: ['n2', 'n3'], bootstrapped: 1 } });
    expect(etcdArgs(grown, 'n2')).toBe('new etcd-n2=https://10.0.0.2:2380');
    expect(etcdArgs(grown, 'n3')).toBe('existing etcd-n2=https://10.0.0.2:2380,etcd-n3=https://10.0.0.3:2380');
    expect(etcdArgs(grown, 'n1')).toBe('existing etcd-n2=https://10.0.0.2:2380,etcd-n3=https://10.0.0.3:2380,etcd-n1=https://10.0.0.1:2380');
    // Once n1 is recorded its args stay what they were while it waited.
    const joined = plans({ etcd: { members: ['n2', 'n3', 'n1'], bootstrapped: 1 } });
    expect(container(joined.get('n1'), 'etcd').specHash).toBe(container(grown.get('n1'), 'etcd').specHash);
  });
});
