/* eslint-disable @typescript-eslint/no-unsafe-member-access -- API bodies are arbitrary JSON walked by assertions */
/**
 * What the e2e files share inside the e2e worker (the project runs one worker with isolate: false,
 * so this module, and the server it starts, live across the files): the testbed from
 * global-setup.ts (`inject('testbed')`), and one server in the root namespace on 0.0.0.0 with
 * DROVER_EXTERNAL_URL=https://$TB_CENTRAL_IP:<port>, started by the first `e2e()`, with a cluster
 * whose default private registry is the testbed's, and registration tokens (join, revoked,
 * expiring). The node command from the join token's create response runs verbatim on each host
 * (only DOCKER_HOST differs).
 */
import { join } from 'node:path';
import { expect, inject } from 'vitest';
import { DEFAULTS } from '@drover/server';
import { api, eventsOf, startAgentTestServer } from '@drover/server/testing';
import type { AgentTestServer, TempStore } from '@drover/server/testing';
import { createStore } from '@drover/store';
import { docker, env, hostName, onHost } from './hosts.ts';
import { freePort, until } from './process.ts';

export const ENABLED = process.env.DROVER_E2E === '1';
export const CLUSTER = 'e2e';
/** Allowed by the agent's default dial policy. */
export const SERVICE_PORT = 10250;
export const HOSTS = [1, 2, 3] as const;

if (!ENABLED) {
  console.log('test/e2e: skipped; set DROVER_E2E=1 (needs root and scripts/testbed.sh) to run the end-to-end suite on real Docker hosts behind NAT');
}

/** A suite's describe title; when the suite is off it ends with the reason, as scripts/lib/vitest-summary.ts reads it. */
export const suiteTitle = (title: string): string => (ENABLED ? title : `${title} (skipped: DROVER_E2E=1 not set; it needs root and scripts/testbed.sh)`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node status is arbitrary JSON walked by assertions
export type Json = Record<string, any>;

export interface E2e {
  /** The running server; replaced by restartServer(). */
  s: AgentTestServer;
  serverPort: number;
  nodeCommand: string;
  tokenValue: string;
  revokedToken: string;
  expiredToken: string;
  caChecksum: string;
}

let shared: Promise<E2e> | undefined;
let serverEnv: Record<string, string> = {};
let store: TempStore | undefined;

/** The shared testbed and server; the first call starts the server and creates the cluster and tokens. */
export function e2e(): Promise<E2e> {
  return (shared ??= start());
}

async function start(): Promise<E2e> {
  const testbed = inject('testbed');
  if (testbed === null) throw new Error('the e2e globalSetup did not bring up the testbed (DROVER_E2E=1 not set when vitest started)');
  Object.assign(env, testbed.env);
  const dir = testbed.stateDir;
  const st = await createStore({ kind: 'sqlite', dataDir: join(dir, 'data') });
  // The directory itself is removed by the globalSetup's teardown.
  store = { store: st, dir, cleanup: () => st.close() };
  const port = await freePort();
  serverEnv = {
    DROVER_EXTERNAL_URL: `https://${env.TB_CENTRAL_IP}:${port}`,
    DROVER_TUNNEL_PING_INTERVAL_MS: '500',
    DROVER_TUNNEL_DEAD_PEER_TIMEOUT_MS: '3000',
    // The server's own default, not the unit tests' short one: a restart drains as in production.
    DROVER_TUNNEL_GOAWAY_GRACE_MS: String(DEFAULTS.tunnelGoAwayGraceMs),
  };
  const s = await listen(port);

  const cluster = await api(s, 'POST', '/clusters', {
    apiVersion: 'management.drover.dev/v1',
    kind: 'Cluster',
    metadata: { name: CLUSTER },
    spec: { privateRegistries: [{ url: env.TB_REGISTRY, default: true }] },
  });
  expect(cluster.status, JSON.stringify(cluster.body)).toBe(201);
  const token = async (name: string, spec: Json = {}): Promise<string> => {
    const rt = await api(s, 'POST', `/namespaces/${CLUSTER}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name }, spec });
    expect(rt.status, JSON.stringify(rt.body)).toBe(201);
    return rt.body.status.token as string;
  };
  const rt = await api(s, 'POST', `/namespaces/${CLUSTER}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'join' }, spec: {} });
  expect(rt.status, JSON.stringify(rt.body)).toBe(201);
  const nodeCommand = rt.body.status.nodeCommand as string;
  const tokenValue = rt.body.status.token as string;
  const revokedToken = await token('revoked');
  const patched = await api(s, 'PATCH', `/namespaces/${CLUSTER}/registrationtokens/revoked`, { spec: { revoked: true } });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const expiredToken = await token('expiring', { ttlSeconds: 1 });
  console.log(`node command: ${nodeCommand.replace(tokenValue, '<token>')}`);
  expect(nodeCommand).toContain(`${env.TB_REGISTRY}/drover/agent:`);
  expect(nodeCommand).toContain(`--server https://${env.TB_CENTRAL_IP}:${port}`);
  return { s, serverPort: port, nodeCommand, tokenValue, revokedToken, expiredToken, caChecksum: s.app.drover.caChecksum };
}

