/**
 * Real-kubectl harness: the API served over HTTPS (kubectl sends bearer tokens only over TLS) with
 * a CA from @drover/pki, one kubeconfig per test user, a fresh `--cache-dir` per invocation, and
 * bounded `execFile` runs. `requireKubectl` fails with a clear message below kubectl 1.27.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, issueCertificate } from '@drover/pki';
import { createTestApi } from './test-api.ts';
import type { TestApi, TestApiOptions } from './test-api.ts';

export const KUBECTL = process.env.KUBECTL ?? 'kubectl';
export const MIN_MINOR = 27;

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], opts: { input?: string; timeoutMs: number }): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { timeout: opts.timeoutMs, maxBuffer: 8 * 1024 * 1024, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') {
        reject(new Error(`${file} ${args.join(' ')} failed to run: ${err.message}\n${stderr}`));
        return;
      }
      resolve({ code: err === null ? 0 : (err.code as number), stdout, stderr });
    });
    // A program that exits before reading its input closes the pipe (EPIPE): its exit status tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input ?? '');
  });
}

/** Resolves the kubectl client version; rejects with the requirement when missing or too old. */
export async function requireKubectl(): Promise<{ major: number; minor: number; gitVersion: string }> {
  let out: KubectlResult;
  try {
    out = await run(KUBECTL, ['version', '--client', '-o', 'json'], { timeoutMs: 20_000 });
  } catch (err) {
    throw new Error(`kubectl >= 1.${MIN_MINOR} is required for these tests but could not be run (${KUBECTL}): ${(err as Error).message}`, { cause: err });
  }
  const v = (JSON.parse(out.stdout || '{}') as { clientVersion?: { major?: string; minor?: string; gitVersion?: string } }).clientVersion;
  const major = Number(v?.major);
  const minor = Number.parseInt(v?.minor ?? '', 10);
  if (out.code !== 0 || major !== 1 || !(minor >= MIN_MINOR)) {
    throw new Error(`kubectl >= 1.${MIN_MINOR} is required for these tests; found ${v?.gitVersion ?? 'none'} (${out.stderr.trim()})`);
  }
  return { major, minor, gitVersion: v?.gitVersion ?? '' };
}

export interface KubectlEnv {
  api: TestApi;
  url: string;
  dir: string;
  /** Runs kubectl as `user` (default admin); never throws for a non-zero exit. */
  kubectl(args: string[], opts?: { user?: string; input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  /**
   * Starts a long-running kubectl (e.g. `get -w`), resolves with its output once `until(stdout)` holds,
   * then kills it. Rejects after `timeoutMs` with what it printed.
   */
  streamUntil(args: string[], until: (stdout: string) => boolean, opts?: { user?: string; timeoutMs?: number; onStart?: () => Promise<void> }): Promise<string>;
  close(): Promise<void>;
}

export async function startKubectlEnv(options: TestApiOptions = {}): Promise<KubectlEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'drover-kubectl-'));
  const ca = await createCa();
  const cert = await issueCertificate(ca, { commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usages: 'server' });
  const caFile = join(dir, 'ca.crt');
  await writeFile(caFile, ca.certPem);
  const api = await createTestApi({ ...options, tls: { key: cert.keyPem, cert: cert.chainPem } });
  const url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  const configs = new Map<string, string>();
  let runs = 0;

  async function kubeconfig(user: string): Promise<string> {
    const existing = configs.get(user);
    if (existing !== undefined) return existing;
    const file = join(dir, `kubeconfig-${user}`);
    await writeFile(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        `clusters: [{name: drover, cluster: {server: "${url}", certificate-authority: "${caFile}"}}]`,
        `users: [{name: ${user}, user: {token: test-${user}}}]`,
        `contexts: [{name: drover, context: {cluster: drover, user: ${user}}}]`,
        'current-context: drover',
        '',
      ].join('\n'),
    );
    configs.set(user, file);
    return file;
  }

  async function argsFor(user: string, args: string[], timeoutMs: number): Promise<string[]> {
    runs += 1;
    return ['--kubeconfig', await kubeconfig(user), '--cache-dir', join(dir, `cache-${runs}`), `--request-timeout=${Math.ceil(timeoutMs / 1000)}s`, ...args];
  }

  return {
    api,
    url,
    dir,
    async kubectl(args, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 20_000;
      const input = opts.input === undefined ? {} : { input: opts.input };
      return run(KUBECTL, await argsFor(opts.user ?? 'admin', args, timeoutMs), { timeoutMs, ...input });
    },
    async streamUntil(args, until, opts = {}) {
      const timeoutMs = opts.timeoutMs ?? 20_000;
      const child = spawn(KUBECTL, await argsFor(opts.user ?? 'admin', args, timeoutMs), { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      try {
        return await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`kubectl ${args.join(' ')} did not print the expected output in ${timeoutMs} ms:\n${stdout}\n${stderr}`)), timeoutMs);
          const check = () => {
            if (until(stdout)) {
              clearTimeout(timer);
              resolve(stdout);
            }
          };
          child.stdout.on('data', (d: Buffer) => {
            stdout += d.toString();
            check();
          });
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('exit', () => {
            clearTimeout(timer);
            if (until(stdout)) resolve(stdout);
            else reject(new Error(`kubectl ${args.join(' ')} exited early:\n${stdout}\n${stderr}`));
          });
          if (opts.onStart) opts.onStart().catch(reject);
        });
      } finally {
        child.kill('SIGKILL');
      }
    },
    async close() {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
