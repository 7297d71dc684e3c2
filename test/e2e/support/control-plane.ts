/**
 * A Kubernetes control plane on a testbed host for the end-to-end suites, until provisioning
 * starts the real components: Debian's etcd 3.4 (TB_IMAGE_ETCD) and the stand-in kube-apiserver
 * image (test/fixtures/kube-apiserver/image.ts) as containers on host networking, with RKE-style
 * files and flags:
 *
 *   const cp = await startStandinControlPlane(1, { caPem, apiserver, etcdServer, etcdClient });
 *   // on host 1: https://127.0.0.1:6443 (and https://<TB_HOST1_IP>:6443) serves the Kubernetes API
 *   await cp.stop();
 *
 * The caller issues the certificates (from the cluster CA): `apiserver` for 127.0.0.1 and the
 * host's IP (what clients dial), `etcdServer` for 127.0.0.1, `etcdClient` with clientAuth. `caPem`
 * is the apiserver's --client-ca-file and etcd's trusted CA. Files go to the host's
 * /etc/kubernetes/ssl (keys 0600); etcd's data to its /var/lib/etcd, emptied first.
 */
import { chmod, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildStandinImage } from '../../fixtures/kube-apiserver/image.ts';
import { docker, env, hostFs } from './hosts.ts';
import { mustRun, until } from './process.ts';

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface ControlPlanePems {
  caPem: string;
  apiserver: KeyPair;
  etcdServer: KeyPair;
  etcdClient: KeyPair;
}

export interface StandinControlPlane {
  /** The stand-in's image as the host pulled it. */
  image: string;
  /** Container names on the host. */
  etcdContainer: string;
  apiserverContainer: string;
  /** Wall times of the steps, in ms (image = build or cache hit and push; ready = until /healthz answered). */
  timings: { image: number; etcd: number; apiserver: number };
  /** Removes both containers (the certificates and etcd's data stay until the next start). */
  stop(): Promise<void>;
}

export const ETCD_CONTAINER = 'drover-e2e-etcd';
export const APISERVER_CONTAINER = 'drover-e2e-kube-apiserver';
const SSL = '/etc/kubernetes/ssl';
const READY_TIMEOUT_MS = 60_000;

async function writeSsl(k: number, files: Record<string, { pem: string; secret: boolean }>): Promise<void> {
  const dir = join(hostFs(k), SSL);
  await mkdir(dir, { recursive: true });
  for (const [name, { pem, secret }] of Object.entries(files)) {
    const path = join(dir, name);
    await writeFile(path, pem, { mode: secret ? 0o600 : 0o644 });
    await chmod(path, secret ? 0o600 : 0o644);
  }
}

/** Empties a per-host directory in place (removing it would leave the host's bind mount dangling). */
async function emptyDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  for (const entry of await readdir(path)) await rm(join(path, entry), { recursive: true, force: true });
}

const ssl = (name: string) => `${SSL}/${name}`;