/** Starts the server in the root netns on 0.0.0.0, on the shared store (a restart keeps port and data). */
function listen(port: number): Promise<AgentTestServer> {
  return startAgentTestServer(serverEnv, store, { host: '0.0.0.0', port, publicHost: env.TB_CENTRAL_IP });
}

/** Stops the server and starts it again on the same store and port. */
export async function restartServer(ctx: E2e): Promise<void> {
  await ctx.s.close();
  ctx.s = await listen(ctx.serverPort);
}

export const nodes = async (ctx: E2e): Promise<{ metadata: { name: string; uid: string }; status?: Json }[]> =>
  (await api(ctx.s, 'GET', `/namespaces/${CLUSTER}/nodes`)).body.items as { metadata: { name: string; uid: string }; status?: Json }[];

export const nodeStatus = async (ctx: E2e, name: string): Promise<Json | undefined> => {
  const res = await api(ctx.s, 'GET', `/namespaces/${CLUSTER}/nodes/${name}`);
  return res.status === 200 ? (res.body.status as Json) : undefined;
};

export const waitState = (ctx: E2e, name: string, state: string, timeoutMs: number) =>
  until(`node ${name} ${state}`, timeoutMs, async () => ((await nodeStatus(ctx, name))?.state === state ? true : undefined), 50);

/** How many times the node was recorded Disconnected (Events are aggregated by count). */
export const disconnects = async (ctx: E2e, name: string): Promise<number> =>
  (await eventsOf(ctx.s, CLUSTER)).filter((e) => e.involvedObject.name === name && /^Disconnected$/i.test(e.reason)).reduce((n, e) => n + (e.count || 1), 0);

/** Joins hosts by the verbatim node command; records ms from `docker run` to Connected per host. */
export async function joinHosts(ctx: E2e, ks: number[], timings: Record<string, number>): Promise<void> {
  await Promise.all(
    ks.map(async (k) => {
      const start = Date.now();
      const r = await onHost(k, ctx.nodeCommand);
      expect(r.code, `host${k}: ${r.stderr}`).toBe(0);
      const ran = Date.now();
      await waitState(ctx, hostName(k), 'Connected', 60_000);
      timings[`host${k} docker run -> Connected`] = Date.now() - start;
      timings[`host${k} container started -> Connected`] = Date.now() - ran;
    }),
  );
}

/** What a file that runs on its own needs from the ones before it: these hosts joined and Connected. */
export async function ensureJoined(ctx: E2e, ks: readonly number[]): Promise<void> {
  const missing: number[] = [];
  for (const k of ks) if ((await nodeStatus(ctx, hostName(k)))?.state !== 'Connected') missing.push(k);
  if (missing.length > 0) await joinHosts(ctx, missing, {});
}

/** An HTTP service on host k's loopback (busybox httpd on SERVICE_PORT) answering hello-from-hostK. */
export async function startService(k: number): Promise<void> {
  await docker(k, ['rm', '-f', 'drover-e2e-svc']);
  const svc = await docker(k, [
    'run', '-d', '--name', 'drover-e2e-svc', '--net=host', env.TB_IMAGE_BUSYBOX!,
    'sh', '-c', `mkdir /www && echo hello-from-host${k} >/www/index.html && exec httpd -f -p 127.0.0.1:${SERVICE_PORT} -h /www`,
  ]);
  expect(svc.code, svc.stderr).toBe(0);
}

/** startService unless that service already runs on host k. */
export async function ensureService(k: number): Promise<void> {
  const running = (await docker(k, ['inspect', '-f', '{{.State.Running}}', 'drover-e2e-svc'])).stdout.trim();
  if (running !== 'true') await startService(k);
}

/** Prints a file's timings (ms) at its end. */
export function printTimings(file: string, timings: Record<string, number>): void {
  if (Object.keys(timings).length > 0) console.log(`${file} timings (ms): ${JSON.stringify(timings, null, 2)}`);
}
