/**
 * Bundles the agent with esbuild into one .mjs file, as the container images
 * do (docs/adr/0002), so its RSS is the production figure rather than that of
 * Node type-stripping some dozens of .ts files. `ws` is bundled too; native
 * addons (bufferutil, a dependency of @drover/tunnel) stay external and
 * resolve from that package's directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const tunnelDir = fileURLToPath(new URL('../../../packages/tunnel/', import.meta.url));

export async function bundleAgent(): Promise<{ file: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'drover-bench-agent-'));
  const file = join(dir, 'agent.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./agent.ts', import.meta.url))],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
    external: ['bufferutil', 'utf-8-validate'],
    banner: { js: `import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(${JSON.stringify(join(tunnelDir, 'package.json'))});` },
  });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
