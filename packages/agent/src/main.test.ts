/** The executable: --help, and each failure class as a one-line message on stderr with its exit status. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('drover-agent executable', () => {
  it('--help prints the flags and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--ca-checksum');
    expect(r.stdout).toContain('DROVER_SERVER');
  });

  it('a bad flag exits 2 with the reason', async () => {
    const r = await run(['--server', 'https://x', '--worker']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^drover-agent: --ca-checksum .* is required/);
  });

  it('a missing Docker socket exits 3 and never prints the token', async () => {
    const r = await run(['--server', 'https://127.0.0.1:1', '--token', 'SECRET-TOKEN-xyz', '--insecure', '--worker'], { DOCKER_HOST: 'unix:///nonexistent/docker.sock', DROVER_CONFIG_DIR: '/nonexistent/drover' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('no Docker socket at /nonexistent/docker.sock');
    expect(r.stderr).toContain('DROVER_ERR_AGENT_DOCKER_SOCKET_MISSING');
    expect(r.stdout + r.stderr).not.toContain('SECRET-TOKEN-xyz');
  });
});
