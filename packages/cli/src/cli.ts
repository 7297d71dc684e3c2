/**
 * The `drover` command tree: non-interactive, `--help` on every command, `--output json|yaml|table`
 * where a command prints data. `runCli` returns the exit status; only main.ts exits.
 */
import { imagesList, IMAGES_LIST_HELP } from './commands/images-list.ts';
import { CliError, usage } from './errors.ts';
import type { CommandIo } from './io.ts';

export const ROOT_HELP = `drover manages Kubernetes clusters on hosts the control plane cannot reach.

Usage:
  drover <command> [subcommand] [flags]

Commands:
  images list    List the images a Kubernetes version needs (air gaps: what to mirror)

Run "drover <command> --help" for a command's flags.
`;

export const IMAGES_HELP = `Images Drover runs, per Kubernetes version.

Usage:
  drover images <subcommand> [flags]

Subcommands:
  list    List the images a Kubernetes version needs
`;

const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h' || a === 'help';

function dispatch(argv: string[], io: CommandIo): number {
  const [cmd, sub, ...rest] = argv;
  if (cmd === undefined || isHelp(cmd)) {
    io.stdout(ROOT_HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === 'images') {
    if (sub === undefined || isHelp(sub)) {
      io.stdout(IMAGES_HELP);
      return sub === undefined ? 2 : 0;
    }
    if (sub === 'list') return imagesList(rest, io);
    throw usage(`unknown subcommand "images ${sub}"\n\n${IMAGES_HELP}`);
  }
  throw usage(`unknown command "${cmd}"\n\n${ROOT_HELP}`);
}

export function runCli(argv: string[], io: CommandIo): number {
  try {
    return dispatch(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`error: ${err.message}\n`);
      return err.exitStatus;
    }
    throw err;
  }
}

export { IMAGES_LIST_HELP };
