/**
 * Every error code of the CLI, in one table, with the exit status main.ts uses. Codes are stable
 * and never reused; retired codes stay listed as comments.
 */
export const CLI_ERROR_CODES = {
  /** Unknown command or flag, a missing or bad flag value. */
  DROVER_ERR_CLI_USAGE: { exit: 2 },
  /** The named Kubernetes version is not in the version table. */
  DROVER_ERR_CLI_UNKNOWN_VERSION: { exit: 3 },
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
