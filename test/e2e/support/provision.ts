/* eslint-disable @typescript-eslint/no-unsafe-member-access -- API bodies are arbitrary JSON walked by assertions */
/**
 * What the provisioning e2e (09-provision) and `scripts/bench provision` share: a fourth testbed
 * host, a clean slate on the hosts (what 08's stand-in control plane left), the stand-in images
 * pushed under their upstream paths to a local "upstream" registry and mirrored into the testbed's
 * with the real `drover images mirror`, a cluster whose default registry is the testbed's, and the
 * hosts joined with the node commands (1–3 all roles, 4 worker only).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { api, eventsOf } from '@drover/server/testing';
import { startRegistry } from '@drover/cli/testing';
import type { TestRegistry } from '@drover/cli/testing';
import { buildStandinImages } from '../../fixtures/images.ts';
import { APISERVER_CONTAINER, ETCD_CONTAINER } from './control-plane.ts';
import type { E2e, Json } from './e2e.ts';
import { TESTBED } from './global-setup.ts';
import { docker, env, hostFs, hostName, onHost } from './hosts.ts';
import { mustRun, run, until } from './process.ts';

export const PROV_CLUSTER = 'prov';
export const PROV_HOSTS = [1, 2, 3, 4] as const;
export const ALL_ROLE_HOSTS = [1, 2, 3] as const;
export const WORKER_HOST = 4;
const ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'packages/cli/src/main.ts');

/** `scripts/testbed.sh up 4` (idempotent: grows the site) and the env file read again. */
export async function ensureFourHosts(): Promise<void> {
  await mustRun(TESTBED, ['up', '4'], { timeoutMs: 600_000 });
  for (const line of (await readFile('/run/drover-testbed/env', 'utf8')).split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
  }
}

/** Deletes a Cluster and waits until it is gone (its nodes' credentials are revoked with it). */
export async function retireCluster(ctx: E2e, name: string): Promise<void> {
  const del = await api(ctx.s, 'DELETE', `/clusters/${name}`);
  expect([200, 202, 404], JSON.stringify(del.body)).toContain(del.status);
  await until(`cluster ${name} deleted`, 60_000, async () => ((await api(ctx.s, 'GET', `/clusters/${name}`)).status === 404 ? true : undefined), 200);
}

/** Removes what earlier files left on the hosts that a fresh cluster must not meet: 08's etcd and apiserver, etcd's data. */
export async function cleanHosts(): Promise<void> {
  for (const k of PROV_HOSTS) {
    await docker(k, ['rm', '-f', ETCD_CONTAINER, APISERVER_CONTAINER]);
    const managed = (await docker(k, ['ps', '-aq', '--filter', 'label=drover.dev/managed=true'])).stdout.split('\n').filter((l) => l !== '');
    if (managed.length > 0) await docker(k, ['rm', '-f', ...managed]);
    await onHost(k, `rm -rf ${hostFs(k)}/var/lib/etcd/* ${hostFs(k)}/etc/kubernetes/ssl`);
  }
}

/** The `drover` CLI as a user runs it. */
export const drover = (args: string[], timeoutMs = 300_000) => run(process.execPath, [CLI, ...args], { timeoutMs });

export interface MirroredImages {
  /** The local "upstream" registry (a real docker-registry on 127.0.0.1). */
  source: TestRegistry;
  /** Wall times, ms. */
  timings: { build: number; mirror: number };
  mirrorOutput: Json;
}

/** Builds the stand-ins, pushes them to a local "upstream" registry, mirrors them into the testbed's. */
export async function mirrorStandins(version: string): Promise<MirroredImages> {
  const source = await startRegistry();
  const t0 = Date.now();
  await buildStandinImages({ version, registry: source.host, nodeImage: env.TB_ROOT_IMAGE_NODE!, busyboxImage: env.TB_ROOT_IMAGE_BUSYBOX!, etcdImage: env.TB_ROOT_IMAGE_ETCD!, dockerHost: env.TB_ROOT_DOCKER_HOST });
  const t1 = Date.now();
  const mirrored = await drover(['images', 'mirror', '--version', version, '--source-registry', source.host, '--registry', env.TB_PUSH_REGISTRY!, '--output', 'json']);
  expect(mirrored.code, `${mirrored.stdout}\n${mirrored.stderr}`).toBe(0);
  return { source, timings: { build: t1 - t0, mirror: Date.now() - t1 }, mirrorOutput: JSON.parse(mirrored.stdout) as Json };
}

