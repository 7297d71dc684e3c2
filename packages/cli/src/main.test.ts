/**
 * The `drover` command run as a process (the real entry point, the real version table): help on
 * every command, images list in each output format, exit statuses for usage errors and an
 * unknown version.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { rewriteImage, versionTable } from '@drover/server/provisioning';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

function drover(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [MAIN, ...args], { timeout: 20_000, env: { PATH: process.env.PATH ?? '' } }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') reject(new Error(err.message, { cause: err }));
      else resolve({ code: err === null ? 0 : (err.code as number), stdout, stderr });
    });
  });
}

const table = versionTable();

describe('drover', () => {
  it('has --help on every command, exit 0, and usage with exit 2 when no command is given', async () => {
    for (const args of [['--help'], ['images', '--help'], ['images', 'list', '--help'], ['images', 'list', '-h']]) {
      const r = await drover(args);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(r.stdout).toContain('Usage:');
    }
    expect((await drover(['images', 'list', '--help'])).stdout).toContain('--output <fmt>');
    const bare = await drover([]);
    expect([bare.code, bare.stdout.includes('images list')]).toEqual([2, true]);
  });

  it('images list prints the default version as a table', async () => {
    const r = await drover(['images', 'list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => l.split(/\s{2,}/));
    const v = table.find(table.defaultVersion)!;
    expect(lines[0]).toEqual(['VERSION', 'COMPONENT', 'IMAGE']);
    expect(lines.slice(1)).toEqual(Object.entries(v.images).map(([c, i]) => [v.version, c, i]));
  });

  it('images list --all -o json, --version -o yaml, and --registry rewrites every image', async () => {
    const all = JSON.parse((await drover(['images', 'list', '--all', '-o', 'json'])).stdout) as { version: string; image: string }[];
    expect(new Set(all.map((r) => r.version))).toEqual(new Set(table.versions.map((v) => v.version)));
    const other = table.versions.find((v) => v.version !== table.defaultVersion)!;
    const yaml = parseYaml((await drover(['images', 'list', '--version', other.version, '--output', 'yaml'])).stdout) as { component: string; image: string }[];
    expect(yaml.find((r) => r.component === 'kubeApiserver')?.image).toBe(other.images.kubeApiserver);
    const mirrored = JSON.parse((await drover(['images', 'list', '-o', 'json', '--registry', 'reg.local:5000/mirror'])).stdout) as { image: string }[];
    const v = table.find(table.defaultVersion)!;
    expect(mirrored.map((r) => r.image)).toEqual(Object.values(v.images).map((i) => rewriteImage(i, 'reg.local:5000/mirror')));
    for (const r of mirrored) expect(r.image.startsWith('reg.local:5000/mirror/')).toBe(true);
  });

  it('fails with a status per error: usage 2, unknown version 3', async () => {
    const bad = await drover(['images', 'list', '--bogus']);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, "error: Unknown option '--bogus'"]);
    const out = await drover(['images', 'list', '-o', 'xml']);
    expect([out.code, out.stderr.trim()]).toEqual([2, 'error: --output must be one of table, json, yaml; got "xml"']);
    const unknown = await drover(['images', 'list', '--version', 'v1.0.0']);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('Kubernetes version v1.0.0 is not supported; supported: ');
    expect((await drover(['nodes'])).code).toBe(2);
  });
});
