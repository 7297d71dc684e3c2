/**
 * What a command reads and writes: injected, so commands are tested without a process (main.ts
 * wires stdout/stderr, the environment and stdin). Nothing below main.ts reads `process.env`.
 */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The environment (DROVER_SERVER, DROVER_TOKEN, DROVER_CONFIG, registry credentials, HOME). Default: empty. */
  env?: Readonly<Record<string, string | undefined>>;
  /** All of stdin as text (`--password-stdin`); absent: no stdin. */
  readStdin?(): Promise<string>;
  /** Cancels a long command (main.ts: SIGINT/SIGTERM). */
  signal?: AbortSignal;
}
