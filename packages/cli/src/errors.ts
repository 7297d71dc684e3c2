/**
 * Every error code of the CLI, in one table, with the exit status main.ts uses. Codes are stable
 * and never reused; retired codes stay listed as comments.
 */
export const CLI_ERROR_CODES = {
  /** Unknown command or flag, a missing or bad flag value. */
  DROVER_ERR_CLI_USAGE: { exit: 2 },
  /** The named Kubernetes version is not in the version table. */
  DROVER_ERR_CLI_UNKNOWN_VERSION: { exit: 3 },
  /** `images mirror`: an image is not in the source registry (the others were still mirrored). */
  DROVER_ERR_CLI_IMAGE_MISSING: { exit: 4 },
  /** `images mirror`: copying an image failed otherwise (registry unreachable, refused, bad manifest). */
  DROVER_ERR_CLI_MIRROR_FAILED: { exit: 5 },
  /** No server or token: neither flags, environment nor a config file from `drover login`. */
  DROVER_ERR_CLI_NOT_LOGGED_IN: { exit: 6 },
  /** The server refused the token or the password (401). */
  DROVER_ERR_CLI_UNAUTHORIZED: { exit: 7 },
  /** The server could not be reached (connection, TLS, timeout). */
  DROVER_ERR_CLI_UNREACHABLE: { exit: 8 },
  /** The server answered with an error (the message carries its Status reason and message). */
  DROVER_ERR_CLI_API: { exit: 9 },
  /** The config file is unreadable, malformed, or could not be written. */
  DROVER_ERR_CLI_CONFIG: { exit: 10 },
  /** A file named by a flag (`-f`, `--ca-file`) is unreadable or malformed. */
  DROVER_ERR_CLI_BAD_FILE: { exit: 11 },
  /** SIGINT/SIGTERM stopped a long command (`images mirror`: run it again to resume). */
  DROVER_ERR_CLI_INTERRUPTED: { exit: 130 },
} as const satisfies Record<string, { exit: number }>;

export type CliErrorCode = keyof typeof CLI_ERROR_CODES;

export class CliError extends Error {
  readonly code: CliErrorCode;
  readonly exitStatus: number;
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
    this.exitStatus = CLI_ERROR_CODES[code].exit;
  }
}

export const usage = (message: string): CliError => new CliError('DROVER_ERR_CLI_USAGE', message);