export async function startStandinControlPlane(k: number, pems: ControlPlanePems): Promise<StandinControlPlane> {
  const ip = env[`TB_HOST${k}_IP`]!;
  let t = Date.now();
  const img = await buildStandinImage({ pushRegistry: env.TB_PUSH_REGISTRY!, pullRegistry: env.TB_REGISTRY!, nodeImage: env.TB_ROOT_IMAGE_NODE!, busyboxImage: env.TB_ROOT_IMAGE_BUSYBOX!, dockerHost: env.TB_ROOT_DOCKER_HOST });
  const timings = { image: Date.now() - t, etcd: 0, apiserver: 0 };

  await docker(k, ['rm', '-f', ETCD_CONTAINER, APISERVER_CONTAINER]);
  await writeSsl(k, {
    'kube-ca.pem': { pem: pems.caPem, secret: false },
    'kube-apiserver.pem': { pem: pems.apiserver.certPem, secret: false },
    'kube-apiserver-key.pem': { pem: pems.apiserver.keyPem, secret: true },
    'kube-etcd.pem': { pem: pems.etcdServer.certPem, secret: false },
    'kube-etcd-key.pem': { pem: pems.etcdServer.keyPem, secret: true },
    'kube-node.pem': { pem: pems.etcdClient.certPem, secret: false },
    'kube-node-key.pem': { pem: pems.etcdClient.keyPem, secret: true },
  });
  await emptyDir(join(hostFs(k), 'var/lib/etcd'));
  const must = async (args: string[]) => {
    const r = await docker(k, args, 120_000);
    if (r.code !== 0) throw new Error(`docker ${args.join(' ')} on host ${k}: ${r.stderr}`);
    return r.stdout;
  };

  t = Date.now();
  // One member, client TLS with client-certificate authentication, as RKE runs etcd.
  await must([
    'run', '-d', '--name', ETCD_CONTAINER, '--net=host', '--restart=unless-stopped', '-v', '/etc/kubernetes:/etc/kubernetes:ro', '-v', '/var/lib/etcd:/var/lib/etcd',
    env.TB_IMAGE_ETCD!, 'etcd', `--name=etcd-${k}`, '--data-dir=/var/lib/etcd',
    `--listen-client-urls=https://0.0.0.0:2379`, `--advertise-client-urls=https://${ip}:2379`,
    '--listen-peer-urls=http://127.0.0.1:2380', '--initial-advertise-peer-urls=http://127.0.0.1:2380', `--initial-cluster=etcd-${k}=http://127.0.0.1:2380`,
    `--cert-file=${ssl('kube-etcd.pem')}`, `--key-file=${ssl('kube-etcd-key.pem')}`, `--trusted-ca-file=${ssl('kube-ca.pem')}`, '--client-cert-auth',
  ]);
  await until(`etcd healthy on host ${k}`, READY_TIMEOUT_MS, async () => {
    const r = await docker(k, ['exec', ETCD_CONTAINER, 'etcdctl', '--endpoints=https://127.0.0.1:2379', `--cacert=${ssl('kube-ca.pem')}`, `--cert=${ssl('kube-node.pem')}`, `--key=${ssl('kube-node-key.pem')}`, 'endpoint', 'health']);
    return r.code === 0 ? true : undefined;
  }, 250);
  timings.etcd = Date.now() - t;

  t = Date.now();
  // RKE's flags (rke cluster/plan.go BuildKubeAPIProcess), including ones the stand-in only accepts.
  await must([
    'run', '-d', '--name', APISERVER_CONTAINER, '--net=host', '--restart=unless-stopped', '-v', '/etc/kubernetes:/etc/kubernetes:ro', img.ref,
    '--etcd-servers=https://127.0.0.1:2379', '--etcd-prefix=/registry', `--etcd-cafile=${ssl('kube-ca.pem')}`, `--etcd-certfile=${ssl('kube-node.pem')}`, `--etcd-keyfile=${ssl('kube-node-key.pem')}`,
    `--client-ca-file=${ssl('kube-ca.pem')}`, `--tls-cert-file=${ssl('kube-apiserver.pem')}`, `--tls-private-key-file=${ssl('kube-apiserver-key.pem')}`,
    '--bind-address=0.0.0.0', '--secure-port=6443', `--advertise-address=${ip}`, '--anonymous-auth=false', '--authorization-mode=Node,RBAC',
    '--storage-backend=etcd3', '--allow-privileged=true', '--service-cluster-ip-range=10.43.0.0/16', '--profiling=false', '--cloud-provider=',
  ]);
  // The root namespace cannot reach the host: probe from inside, with the container's own Node.
  const probe = "require('https').get('https://127.0.0.1:6443/healthz',{rejectUnauthorized:false},(r)=>{let b='';r.on('data',(d)=>b+=d);r.on('end',()=>{process.stdout.write(r.statusCode+' '+b);process.exit(r.statusCode===200?0:1)})}).on('error',()=>process.exit(1))";
  await until(`stand-in kube-apiserver /healthz on host ${k}`, READY_TIMEOUT_MS, async () => {
    const r = await docker(k, ['exec', APISERVER_CONTAINER, 'node', '-e', probe]);
    if (r.code === 0 && r.stdout === '200 ok') return true;
    const state = (await docker(k, ['inspect', '-f', '{{.State.Status}} {{.RestartCount}}', APISERVER_CONTAINER])).stdout.trim();
    if (!state.startsWith('running') || !state.endsWith(' 0')) {
      throw new Error(`stand-in container on host ${k} is ${state}:\n${(await docker(k, ['logs', '--tail', '50', APISERVER_CONTAINER])).stderr}`);
    }
    return undefined;
  }, 250);
  timings.apiserver = Date.now() - t;

  return {
    image: img.ref,
    etcdContainer: ETCD_CONTAINER,
    apiserverContainer: APISERVER_CONTAINER,
    timings,
    async stop() {
      await mustRun('docker', ['rm', '-f', APISERVER_CONTAINER, ETCD_CONTAINER], { env: { DOCKER_HOST: env[`TB_HOST${k}_DOCKER_HOST`]! } });
    },
  };
}
