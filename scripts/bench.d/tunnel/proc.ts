/** Reads a process's CPU time and memory from /proc (Linux only); a free port for a child to listen on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

let clkTck: number | undefined;

function ticksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** utime + stime of `pid` in seconds (fields 14 and 15 of /proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** A process's CPU seconds so far, in user space and in the kernel (on its behalf: syscalls, loopback delivery). */
export function cpuSplit(pid: number): { user: number; system: number } {
  return statTimes(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** CPU seconds of one thread `tid` of process `pid`. */
export function taskCpuSeconds(pid: number, tid: number): number {
  const { user, system } = statTimes(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
  return user + system;
}

function statTimes(stat: string): { user: number; system: number } {
  // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / ticksPerSecond(), system: Number(fields[12]) / ticksPerSecond() };
}

/** A `Vm*` line of /proc/<pid>/status, in MiB. */
export function vmMiB(pid: number, field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/** A TCP port free on 127.0.0.1 a moment ago (for a child process to listen on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
