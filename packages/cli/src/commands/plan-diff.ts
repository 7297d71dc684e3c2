/**
 * `drover plan diff <cluster> -f spec.yaml`: what applying a Cluster spec would change, node by
 * node, without applying anything — the server's plan preview (`POST
 * /v1/clusters/<c>/plan-preview`, provisioning/plan-preview-route.ts) computes the Plans the spec
 * gives and diffs them against the stored ones. The file holds a Cluster object or its spec alone,
 * YAML or JSON; `-f -` reads stdin.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml, stringify } from 'yaml';
import type { NodePlanDiff } from '@drover/server/provisioning';
import { CliError, usage } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import type { CommandIo } from '../io.ts';
import { parseOutput, render } from '../output.ts';
import { callServer, resolveConnection, SERVER_FLAGS, SERVER_FLAGS_HELP } from '../server-client.ts';

export const PLAN_DIFF_HELP = `Show what a Cluster spec would change on each node, without applying it.

Usage:
  drover plan diff <cluster> -f <spec.yaml> [flags]

Lists per node each container that would be created, replaced (with the changed fields; "files"
when only a file it reads changes) or removed, and each file that would be created, updated or
removed.

Flags:
  -f, --filename <file>           A Cluster object or its spec, YAML or JSON ("-": stdin)
  -o, --output <fmt>              table (default), json or yaml
${SERVER_FLAGS_HELP}
  -h, --help                      Show this help
`;

interface Preview {
  cluster: string;
  nodes: NodePlanDiff[];
  waiting: string[];
}

async function readSpec(file: string, io: CommandIo): Promise<unknown> {
  let text: string;
  try {
    if (file === '-') {
      if (io.readStdin === undefined) throw new Error('no stdin');
      text = await io.readStdin();
    } else text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError('DROVER_ERR_CLI_BAD_FILE', `-f ${file}: ${(err as Error).message}`, { cause: err });
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new CliError('DROVER_ERR_CLI_BAD_FILE', `-f ${file}: not YAML or JSON: ${(err as Error).message}`, { cause: err });
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new CliError('DROVER_ERR_CLI_BAD_FILE', `-f ${file}: must hold a Cluster or a Cluster spec (an object)`);
  const o = doc as Record<string, unknown>;
  // A whole Cluster object: its spec. (A spec never has `kind`.)
  if (o.kind === 'Cluster') return o.spec ?? {};
  return o;
}

/** One row per change; a node without changes gets one row saying so. */
function rows(p: Preview): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const n of p.nodes) {
    for (const c of n.containers) out.push({ node: n.node, kind: 'container', name: c.name, change: c.action, fields: (c.changed ?? []).join(',') });
    for (const f of n.files) out.push({ node: n.node, kind: 'file', name: f.path, change: f.action, fields: '' });
    if (n.containers.length === 0 && n.files.length === 0) out.push({ node: n.node, kind: '', name: '', change: n.action === 'unchanged' ? 'none' : n.action, fields: '' });
  }
  return out;
}

export async function planDiff(argv: string[], io: CommandIo): Promise<number> {
  const { values: v, positionals } = parseFlags(argv, { ...SERVER_FLAGS, filename: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } }, PLAN_DIFF_HELP, true);
  if (v.help === true) {
    io.stdout(PLAN_DIFF_HELP);
    return 0;
  }
  const format = parseOutput(v.output);
  if (positionals.length !== 1) throw usage(`give exactly one cluster name\n\n${PLAN_DIFF_HELP}`);
  if (v.filename === undefined) throw usage(`-f <spec.yaml> is required\n\n${PLAN_DIFF_HELP}`);
  const cluster = positionals[0]!;
  const conn = await resolveConnection(v, io);
  const spec = await readSpec(v.filename, io);
  const res = await callServer(conn, 'POST', `/v1/clusters/${encodeURIComponent(cluster)}/plan-preview`, spec, io.signal);
  const body = res.body as Preview;
  const preview: Preview = { cluster: body.cluster, nodes: body.nodes, waiting: body.waiting };
  if (format === 'table') {
    io.stdout(render(rows(preview), ['node', 'kind', 'name', 'change', 'fields'], 'table'));
    for (const w of preview.waiting) io.stderr(`not planned yet: ${w}\n`);
  } else io.stdout(format === 'json' ? `${JSON.stringify(preview, null, 2)}\n` : stringify(preview));
  return 0;
}
