/**
 * `drover images mirror --registry <r> [--source-registry <r0>] [--version <v> | --all]`: copies
 * every image `drover images list` prints into a private registry, under the same repository path
 * and tag (the one rewrite rule), through the registry API — no Docker engine (mirror/).
 * Progress per image goes to stderr, the summary to stdout (`--output json|yaml` gives each image's
 * digests and copied/skipped counts). Resumable: run it again after a failure and every blob
 * already at the target is skipped. A missing source image fails with DROVER_ERR_CLI_IMAGE_MISSING
 * (exit 4) after every other image was tried; any other failure DROVER_ERR_CLI_MIRROR_FAILED (5).
 *
 * Registry credentials come from DROVER_REGISTRY_USERNAME / DROVER_REGISTRY_PASSWORD (target) and
 * DROVER_SOURCE_REGISTRY_USERNAME / DROVER_SOURCE_REGISTRY_PASSWORD (source), or the flags below;
 * they are never printed.
 */
import { parseRegistry } from '@drover/server/provisioning';
import { CliError, usage } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import type { CommandIo } from '../io.ts';
import { mirrorImages } from '../mirror/mirror.ts';
import type { Credentials, ImageResult } from '../mirror/mirror.ts';
import { parseOutput, render } from '../output.ts';
import { selectVersions } from './select-versions.ts';

export const IMAGES_MIRROR_HELP = `Copy the images a Kubernetes version needs into a private registry (air gaps).

Usage:
  drover images mirror --registry <host[:port][/prefix]> [flags]

Each image keeps its repository path and tag: registry.k8s.io/kube-apiserver:v1.32.6 goes to
<registry>/kube-apiserver:v1.32.6 — where a Cluster with that default registry pulls it. Uses the
registry HTTP API (no Docker engine); manifest lists are copied whole, digests are unchanged.
Blobs already at the target are skipped, so an interrupted run resumes where it stopped.

Flags:
  --registry <r>                  Target registry (required)
  --source-registry <r0>          Copy from this registry under the same repository paths
                                  instead of the upstream registries
  --version <v>                   Kubernetes version (default: the table's default version)
  --all                           Every supported version
  --insecure-registry             Plain HTTP to the target and source registries
                                  (always for 127.0.0.0/8, localhost and [::1])
  --registry-username <u>         Target registry user (default: $DROVER_REGISTRY_USERNAME)
  --registry-password-stdin       Read the target registry password from stdin
                                  (default: $DROVER_REGISTRY_PASSWORD)
  --source-username <u>           Source registry user (default: $DROVER_SOURCE_REGISTRY_USERNAME;
                                  password: $DROVER_SOURCE_REGISTRY_PASSWORD)
  -o, --output <fmt>              table (default), json or yaml
  -h, --help                      Show this help

Exit status: 0 all copied; 4 an image is missing at the source; 5 another failure (each named);
130 interrupted (SIGINT/SIGTERM; run it again to resume).
`;

const OPTIONS = {
  registry: { type: 'string' },
  'source-registry': { type: 'string' },
  version: { type: 'string' },
  all: { type: 'boolean' },
  'insecure-registry': { type: 'boolean' },
  'registry-username': { type: 'string' },
  'registry-password-stdin': { type: 'boolean' },
  'source-username': { type: 'string' },
  output: { type: 'string', short: 'o' },
} as const;

const creds = (username: string | undefined, password: string | undefined): Credentials | undefined =>
  username === undefined || username === '' ? undefined : { username, ...(password === undefined ? {} : { password }) };

function checkRegistry(flag: string, value: string): void {
  try {
    parseRegistry(value);
  } catch (err) {
    throw usage(`${flag}: ${(err as Error).message}`);
  }
}

const summaryRow = (r: ImageResult): Record<string, unknown> =>
  r.status === 'copied'
    ? { image: r.target, status: 'copied', digest: r.digest, copied: `${r.blobsCopied} (${r.bytesCopied} B)`, skipped: `${r.blobsSkipped} (${r.bytesSkipped} B)` }
    : { image: r.target, status: 'failed', digest: '', copied: '', skipped: r.code };

export async function imagesMirror(argv: string[], io: CommandIo): Promise<number> {
  const { values: v } = parseFlags(argv, OPTIONS, IMAGES_MIRROR_HELP);
  if (v.help === true) {
    io.stdout(IMAGES_MIRROR_HELP);
    return 0;
  }
  const format = parseOutput(v.output);
  if (v.registry === undefined) throw usage(`--registry is required\n\n${IMAGES_MIRROR_HELP}`);
  checkRegistry('--registry', v.registry);
  if (v['source-registry'] !== undefined) checkRegistry('--source-registry', v['source-registry']);
  const entries = selectVersions(v);
  const env = io.env ?? {};
  let password = env.DROVER_REGISTRY_PASSWORD;
  if (v['registry-password-stdin'] === true) {
    if (io.readStdin === undefined) throw usage('--registry-password-stdin: no stdin');
    password = (await io.readStdin()).replace(/\r?\n$/, '');
  }
  const target = creds(v['registry-username'] ?? env.DROVER_REGISTRY_USERNAME, password);
  const source = creds(v['source-username'] ?? env.DROVER_SOURCE_REGISTRY_USERNAME, env.DROVER_SOURCE_REGISTRY_PASSWORD);

  const images = entries.flatMap((e) => Object.values(e.images));
  const started = Date.now();
  const run = mirrorImages({
    images,
    registry: v.registry,
    ...(v['source-registry'] === undefined ? {} : { sourceRegistry: v['source-registry'] }),
    insecure: v['insecure-registry'] === true,
    ...(target === undefined ? {} : { targetCredentials: target }),
    ...(source === undefined ? {} : { sourceCredentials: source }),
    ...(io.signal === undefined ? {} : { signal: io.signal }),
    onProgress: (line) => io.stderr(line),
  });
  let results: ImageResult[];
  try {
    results = await run;
  } catch (err) {
    if (io.signal?.aborted !== true) throw err;
    throw new CliError('DROVER_ERR_CLI_INTERRUPTED', `${(err as Error).message}: run the same command again to resume (blobs already copied are skipped)`, { cause: err });
  }
  const failed = results.filter((r) => r.status === 'failed');
  if (format === 'table') io.stdout(render(results.map(summaryRow), ['image', 'status', 'digest', 'copied', 'skipped'], 'table'));
  else io.stdout(render(results, [], format));
  const copied = results.filter((r) => r.status === 'copied');
  io.stderr(`mirrored ${copied.length}/${results.length} images to ${v.registry} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${copied.reduce((n, r) => n + r.blobsCopied, 0)} blobs copied, ${copied.reduce((n, r) => n + r.blobsSkipped, 0)} already present\n`);
  if (failed.length === 0) return 0;
  const missing = failed.some((r) => r.code === 'DROVER_ERR_CLI_IMAGE_MISSING');
  const list = failed.map((r) => `  ${r.image}: ${r.code}: ${r.error}`).join('\n');
  throw new CliError(missing ? 'DROVER_ERR_CLI_IMAGE_MISSING' : 'DROVER_ERR_CLI_MIRROR_FAILED', `${failed.length} of ${results.length} images not mirrored:\n${list}`);
}
