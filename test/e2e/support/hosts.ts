/**
 * The testbed's hosts as the end-to-end suites drive them: `env` is filled from the file
 * `scripts/testbed.sh env` prints; commands run against host k's own Docker engine.
 */
import { expect } from 'vitest';
import { run, until } from './process.ts';

/** TB_* keys of the testbed's env file (filled by the suite's beforeAll). */
export const env: Record<string, string> = {};

export const dockerHost = (k: number) => env[`TB_HOST${k}_DOCKER_HOST`]!;
export const hostName = (k: number) => env[`TB_HOST${k}_NAME`]!;
export const hostFs = (k: number) => env[`TB_HOST${k}_FS`]!;
export const docker = (k: number, args: string[], timeoutMs = 60_000) => run('docker', args, { env: { DOCKER_HOST: dockerHost(k) }, timeoutMs });
/** The node command (or a variant of it) on host k, exactly as a user pastes it into a shell. */
export const onHost = (k: number, command: string, timeoutMs = 120_000) => run('sh', ['-c', command], { env: { DOCKER_HOST: dockerHost(k) }, timeoutMs });

export const agentContainers = async (k: number): Promise<string[]> =>
  (await docker(k, ['ps', '-q', '--filter', 'label=drover.dev/agent=true'])).stdout.split('\n').filter((l) => l !== '');

/** Runs a variant of the node command that must be refused: detached, no restart; returns its logs once `expected` shows (or it exits). */
export async function refusedRun(k: number, command: string, expected: RegExp): Promise<string> {
  const name = 'drover-e2e-refused';
  await docker(k, ['rm', '-f', name]);
  const detached = command.replace('docker run -d --privileged --restart=unless-stopped ', `docker run -d --name ${name} --privileged `);
  expect(detached).not.toBe(command);
  const started = await onHost(k, detached);
  expect(started.code, started.stderr).toBe(0);
  try {
    return await until(`refusal ${expected}`, 45_000, async () => {
      const logs = await docker(k, ['logs', name]);
      const text = `${logs.stdout}${logs.stderr}`;
      if (expected.test(text)) return text;
      const st = (await docker(k, ['inspect', '-f', '{{.State.Running}}', name])).stdout.trim();
      if (st === 'false') throw new Error(`refused agent exited without ${expected}:\n${text}`);
      return undefined;
    }, 250);
  } finally {
    await docker(k, ['rm', '-f', name]);
  }
}
