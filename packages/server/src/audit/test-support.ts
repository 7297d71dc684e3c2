/**
 * Test support for the audit log and the kubeconfig: a started server (real store, real
 * authorizer) with users of each role in a cluster, each with the kubeconfig it downloads from
 * `GET /v1/kubeconfig`, and the real kubectl run with it.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAgentTestServer } from '../agents/test-support.ts';
import { cluster, https, member, userWithToken } from '../security/support.ts';
import type { AgentTestServer } from '../security/support.ts';

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';

export interface AuditTestEnv {
  s: AgentTestServer;
  /** Bearer token per user name (`admin` included). */
  tokens: Map<string, string>;
  /** Downloads the user's kubeconfig (query e.g. `?cluster=prod`), writes it, returns the file or the failed status. */
  kubeconfig(user: string, query?: string): Promise<{ status: number; file: string; text: string }>;
  /** Runs kubectl with the user's merged kubeconfig (or `file`); never throws for a non-zero exit. */
  kubectl(user: string, args: string[], o?: { file?: string; input?: string }): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

/**
 * A server with cluster `prod` (owner olga; member max; read-only rita), cluster `other` (admin
 * only) and user sam with no role. `env` overrides DROVER_* settings.
 */
export async function startAuditTestEnv(env: Record<string, string> = {}): Promise<AuditTestEnv> {
  const s = await startAgentTestServer(env);
  const tokens = new Map<string, string>([['admin', s.admin]]);
  for (const u of ['olga', 'max', 'rita', 'sam']) tokens.set(u, await userWithToken(s, u));
  await cluster(s, 'prod');
  await cluster(s, 'other');
  await member(s, 'prod', 'olga', 'owner');
  await member(s, 'prod', 'max', 'member');
  await member(s, 'prod', 'rita', 'read-only');
  const files = new Map<string, string>();
  let runs = 0;

  async function kubeconfig(user: string, query = ''): Promise<{ status: number; file: string; text: string }> {
    const res = await https(s, 'GET', `/v1/kubeconfig${query}`, undefined, tokens.get(user));
    const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body);
    runs += 1;
    const file = join(s.t.dir, `kubeconfig-${user}-${runs}`);
    await writeFile(file, text, { mode: 0o600 });
    return { status: res.status, file, text };
  }

  return {
    s,
    tokens,
    kubeconfig,
    async kubectl(user, args, o = {}) {
      let file = o.file ?? files.get(user);
      if (file === undefined) {
        const kc = await kubeconfig(user);
        if (kc.status !== 200) throw new Error(`kubeconfig of ${user}: ${kc.status} ${kc.text}`);
        file = kc.file;
        files.set(user, file);
      }
      runs += 1;
      const argv = ['--kubeconfig', file, '--cache-dir', join(s.t.dir, `kcache-${runs}`), '--request-timeout=20s', ...args];
      return new Promise((resolve, reject) => {
        const child = execFile(KUBECTL, argv, { timeout: 30_000, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
          if (err !== null && typeof err.code !== 'number') reject(new Error(`kubectl ${args.join(' ')} did not run: ${err.message}`));
          else resolve({ code: err === null ? 0 : (err.code as number), stdout, stderr });
        });
        // A program that exits before reading its input closes the pipe (EPIPE): its exit status tells.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(o.input ?? '');
      });
    },
    close: () => s.close(),
  };
}

/** The fields of an AuditEvent the tests read. */
export interface AuditEventBody {
  metadata: { name: string; labels?: Record<string, string> };
  source: string;
  user: { name: string; uid?: string };
  cluster?: string;
  clusterUid?: string;
  verb: string;
  method: string;
  path: string;
  code: number;
  durationMs: number;
  time: string;
}

/** Every AuditEvent `user` can list, through kubectl. */
export async function auditEventsAs(env: AuditTestEnv, user: string): Promise<AuditEventBody[]> {
  await env.s.app.drover.audit.flush();
  const out = await env.kubectl(user, ['get', 'auditevents', '-o', 'json']);
  if (out.code !== 0) throw new Error(`kubectl get auditevents as ${user}: ${out.stderr}`);
  return (JSON.parse(out.stdout) as { items: AuditEventBody[] }).items;
}
