/**
 * A tiny image built locally for the apply tests (nothing is pulled from the internet): FROM
 * scratch with the host's static busybox as /busybox. Tagged by the binary's digest, so a second
 * build is a no-op. Also: whether a Docker engine answers on the local socket.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const DOCKER_SOCKET = '/var/run/docker.sock';
const BUSYBOX = '/usr/bin/busybox';

export function dockerAnswers(): Promise<boolean> {
  if (!existsSync(DOCKER_SOCKET)) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    const req = request({ socketPath: DOCKER_SOCKET, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

export function docker(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('docker', args, { env: { ...process.env, DOCKER_BUILDKIT: '0', DOCKER_HOST: `unix://${DOCKER_SOCKET}` }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`docker ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Builds (once) and returns the busybox image's reference; undefined when the host has no static busybox. */
export async function busyboxImage(): Promise<string | undefined> {
  if (!existsSync(BUSYBOX)) return undefined;
  const tag = createHash('sha256').update(await readFile(BUSYBOX)).digest('hex').slice(0, 16);
  const ref = `drover-test/apply-busybox:${tag}`;
  if ((await docker(['images', '-q', ref])).trim() !== '') return ref;
  const dir = await mkdtemp(join(tmpdir(), 'drover-busybox-'));
  try {
    await copyFile(BUSYBOX, join(dir, 'busybox'));
    await writeFile(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY busybox /busybox\nENTRYPOINT ["/busybox"]\n');
    await docker(['build', '-q', '-t', ref, dir]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return ref;
}
