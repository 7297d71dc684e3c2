/** @drover/cli: the `drover` command as a function (main.ts is the process entry point). */
export { runCli, ROOT_HELP } from './cli.ts';
export { CLI_ERROR_CODES, CliError } from './errors.ts';
export type { CliErrorCode } from './errors.ts';
export type { CommandIo } from './io.ts';
