/** What a command writes to: injected, so commands are tested without a process (main.ts wires stdout/stderr). */
export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}
