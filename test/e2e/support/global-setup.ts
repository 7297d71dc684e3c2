/**
 * globalSetup of the e2e project (vitest.config.ts): runs once in the vitest process before the
 * first e2e file, and its teardown after the last. With DROVER_E2E=1 it brings up the testbed
 * (`scripts/testbed.sh up 3`: 3 hosts behind a NAT router, a local registry), builds and pushes
 * the images with `scripts/build-images --push $TB_PUSH_REGISTRY`, and provides the testbed's env
 * file and a state directory to the files (`inject('testbed')`). Teardown takes the testbed down,
 * removes the images it pushed and the state directory (unless DROVER_E2E_KEEP=1: it stays up).
 *
 * The server is not started here: the suites reach into it (dialNode, restarts), which a value
 * passed through provide() cannot carry. support/e2e.ts starts it once in the e2e worker.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { mustRun, run } from './process.ts';

/** What the e2e files get from `inject('testbed')`; null when the suite is not enabled. */
export interface ProvidedTestbed {
  /** TB_* keys of the testbed's env file (docs/testbed.md). */
  env: Record<string, string>;
  /** A fresh directory for the server's data, removed at teardown. */
  stateDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testbed: ProvidedTestbed | null;
  }
}

const ROOT = resolve(import.meta.dirname, '../../..');
export const TESTBED = join(ROOT, 'scripts/testbed.sh');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.DROVER_E2E !== '1') {
    project.provide('testbed', null);
    return () => Promise.resolve();
  }
  const stateDir = await mkdtemp(join(tmpdir(), 'drover-e2e-'));
  const env: Record<string, string> = {};
  let testbedUp = false;
  const teardown = async (): Promise<void> => {
    // Developer hook: DROVER_E2E_KEEP=1 leaves the testbed up to look at after a failure.
    if (testbedUp && process.env.DROVER_E2E_KEEP === '1') {
      console.log('DROVER_E2E_KEEP=1: the testbed stays up (scripts/testbed.sh down removes it)');
      return;
    }
    if (testbedUp) {
      const down = await run(TESTBED, ['down'], { timeoutMs: 300_000 });
      if (down.code !== 0) console.log(`testbed down failed: ${down.stderr}`);
      // The push-registry tags build-images added on the root dockerd (drover/agent:V and
      // drover/server:V stay), and what earlier runs left untagged under that name.
      const ref = `reference=${env.TB_PUSH_REGISTRY}/drover/*`;
      const rootEnv = { DOCKER_HOST: env.TB_ROOT_DOCKER_HOST ?? 'unix:///var/run/docker.sock' };
      const tags = (await run('docker', ['images', '--filter', ref, '--format', '{{.Repository}}:{{.Tag}}'], { env: rootEnv })).stdout.split('\n').filter((l) => l !== '' && !l.endsWith(':<none>'));
      if (tags.length > 0) await run('docker', ['rmi', ...tags], { env: rootEnv });
      const dangling = (await run('docker', ['images', '-q', '--filter', ref, '--filter', 'dangling=true'], { env: rootEnv })).stdout.split('\n').filter((l) => l !== '');
      if (dangling.length > 0) await run('docker', ['rmi', ...new Set(dangling)], { env: rootEnv });
    }
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await mustRun(TESTBED, ['up', '3'], { timeoutMs: 600_000 });
    testbedUp = true;
    for (const line of (await readFile('/run/drover-testbed/env', 'utf8')).split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) env[line.slice(0, i)] = line.slice(i + 1);
    }
    const rootEnv = { DOCKER_HOST: env.TB_ROOT_DOCKER_HOST ?? 'unix:///var/run/docker.sock' };
    const images = async () => (await run('docker', ['images', '-q', '--filter', 'reference=drover/agent', '--filter', 'reference=drover/server'], { env: rootEnv })).stdout.split('\n').filter((l) => l !== '');
    const previous = await images();
    const built = await mustRun(join(ROOT, 'scripts/build-images'), ['--push', env.TB_PUSH_REGISTRY!], { timeoutMs: 600_000 });
    const current = await images();
    const replaced = previous.filter((id) => !current.includes(id)); // rebuilt: the old ones are now untagged
    if (replaced.length > 0) await run('docker', ['rmi', ...replaced], { env: rootEnv });
    console.log(`build-images: ${built.trim()}`);
  } catch (err) {
    await teardown();
    throw err;
  }
  project.provide('testbed', { env, stateDir });
  return teardown;
}
