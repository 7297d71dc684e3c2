/** `--version <v> | --all` over the version table, shared by `images list` and `images mirror`. */
import { versionTable } from '@drover/server/provisioning';
import type { VersionEntry } from '@drover/server/provisioning';
import { CliError, usage } from '../errors.ts';

export function selectVersions(flags: { version?: string | undefined; all?: boolean | undefined }): readonly VersionEntry[] {
  if (flags.all === true && flags.version !== undefined) throw usage('--all and --version exclude each other');
  const table = versionTable();
  if (flags.all === true) return table.versions;
  const want = flags.version ?? table.defaultVersion;
  const entry = table.find(want);
  if (entry === undefined) throw new CliError('DROVER_ERR_CLI_UNKNOWN_VERSION', `Kubernetes version ${want} is not supported; supported: ${table.versions.map((x) => x.version).join(', ')}`);
  return [entry];
}
