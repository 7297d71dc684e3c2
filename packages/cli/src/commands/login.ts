/**
 * `drover login --server <url> [--token <t> | --username <u> --password-stdin] [--ca-file <f> |
 * --insecure-skip-tls-verify]`: checks the credentials against the server and stores the server
 * URL, the token and the CA to trust in the config file (config-file.ts: 0600, atomic). A password
 * is exchanged for a login token (`POST /v1/login`) and never stored. The token is checked with a
 * SelfSubjectReview (what `kubectl auth whoami` asks), so a wrong one is refused before anything
 * is written.
 */
import { configPath, writeConfig } from '../config-file.ts';
import type { CliConfig } from '../config-file.ts';
import { CliError, usage } from '../errors.ts';
import { parseFlags } from '../flags.ts';
import type { CommandIo } from '../io.ts';
import { callServer, normalizeServer, readCaFile } from '../server-client.ts';

export const LOGIN_HELP = `Log in to a Drover server and keep the token for later commands.

Usage:
  drover login --server <url> [--token <t> | --username <u> --password-stdin] [flags]

Flags:
  --server <url>                  Drover server, e.g. https://drover.example:8443 (default: $DROVER_SERVER)
  --token <t>                     An existing bearer token (default: $DROVER_TOKEN)
  --username <u>                  Log in with a password instead, read from stdin
  --password-stdin                Read the password from stdin (with --username)
  --ca-file <file>                PEM CA that signed the server's certificate (kept in the config)
  --insecure-skip-tls-verify      Do not verify the server's certificate (tests only)
  -h, --help                      Show this help

The config file is $DROVER_CONFIG, else ~/.config/drover/config.json (mode 0600). --server,
--token, DROVER_SERVER and DROVER_TOKEN override it in every command.
`;

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'ca-file': { type: 'string' },
  'insecure-skip-tls-verify': { type: 'boolean' },
} as const;

export async function login(argv: string[], io: CommandIo): Promise<number> {
  const { values: v } = parseFlags(argv, OPTIONS, LOGIN_HELP);
  if (v.help === true) {
    io.stdout(LOGIN_HELP);
    return 0;
  }
  const env = io.env ?? {};
  const rawServer = v.server ?? (env.DROVER_SERVER || undefined);
  if (rawServer === undefined) throw usage(`--server is required\n\n${LOGIN_HELP}`);
  if (v['ca-file'] !== undefined && v['insecure-skip-tls-verify'] === true) throw usage('--ca-file and --insecure-skip-tls-verify exclude each other');
  if (v.username !== undefined && v.token !== undefined) throw usage('--token and --username exclude each other');
  if ((v.username !== undefined) !== (v['password-stdin'] === true)) throw usage('--username goes with --password-stdin');
  const server = normalizeServer(rawServer);
  const ca = v['ca-file'] === undefined ? undefined : await readCaFile(v['ca-file']);
  const trust = { server, ...(ca === undefined ? {} : { ca }), ...(v['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}) };

  let token = v.token ?? (env.DROVER_TOKEN || undefined);
  if (v.username !== undefined) {
    if (io.readStdin === undefined) throw usage('--password-stdin: no stdin');
    const password = (await io.readStdin()).replace(/\r?\n$/, '');
    if (password === '') throw usage('--password-stdin: stdin was empty');
    const res = await callServer(trust, 'POST', '/v1/login', { username: v.username, password }, io.signal);
    token = (res.body as { token?: string }).token;
    if (token === undefined) throw new CliError('DROVER_ERR_CLI_API', `${server}: POST /v1/login returned no token`);
  }
  if (token === undefined) throw usage(`give --token (or DROVER_TOKEN) or --username with --password-stdin\n\n${LOGIN_HELP}`);

  const review = await callServer({ ...trust, token }, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, io.signal);
  const user = (review.body as { status?: { userInfo?: { username?: string } } }).status?.userInfo?.username;
  if (user === undefined) throw new CliError('DROVER_ERR_CLI_API', `${server} did not say who the token belongs to`);

  const path = configPath(env);
  const config: CliConfig = { server, token, ...(ca === undefined ? {} : { certificateAuthorityData: ca }), ...(v['insecure-skip-tls-verify'] === true ? { insecureSkipTlsVerify: true } : {}) };
  await writeConfig(path, config, (env.DROVER_CONFIG ?? '') === '');
  io.stdout(`Logged in to ${server} as ${user} (config: ${path})\n`);
  return 0;
}
