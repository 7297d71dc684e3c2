/** Test support: runs the real `drover` entry point (main.ts) as a process, with the given environment and stdin. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs drover; `onStderr` sees stderr as it arrives and may signal the process (`kill`). */
export function drover(args: string[], o: { env?: Record<string, string>; stdin?: string; timeoutMs?: number; onStderr?: (text: string, kill: (signal: NodeJS.Signals) => void) => void } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [MAIN, ...args], { timeout: o.timeoutMs ?? 60_000, env: { PATH: process.env.PATH ?? '', ...o.env } }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') reject(new Error(`${err.message}\n${stderr}`, { cause: err }));
      else resolve({ code: err === null ? 0 : (err.code as number), stdout, stderr });
    });
    child.stdin!.end(o.stdin ?? '');
    let seen = '';
    if (o.onStderr !== undefined) child.stderr!.on('data', (d: Buffer) => o.onStderr!((seen += d.toString()), (sig) => child.kill(sig)));
  });
}
