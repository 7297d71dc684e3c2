/** Flag parsing for every command: node:util parseArgs, strict, with a usage error (exit 2) that shows the command's help. */
import { parseArgs } from 'node:util';
import type { ParseArgsOptionsConfig } from 'node:util';
import { usage } from './errors.ts';

export function parseFlags<T extends ParseArgsOptionsConfig>(argv: string[], options: T, help: string, positionals = false) {
  try {
    return parseArgs({ args: argv, allowPositionals: positionals, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    throw usage(`${(err as Error).message}\n\n${help}`);
  }
}
