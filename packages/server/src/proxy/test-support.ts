/**
 * Test harness of the proxy: a started Drover server whose proxy dials the stand-in
 * kube-apiserver (test/fixtures, real etcd) through a real agent tunnel, cluster `c1` with a
 * connected control-plane node, Drover's ClusterRoleBindings created in the stand-in through
 * `ctx.clusterApi`, users with each role, and the real kubectl with a kubeconfig per user pointing
 * at `/k8s/clusters/<cluster>` with the Drover CA and the user's token.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderKubeconfig } from '@drover/pki';
import { tcpTarget } from '@drover/tunnel';
import type { Session } from '@drover/tunnel';
import { KUBECTL, run, startStandinEnv } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import type { RunResult, StandinEnv } from '../../../../test/fixtures/kube-apiserver/test-support/standin.ts';
import { freePort } from '../../../../test/fixtures/kube-apiserver/test-support/etcd-process.ts';
import { api, clusterWithToken, connectAgent, register, startAgentTestServer, startRelay } from '../agents/test-support.ts';
import type { AgentTestServer, TestLog } from '../agents/test-support.ts';
import type { AuditRecord } from '../audit/record.ts';
import { getClusterCaRecord, issueClusterCert } from '../cluster-pki/cluster-ca.ts';
import type { ClusterCaSpec } from '../cluster-pki/cluster-ca.ts';
import { RESOURCES } from '../kinds/resources.ts';
import { clusterRoleBindingObject, DROVER_CLUSTER_ROLE_BINDINGS } from './groups.ts';

export const PASSWORD = 'proxy-tests-password';

export interface ProxyEnv {
  s: AgentTestServer;
  standin: StandinEnv;
  audit: AuditRecord[];
  /** Tokens by user name (admin, olga owner, mia member, rita read-only, nick no member). */
  tokens: Record<string, string>;
  /** A port nothing listens on that the agents may dial (the proxy's target for cluster `dead`). */
  closedPort: number;
  sessions: Session[];
  /** kubectl as `user` through Drover; `env` adds variables (e.g. KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false). */
  kubectl(user: string, args: string[], opts?: { cluster?: string; timeoutMs?: number; input?: string; env?: Record<string, string> }): Promise<RunResult>;
  /** A long-running kubectl as `user` through Drover (the caller kills it). */
  kubectlProcess(user: string, args: string[], env?: Record<string, string>): Promise<ChildProcessWithoutNullStreams>;
  /** Starts a long-running kubectl; resolves with its stdout once `until` holds (after `onStart`), then kills it. */
  kubectlUntil(user: string, args: string[], until: (out: string) => boolean, onStart: () => Promise<unknown>, timeoutMs?: number): Promise<string>;
  /** With `viaRelay`: the TCP relay cp1's tunnel runs through (`freeze()` cuts the link silently). */
  relay?: { freeze(): void; close(): Promise<void> };
  /** Registers `node` (control plane) in `cluster` and connects its agent, allowing `ports`. */
  connectNode(cluster: string, node: string, ports: number[]): Promise<Session>;
  close(): Promise<void>;
}

export const USERS = { olga: 'owner', mia: 'member', rita: 'read-only' } as const;

