#!/usr/bin/env node
/** The `drover` process: the only place that reads argv and sets the exit status. */
import { runCli } from './cli.ts';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
