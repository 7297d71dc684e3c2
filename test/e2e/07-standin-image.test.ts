/**
 * The stand-in kube-apiserver image on a testbed host (support/control-plane.ts): etcd and the
 * stand-in as containers on host networking with certificates from a cluster CA, driven by the
 * real kubectl from inside the host (the root namespace cannot reach it): discovery, exec with
 * busybox's sh, and cp in and out with busybox's tar. Opt-in and shared as 01-refusals says.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCa, issueCertificate, renderKubeconfig } from '@drover/pki';
import { startStandinControlPlane } from './support/control-plane.ts';
import type { StandinControlPlane } from './support/control-plane.ts';
import { ENABLED, suiteTitle } from './support/e2e.ts';
import { env } from './support/hosts.ts';
import { TESTBED } from './support/global-setup.ts';
import { run, until } from './support/process.ts';

const K = 1;
const ECHO_PORT = 18080;

describe.skipIf(!ENABLED)(suiteTitle('stand-in kube-apiserver image on a testbed host'), () => {
  let cp: StandinControlPlane;
  let dir: string;
  let kubeconfig: string;
  const kubectl = (args: string[], input?: string, extraEnv: Record<string, string> = {}) =>
    run('sh', ['-c', `k=$1 kc=$2 cache=$3; shift 3; ${input === undefined ? '' : `printf %s '${input}' | `}"$0" exec "$k" /usr/bin/kubectl --kubeconfig "$kc" --cache-dir "$cache" "$@"`, TESTBED, String(K), kubeconfig, join(dir, 'cache'), ...args], { timeoutMs: 60_000, env: extraEnv });

  beforeAll(async () => {
    const testbed = inject('testbed');
    if (testbed === null) throw new Error('the e2e globalSetup did not bring up the testbed');
    Object.assign(env, testbed.env);
    dir = await mkdtemp(join(tmpdir(), 'drover-e2e-standin-'));
    const ca = await createCa({ commonName: 'e2e-cluster-ca' });
    const ip = env[`TB_HOST${K}_IP`]!;
    const pems = {
      caPem: ca.certPem,
      apiserver: await issueCertificate(ca, { commonName: 'kube-apiserver', ipAddresses: ['127.0.0.1', ip], dnsNames: ['localhost', 'kubernetes'], usages: 'server' }),
      etcdServer: await issueCertificate(ca, { commonName: 'kube-etcd', ipAddresses: ['127.0.0.1', ip], dnsNames: ['localhost'], usages: 'both' }),
      etcdClient: await issueCertificate(ca, { commonName: 'kube-node', organization: ['system:nodes'], usages: 'client' }),
    };
    const started = Date.now();
    cp = await startStandinControlPlane(K, pems);
    console.log(`stand-in control plane on host ${K}: ${Date.now() - started} ms (image ${cp.timings.image}, etcd ${cp.timings.etcd}, apiserver ${cp.timings.apiserver}) ${cp.image}`);
    const admin = await issueCertificate(ca, { commonName: 'kube-admin', organization: ['system:masters'], usages: 'client' });
    kubeconfig = join(dir, 'kubeconfig');
    await writeFile(kubeconfig, renderKubeconfig({ server: 'https://127.0.0.1:6443', caPem: ca.certPem, clientCertPem: admin.certPem, clientKeyPem: admin.keyPem, clusterName: 'standin', userName: 'kube-admin', contextName: 'standin' }));
  }, 300_000);
  afterAll(async () => {
    await cp?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('kubectl inside the host: get ns, exec with busybox sh (exit code), cp in and out with busybox tar', async () => {
    const ns = await kubectl(['get', 'ns']);
    expect(ns.code, ns.stderr).toBe(0);
    expect(ns.stdout).toMatch(/^kube-system\s/m);
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shell' }, spec: { containers: [{ name: 'main', image: 'busybox' }] }, status: { phase: 'Running' } });
    expect((await kubectl(['create', '-f', '-', '--validate=false'], pod)).code).toBe(0);
    const ex = await kubectl(['exec', 'shell', '--', 'sh', '-c', 'echo hi from $(readlink /bin/sh); exit 3']);
    expect(ex.code).toBe(3);
    expect(ex.stdout).toBe('hi from busybox\n');
    const content = randomBytes(100_000);
    const local = join(dir, 'in.bin');
    await writeFile(local, content);
    const into = await kubectl(['cp', local, 'shell:/tmp/in.bin']);
    expect(into.code, into.stderr).toBe(0);
    const back = join(dir, 'out.bin');
    const out = await kubectl(['cp', 'shell:/tmp/in.bin', back]);
    expect(out.code, out.stderr).toBe(0);
    expect((await readFile(back)).equals(content)).toBe(true);
    // The SPDY fallback in the bundled image.
    const spdy = await kubectl(['exec', 'shell', '--', 'sh', '-c', 'echo spdy; exit 4'], undefined, { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' });
    expect(spdy).toMatchObject({ code: 4, stdout: 'spdy\n' });
  });

  it('port-forward inside the host to a pod container listening in the stand-in (busybox nc), bytes round-trip', async () => {
    const pod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'echo' }, spec: { containers: [{ name: 'main', image: 'busybox', command: ['nc', '-ll', '-p', String(ECHO_PORT), '-e', 'cat'] }] }, status: { phase: 'Running' } });
    expect((await kubectl(['create', '-f', '-', '--validate=false'], pod)).code).toBe(0);
    // kubectl port-forward runs in the host (its own process group, so it can be stopped whole).
    const pf = spawn(TESTBED, ['exec', String(K), '/usr/bin/kubectl', '--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache-pf'), 'port-forward', 'echo', `:${ECHO_PORT}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    pf.stdout.on('data', (d: Buffer) => (log += d.toString()));
    pf.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      const local = await until('port-forward ready', 30_000, () => Promise.resolve(/Forwarding from 127\.0\.0\.1:(\d+)/.exec(log)?.[1]));
      // nc starts with the pod: retry until it listens (bounded).
      const client = "const s=require('net').connect(+process.argv[1],'127.0.0.1');let b='';s.on('data',d=>b+=d);s.on('end',()=>{process.stdout.write(b)});s.on('error',e=>{console.error(e.message);process.exit(1)});s.end('round trip through port-forward')";
      const echoed = await until('echo through port-forward', 30_000, async () => {
        const r = await run(TESTBED, ['exec', String(K), process.execPath, '-e', client, local], { timeoutMs: 20_000 });
        return r.stdout === 'round trip through port-forward' ? r.stdout : undefined;
      }, 500);
      expect(echoed).toBe('round trip through port-forward');
    } finally {
      if (pf.pid !== undefined) process.kill(-pf.pid, 'SIGKILL');
    }
  });
});
