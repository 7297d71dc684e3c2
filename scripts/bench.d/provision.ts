/**
 * `./scripts/bench provision`: Drover's own orchestration time on the NAT testbed (docs/bench-provision.md).
 * It runs the provisioning end-to-end file (test/e2e/09-provision.test.ts) with only its no-op
 * re-apply test selected: its setup brings up the testbed with 4 hosts, mirrors the stand-in images
 * with `drover images mirror`, creates the cluster, runs the node commands (hosts 1–3 all roles,
 * host 4 worker) and waits for Provisioned; the test then re-applies the four Plans (nothing to do)
 * and restarts the server. The file writes its timings (ms) to DROVER_BENCH_OUT; this prints them.
 *  - provision_s: host 1 joins first (etcd bootstraps on it), then hosts 2–4; from all four
 *    agents Connected until the Cluster's Provisioned condition is True (pulls from the local
 *    registry, plan delivery, etcd member adds, health gates, addons);
 *  - reapply_noop_ms: ApplyPlan of the four whole Plans at once, every agent answering "unchanged";
 *  - the breakdown: Connected → EtcdReady / ControlPlaneReady / WorkersReady / AddonsReady.
 * The stand-ins start in about a second, so these measure Drover, not Kubernetes. Needs root (the
 * testbed), like the e2e suite. Table on stdout, one JSON object as the last line.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = await mkdtemp(join(tmpdir(), 'drover-bench-provision-'));
const out = join(dir, 'timings.json');
try {
  const vitest = join(ROOT, 'node_modules/.bin/vitest');
  const code = await new Promise<number>((done) => {
    const child = spawn(vitest, ['run', '--project', 'e2e', 'test/e2e/09-provision.test.ts', '-t', 'applying the same plans again'], {
      cwd: ROOT,
      env: { ...process.env, DROVER_E2E: '1', DROVER_BENCH_OUT: out },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (c) => done(c ?? 1));
  });
  if (code !== 0) throw new Error(`the provisioning e2e run failed (exit ${code}); see its output above`);
  const t = JSON.parse(await readFile(out, 'utf8')) as Record<string, number>;
  const provisionMs = t['all Connected -> Provisioned'];
  const noop = t['no-op re-apply of 4 plans'];
  if (provisionMs === undefined || noop === undefined) throw new Error(`missing figures in ${JSON.stringify(t)}`);
  console.log('\nprovision (4 hosts: 3 etcd+controlplane+worker, 1 worker), ms:');
  for (const [k, v] of Object.entries(t)) console.log(`  ${k.padEnd(52)} ${String(v).padStart(8)}`);
  const breakdown = Object.fromEntries(Object.entries(t).filter(([k]) => k.startsWith('all Connected -> ')).map(([k, v]) => [k.slice('all Connected -> '.length), v / 1000]));
  console.log(
    JSON.stringify({
      provision_s: provisionMs / 1000,
      reapply_noop_ms: noop,
      connected_to_s: breakdown,
      mirror_ms: t['drover images mirror'],
      first_host_etcd_ms: t['host 1 node command -> etcd healthy'],
      join_ms: t['node commands -> hosts 2-4 Connected'],
      goal_provision_s: 30,
      goal_reapply_noop_ms: 2000,
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
