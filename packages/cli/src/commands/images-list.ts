/**
 * `drover images list [--version <v> | --all] [--registry <r>] [--output json|yaml|table]`: the
 * images a Kubernetes version needs, from the version table the server serves — what to mirror
 * for an air gap. `--registry` shows them as a Cluster with that default registry pulls them
 * (the one rewrite rule: keep the repository path, replace the registry host).
 */
import { parseArgs } from 'node:util';
import { parseRegistry, rewriteImage } from '@drover/server/provisioning';
import { usage } from '../errors.ts';
import { parseOutput, render } from '../output.ts';
import type { CommandIo } from '../io.ts';
import { selectVersions } from './select-versions.ts';

export const IMAGES_LIST_HELP = `List the images a Kubernetes version needs (from Drover's version table).

Usage:
  drover images list [flags]

Flags:
  --version <v>        Kubernetes version (default: the table's default version)
  --all                Every supported version
  --registry <host>    Show each image as pulled from this private registry
                       (keep the repository path, replace the registry host)
  -o, --output <fmt>   table (default), json or yaml
  -h, --help           Show this help
`;

export function imagesList(argv: string[], io: CommandIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        version: { type: 'string' },
        all: { type: 'boolean' },
        registry: { type: 'string' },
        output: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw usage(`${(err as Error).message}\n\n${IMAGES_LIST_HELP}`);
  }
  const v = parsed.values;
  if (v.help === true) {
    io.stdout(IMAGES_LIST_HELP);
    return 0;
  }
  const format = parseOutput(v.output);
  const entries = selectVersions(v);
  if (v.registry !== undefined) {
    try {
      parseRegistry(v.registry);
    } catch (err) {
      throw usage(`--registry: ${(err as Error).message}`);
    }
  }
  const rows = entries.flatMap((e) => Object.entries(e.images).map(([component, image]) => ({ version: e.version, component, image: rewriteImage(image, v.registry) })));
  io.stdout(render(rows, ['version', 'component', 'image'], format));
  return 0;
}
