#!/usr/bin/env node
/** The `drover` process: the only place that reads argv, the environment and stdin, and sets the exit status. */
import { text } from 'node:stream/consumers';
import { runCli } from './cli.ts';

const abort = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => abort.abort(new Error(`interrupted by ${sig}`)));

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
  readStdin: () => text(process.stdin),
  signal: abort.signal,
});
