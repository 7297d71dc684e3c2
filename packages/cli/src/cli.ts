/**
 * The `drover` command tree: non-interactive, `--help` on every command, `--output json|yaml|table`
 * where a command prints data. `runCli` resolves to the exit status; only main.ts exits. An error
 * prints as `error: <message>` (usage) or `error: <CODE>: <message>`, with the code's exit status
 * (errors.ts).
 */
import { imagesList, IMAGES_LIST_HELP } from './commands/images-list.ts';
import { imagesMirror, IMAGES_MIRROR_HELP } from './commands/images-mirror.ts';
import { login, LOGIN_HELP } from './commands/login.ts';
import { planDiff, PLAN_DIFF_HELP } from './commands/plan-diff.ts';
import { CliError, usage } from './errors.ts';
import type { CommandIo } from './io.ts';

export const ROOT_HELP = `drover manages Kubernetes clusters on hosts the control plane cannot reach.

Usage:
  drover <command> [subcommand] [flags]

Commands:
  login          Log in to a Drover server (keeps the token in a 0600 config file)
  images list    List the images a Kubernetes version needs (air gaps: what to mirror)
  images mirror  Copy those images into a private registry (registry API, resumable)
  plan diff      Show what a Cluster spec would change on each node, without applying it

Run "drover <command> --help" for a command's flags.
`;

export const IMAGES_HELP = `Images Drover runs, per Kubernetes version.

Usage:
  drover images <subcommand> [flags]

Subcommands:
  list      List the images a Kubernetes version needs
  mirror    Copy them into a private registry
`;

export const PLAN_HELP = `Plans: the containers and files Drover runs on each node.

Usage:
  drover plan <subcommand> [flags]

Subcommands:
  diff      Show what a Cluster spec would change on each node, without applying it
`;

type Command = (argv: string[], io: CommandIo) => number | Promise<number>;

/** Command groups: name → help and subcommands. */
const GROUPS: Record<string, { help: string; subcommands: Record<string, Command> }> = {
  images: { help: IMAGES_HELP, subcommands: { list: imagesList, mirror: imagesMirror } },
  plan: { help: PLAN_HELP, subcommands: { diff: planDiff } },
};

const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h' || a === 'help';

async function dispatch(argv: string[], io: CommandIo): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (cmd === undefined || isHelp(cmd)) {
    io.stdout(ROOT_HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === 'login') return login(argv.slice(1), io);
  const group = GROUPS[cmd];
  if (group === undefined) throw usage(`unknown command "${cmd}"\n\n${ROOT_HELP}`);
  if (sub === undefined || isHelp(sub)) {
    io.stdout(group.help);
    return sub === undefined ? 2 : 0;
  }
  const run = Object.hasOwn(group.subcommands, sub) ? group.subcommands[sub] : undefined;
  if (run === undefined) throw usage(`unknown subcommand "${cmd} ${sub}"\n\n${group.help}`);
  return run(rest, io);
}

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(err.code === 'DROVER_ERR_CLI_USAGE' ? `error: ${err.message}\n` : `error: ${err.code}: ${err.message}\n`);
      return err.exitStatus;
    }
    throw err;
  }
}

export { IMAGES_LIST_HELP, IMAGES_MIRROR_HELP, LOGIN_HELP, PLAN_DIFF_HELP };
