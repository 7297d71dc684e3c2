// Generates packages/protocol/src/generated from proto/ with protobufjs-cli.
// `--check` regenerates into a temporary directory and fails when the committed
// code differs (CI runs it, so generated code never drifts from the .proto files).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const protoDir = join(root, 'proto');
const outDir = join(root, 'packages/protocol/src/generated');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

// Each module gets its own protobufjs root: generated code looks its types up at run time in
// `$protobuf.roots[root].drover.v1`, and two modules sharing one root would overwrite each other.
const sources = [
  { name: 'tunnel', root: 'default', files: ['drover/v1/tunnel.proto'] },
  { name: 'agent', root: 'agent', files: ['drover/v1/agent.proto'] },
];

function generate(into: string): void {
  mkdirSync(into, { recursive: true });
  for (const { name, root: rootName, files } of sources) {
    const js = join(into, `${name}.js`);
    execFileSync(bin('pbjs'), [
      '-t', 'static-module', '-w', 'es6', '--es6',
      '--dependency', 'protobufjs/minimal.js',
      '--no-create', '--no-verify', '--no-convert', '--no-delimited', '--no-typeurl',
      '--force-number',
      '-r', rootName,
      '-p', protoDir, '-o', js, ...files,
    ], { stdio: ['ignore', 'inherit', 'inherit'] });
    execFileSync(bin('pbts'), ['--no-comments', '-o', join(into, `${name}.d.ts`), js], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
}

const check = process.argv.includes('--check');
if (!check) {
  generate(outDir);
  console.log(`generated into ${outDir}`);
} else {
  const tmp = mkdtempSync(join(tmpdir(), 'drover-proto-'));
  try {
    generate(tmp);
    const differ: string[] = [];
    for (const f of readdirSync(tmp)) {
      const committed = join(outDir, f);
      if (!existsSync(committed) || readFileSync(committed, 'utf8') !== readFileSync(join(tmp, f), 'utf8')) differ.push(f);
    }
    for (const f of existsSync(outDir) ? readdirSync(outDir) : []) {
      if (!existsSync(join(tmp, f))) differ.push(`${f} (stale)`);
    }
    if (differ.length > 0) {
      console.error(`proto:check: generated code differs from proto/ in: ${differ.join(', ')}. Run \`pnpm proto:gen\` and commit.`);
      process.exitCode = 1;
    } else {
      console.log('proto:check: generated code matches proto/');
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
