/** `--output json|yaml|table`: one renderer for every command's rows. */
import { stringify } from 'yaml';
import { usage } from './errors.ts';

export type OutputFormat = 'json' | 'yaml' | 'table';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'yaml'];

export function parseOutput(value: string | undefined): OutputFormat {
  const v = value ?? 'table';
  if (!(OUTPUT_FORMATS as readonly string[]).includes(v)) throw usage(`--output must be one of ${OUTPUT_FORMATS.join(', ')}; got ${JSON.stringify(v)}`);
  return v as OutputFormat;
}

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Renders `rows` (objects with the same keys; json and yaml keep their values' types). json: a JSON array; yaml: a YAML sequence; table:
 * upper-cased headers from `columns` and columns padded to their widest cell, kubectl-style.
 */
export function render(rows: readonly object[], columns: readonly string[], format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'yaml') return stringify(rows);
  const cells = [columns.map((c) => c.toUpperCase()), ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])))];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 3))).join('')).join('\n') + '\n';
}