export interface ProvCluster {
  allRolesCommand: string;
  workerCommand: string;
}

/** Creates the cluster (default registry = the testbed's) and its two registration tokens. */
export async function createProvCluster(ctx: E2e, spec: Json): Promise<ProvCluster> {
  const c = await api(ctx.s, 'POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: PROV_CLUSTER }, spec: { privateRegistries: [{ url: env.TB_REGISTRY, default: true }], ...spec } });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const token = async (name: string, tokenSpec: Json): Promise<string> => {
    const rt = await api(ctx.s, 'POST', `/namespaces/${PROV_CLUSTER}/registrationtokens`, { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name }, spec: tokenSpec });
    expect(rt.status, JSON.stringify(rt.body)).toBe(201);
    return rt.body.status.nodeCommand as string;
  };
  return { allRolesCommand: await token('all', {}), workerCommand: await token('workers', { roles: ['worker'] }) };
}

export const cluster = async (ctx: E2e): Promise<Json> => (await api(ctx.s, 'GET', `/clusters/${PROV_CLUSTER}`)).body as Json;
export const condition = (c: Json, type: string): Json | undefined => (c.status?.conditions as Json[] | undefined)?.find((x) => x.type === type);

const PLANES = ['EtcdReady', 'ControlPlaneReady', 'WorkersReady', 'AddonsReady'];

/**
 * Waits until the cluster converged with all four nodes: Provisioned True, and written by a pass
 * that saw the four ("4 nodes provisioned" — Provisioned stays True once a first node was done,
 * so alone it does not say the later ones are), and every plane's condition True. Names the
 * last conditions and events on timeout.
 */
export async function waitProvisioned(ctx: E2e, timeoutMs: number): Promise<void> {
  let last: Json = {};
  try {
    await until('cluster Provisioned with 4 nodes', timeoutMs, async () => {
      last = await cluster(ctx);
      const p = condition(last, 'Provisioned');
      const done = p?.status === 'True' && String(p.message).startsWith(`${PROV_HOSTS.length} nodes provisioned`) && PLANES.every((t) => condition(last, t)?.status === 'True');
      return done ? true : undefined;
    }, 250);
  } catch (err) {
    const events = (await eventsOf(ctx.s, PROV_CLUSTER)).slice(-10).map((e) => `${e.reason}: ${e.message}`);
    throw new Error(`${(err as Error).message}\nstatus: ${JSON.stringify(last.status, null, 1)}\nlast events:\n${events.join('\n')}`, { cause: err });
  }
}

/** Runs the node commands on `hosts` (1–3 all roles, 4 worker) and waits until each Node is Connected. */
export async function joinProvHosts(ctx: E2e, p: ProvCluster, hosts: readonly number[] = PROV_HOSTS): Promise<void> {
  await Promise.all(
    hosts.map(async (k) => {
      const r = await onHost(k, k === WORKER_HOST ? p.workerCommand : p.allRolesCommand);
      expect(r.code, `host${k}: ${r.stderr}`).toBe(0);
      await until(`host${k} Connected in ${PROV_CLUSTER}`, 90_000, async () => {
        const n = await api(ctx.s, 'GET', `/namespaces/${PROV_CLUSTER}/nodes/${hostName(k)}`);
        return n.status === 200 && (n.body as Json).status?.state === 'Connected' ? true : undefined;
      }, 100);
    }),
  );
}

/** name → id of the managed containers on host k. */
export async function managedIds(k: number): Promise<Record<string, string>> {
  const out = await docker(k, ['ps', '-a', '--filter', 'label=drover.dev/managed=true', '--format', '{{.Names}} {{.ID}}']);
  return Object.fromEntries(out.stdout.split('\n').filter((l) => l !== '').map((l) => l.split(' ') as [string, string]));
}

export async function allManagedIds(): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const k of PROV_HOSTS) out[`host${k}`] = await managedIds(k);
  return out;
}