export async function startProxyEnv(options: { viaRelay?: boolean; env?: Record<string, string>; log?: TestLog } = {}): Promise<ProxyEnv> {
  const audit: AuditRecord[] = [];
  let apiserverPort = 0;
  const closedPort = await freePort();
  const started: { server?: AgentTestServer } = {};
  const s = await startAgentTestServer(options.env ?? {}, undefined, {}, {
    proxy: {
      // The cluster `dead` points at a closed port: every dial fails.
      target: (cluster) => tcpTarget('127.0.0.1', cluster === 'dead' ? closedPort : apiserverPort),
      // Kept for assertions, and handed on to the server's audit log (AuditEvents).
      audit: {
        record: (r) => {
          audit.push(r);
          started.server?.app.drover.audit.record(r);
        },
      },
    },
  }, options.log);
  started.server = s;
  const sessions: Session[] = [];
  let standin: StandinEnv | undefined;
  const relay = options.viaRelay === true ? await startRelay(Number(new URL(s.url).port)) : undefined;
  try {
    const tokens: Record<string, string> = { admin: s.admin };
    const joinToken = await clusterWithToken(s, 'c1');
    const c1 = await s.t.store.get(RESOURCES.clusters, '', 'c1');
    const serving = await issueClusterCert(s.t.store, s.app.drover.secretBox, c1, { commonName: 'kube-apiserver', ipAddresses: ['127.0.0.1'], dnsNames: ['localhost', 'kubernetes'], usages: 'server' });
    // The harness's own kubectl users are signed with the cluster CA, so the test opens its key.
    const spec = (await getClusterCaRecord(s.t.store, 'c1'))?.spec as ClusterCaSpec;
    standin = await startStandinEnv({ ca: { certPem: spec.certPem, keyPem: s.app.drover.secretBox.open(spec.sealedKey), notAfter: new X509Certificate(spec.certPem).validToDate }, serving });
    apiserverPort = Number(new URL(standin.url).port);

    const connectNode = async (cluster: string, node: string, ports: number[], via?: string): Promise<Session> => {
      const tok = cluster === 'c1' && node === 'cp1' ? joinToken : await clusterWithToken(s, cluster, `join-${node}`);
      const reg = await register(s, tok, node, `ENG-${cluster}-${node}`);
      if (reg.status >= 300) throw new Error(`register ${node}: ${reg.status} ${JSON.stringify(reg.body)}`);
      const session = await connectAgent(s, String((reg.body as { credential: string }).credential), `ENG-${cluster}-${node}`, ports, via);
      sessions.push(session);
      const deadline = Date.now() + 5000;
      while (s.app.drover.agents.session(cluster, node) === undefined) {
        if (Date.now() > deadline) throw new Error(`node ${node} did not connect`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return session;
    };
    await connectNode('c1', 'cp1', [apiserverPort], relay?.url);

    for (const [name, role] of Object.entries(USERS)) {
      await createUser(s, name);
      const m = await api(s, 'POST', '/namespaces/c1/clustermembers', { apiVersion: 'management.drover.dev/v1', kind: 'ClusterMember', metadata: { name }, spec: { user: name, role } });
      if (m.status !== 201) throw new Error(`member ${name}: ${m.status} ${JSON.stringify(m.body)}`);
    }
    await createUser(s, 'nick');
    for (const name of [...Object.keys(USERS), 'nick']) tokens[name] = await login(s, name);

    // Drover's bindings: the cluster-rbac controller applies them once the control-plane node is
    // connected (controllers/cluster-rbac.ts); read back as Drover itself through the same transport.
    for (const b of DROVER_CLUSTER_ROLE_BINDINGS) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const res = await s.app.drover.clusterApi.request('c1', { method: 'GET', path: `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${encodeURIComponent(b.name)}` });
        const text = await res.body.text();
        if (res.statusCode === 200) {
          const live = JSON.parse(text) as Record<string, unknown>;
          const want = clusterRoleBindingObject(b);
          if (JSON.stringify([live.roleRef, live.subjects]) !== JSON.stringify([want.roleRef, want.subjects])) throw new Error(`clusterrolebinding ${b.name} as applied: ${text}`);
          break;
        }
        if (Date.now() > deadline) throw new Error(`the cluster-rbac controller did not apply clusterrolebinding ${b.name}: ${res.statusCode} ${text}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    const configs = new Map<string, string>();
    let runs = 0;
    const argsFor = async (user: string, args: string[], cluster = 'c1'): Promise<string[]> => {
      const key = `${user}@${cluster}`;
      let file = configs.get(key);
      if (file === undefined) {
        file = join(standin!.dir, `kubeconfig-drover-${user}-${cluster}`);
        await writeFile(file, renderKubeconfig({ server: `${s.url}/k8s/clusters/${cluster}`, caPem: s.app.drover.caPem, token: tokens[user]!, clusterName: cluster, userName: user, contextName: cluster, namespace: 'default' }));
        configs.set(key, file);
      }
      runs += 1;
      return ['--kubeconfig', file, '--cache-dir', join(standin!.dir, `drover-cache-${runs}`), '--request-timeout=20s', ...args];
    };
    const env = standin;
    return {
      s,
      standin: env,
      audit,
      tokens,
      closedPort,
      sessions,
      ...(relay === undefined ? {} : { relay }),
      connectNode,
      async kubectl(user, args, opts = {}) {
        return run(KUBECTL, await argsFor(user, args, opts.cluster), opts.timeoutMs ?? 20_000, opts.input ?? '', opts.env);
      },
      async kubectlProcess(user, args, extraEnv = {}) {
        return spawn(KUBECTL, await argsFor(user, args), { env: { ...process.env, ...extraEnv } });
      },
      async kubectlUntil(user, args, until, onStart, timeoutMs = 20_000) {
        const proc = spawn(KUBECTL, await argsFor(user, args), { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        try {
          return await new Promise<string>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`kubectl ${args.join(' ')} did not print what was expected in ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
            let startedOnce = false;
            proc.stdout.on('data', (d: Buffer) => {
              out += d.toString();
              if (!startedOnce) {
                startedOnce = true;
                onStart().catch(reject);
              }
              if (until(out)) {
                clearTimeout(timer);
                resolve(out);
              }
            });
            proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
            proc.once('exit', () => {
              clearTimeout(timer);
              reject(new Error(`kubectl ${args.join(' ')} exited early:\n${out}\n${err}`));
            });
          });
        } finally {
          proc.kill('SIGKILL');
        }
      },
      async close() {
        for (const session of sessions) session.destroy();
        await relay?.close();
        await s.close();
        await env.close();
      },
    };
  } catch (err) {
    for (const session of sessions) session.destroy();
    await relay?.close();
    await s.close();
    await standin?.close();
    throw err;
  }
}

async function createUser(s: AgentTestServer, name: string): Promise<void> {
  const u = await api(s, 'POST', '/users', { apiVersion: 'management.drover.dev/v1', kind: 'User', metadata: { name }, spec: { password: PASSWORD } });
  if (u.status !== 201) throw new Error(`user ${name}: ${u.status} ${JSON.stringify(u.body)}`);
}

async function login(s: AgentTestServer, name: string): Promise<string> {
  const res = await s.app.inject({ method: 'POST', url: '/v1/login', payload: { username: name, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${name}: ${res.statusCode} ${res.body}`);
  return res.json<{ token: string }>().token;
}
