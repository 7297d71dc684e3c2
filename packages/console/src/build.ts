/**
 * Builds the console bundle (vite) when it is missing or older than its sources, so
 * `./scripts/start`, `./scripts/test` and the browser tests serve what the sources say. Run as a
 * script it builds and prints where: `node packages/console/src/build.ts [--force]`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_ROOT = join(import.meta.dirname, '..');
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');
const SOURCES = ['app', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** True when dist/index.html is missing or older than any source file. */
export function consoleBuildIsStale(): boolean {
  const built = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(CONSOLE_ROOT, s))));
  return sources > statSync(built).mtimeMs;
}

/** Builds when stale (or `force`); returns whether it built. */
export async function ensureConsoleBuilt(force = false): Promise<boolean> {
  if (!force && !consoleBuildIsStale()) return false;
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets "test"), and React then bundles its development
  // build: always build for production.
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: CONSOLE_ROOT, configFile: join(CONSOLE_ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
  return true;
}

// Run as a script (not imported): import.meta.main would need Node >= 24.2; the project allows 22.18.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  const built = await ensureConsoleBuilt(process.argv.includes('--force'));
  process.stderr.write(`[drover] console bundle ${built ? `built in ${Date.now() - t0} ms` : 'up to date'}: ${CONSOLE_DIST}\n`);
}
