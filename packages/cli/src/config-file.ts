/**
 * The CLI's config file: the server URL, the token and how to trust the server, written by
 * `drover login` and read by every command that talks to the server.
 *
 * Where: `$DROVER_CONFIG`, else `$XDG_CONFIG_HOME/drover/config.json`, else
 * `$HOME/.config/drover/config.json`. The token is a credential, so the file is 0600 and a
 * directory the CLI creates is 0700; it is written atomically (a 0600 temp file in the same
 * directory, fsync, rename), so a crash leaves the old file or the new one, never half of one and
 * never a moment with a wider mode.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from './errors.ts';

export interface CliConfig {
  /** `https://host:port` of the Drover server. */
  server: string;
  token: string;
  /** PEM of the CA that signed the server's certificate (from `--ca-file`); absent: the system's. */
  certificateAuthorityData?: string;
  insecureSkipTlsVerify?: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export function configPath(env: Env): string {
  if ((env.DROVER_CONFIG ?? '') !== '') return env.DROVER_CONFIG!;
  const base = (env.XDG_CONFIG_HOME ?? '') !== '' ? env.XDG_CONFIG_HOME! : join(env.HOME ?? '.', '.config');
  return join(base, 'drover', 'config.json');
}

/** The stored config; undefined when there is no file. */
export async function readConfig(path: string): Promise<CliConfig | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError('DROVER_ERR_CLI_CONFIG', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CliError('DROVER_ERR_CLI_CONFIG', `${path} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  const c = parsed as Partial<CliConfig>;
  if (typeof c !== 'object' || c === null || typeof c.server !== 'string' || typeof c.token !== 'string') {
    throw new CliError('DROVER_ERR_CLI_CONFIG', `${path} must hold {"server": "...", "token": "..."}; run drover login again`);
  }
  return c as CliConfig;
}

export async function writeConfig(path: string, config: CliConfig, ownDirectory: boolean): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // The default directory is ours alone; a directory named by $DROVER_CONFIG is the user's.
    if (ownDirectory) await chmod(dir, 0o700);
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(config, null, 2)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new CliError('DROVER_ERR_CLI_CONFIG', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
}
