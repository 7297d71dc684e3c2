/**
 * The idle agent does not load dockerode (issue 15: ~29 MiB of RSS at import), and no agent
 * loads undici (registration talks node:https: ADR 0028). esbuild bundles main.ts as the agent
 * image does and reports every import edge; following only the static ones (import statements,
 * require calls) from main.ts must never reach dockerode, while following the dynamic `import()`
 * too must (ApplyPlan), so the test fails if the lazy edge disappears rather than passing on a
 * graph that lost the package.
 */
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

let built: Promise<Metafile> | undefined;
const metafile = (): Promise<Metafile> => (built ??= build({
  entryPoints: [MAIN], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', target: 'node24',
  logLevel: 'silent', external: ['bufferutil', 'utf-8-validate', 'cpu-features', '*.node'],
}).then((r) => r.metafile));

/** Inputs reachable from the entry over the edges `follow` accepts. */
function reachable(meta: Metafile, follow: (kind: string) => boolean): Set<string> {
  const entry = Object.keys(meta.inputs).find((p) => p.endsWith('packages/agent/src/main.ts'));
  if (entry === undefined) throw new Error('main.ts is not among the bundle inputs');
  const seen = new Set([entry]);
  const todo = [entry];
  for (let p = todo.pop(); p !== undefined; p = todo.pop()) {
    for (const edge of meta.inputs[p]?.imports ?? []) {
      if (edge.external || !follow(edge.kind) || seen.has(edge.path)) continue;
      seen.add(edge.path);
      todo.push(edge.path);
    }
  }
  return seen;
}

const inPackage = (name: string) => (p: string): boolean => new RegExp(`node_modules/(\\.pnpm/[^/]+/node_modules/)?${name}/`).test(p);
const isDockerode = inPackage('dockerode');
const isUndici = inPackage('undici');

describe('the agent\'s module graph', () => {
  it('reaches dockerode only through the dynamic import of apply/engine-dockerode.ts', async () => {
    const meta = await metafile();
    const all = reachable(meta, () => true);
    expect([...all].some(isDockerode)).toBe(true);
    const eager = reachable(meta, (kind) => kind !== 'dynamic-import');
    expect([...eager].filter(isDockerode)).toEqual([]);
    expect([...eager].filter((p) => p.endsWith('apply/engine-dockerode.ts'))).toEqual([]);
    expect([...eager].some((p) => p.endsWith('agent/src/apply/engine.ts'))).toBe(true);
  }, 30_000);

  it('never reaches undici, not even lazily (registration talks node:https)', async () => {
    const meta = await metafile();
    const all = reachable(meta, () => true);
    expect([...all].some((p) => p.endsWith('agent/src/http.ts'))).toBe(true);
    expect([...all].filter(isUndici)).toEqual([]);
  }, 30_000);
});
