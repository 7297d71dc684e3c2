/**
 * Reads one vitest JSON report (`--reporter=json --outputFile.json=FILE`) for scripts/test.
 *
 *   node scripts/lib/vitest-summary.ts REPORT SUITE [--ci] [--failures FILE]
 *
 * stdout: one line `PASSED FAILED SKIPPED` for the totals. stderr: the suite's counts and wall
 * time, each test file that skipped tests with the reason its title gives (conditionally skipped
 * suites end their title with "(skipped: <reason>)"), the files that failed to load, and the
 * five slowest files. With --ci a skipped test counts as failed: under CI a suite that cannot
 * run is a failure, never a silent skip. With --failures each failed test is also appended to FILE
 * (suite, file, title, the first line of its error), which scripts/test prints again just above
 * its last line: a CI log that keeps only its tail still names what failed.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface Assertion {
  status: string;
  title: string;
  ancestorTitles: string[];
  failureMessages?: string[];
}
interface FileResult {
  name: string;
  status: string;
  message?: string;
  startTime: number;
  endTime: number;
  assertionResults: Assertion[];
}
interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  startTime: number;
  testResults: FileResult[];
}

const [file, suite = 'vitest', ...flags] = process.argv.slice(2);
const ci = flags.includes('--ci');
const failuresAt = flags.indexOf('--failures');
const failuresFile = failuresAt >= 0 ? flags[failuresAt + 1] : undefined;
const say = (line: string): void => void process.stderr.write(`[drover] ${line}\n`);

let report: Report;
try {
  report = JSON.parse(readFileSync(file ?? '', 'utf8')) as Report;
} catch (err) {
  say(`suite ${suite}: no report from vitest (${(err as Error).message}); counted as one failure`);
  process.stdout.write('0 1 0\n');
  process.exit(0);
}

const root = process.cwd();
const rel = (p: string): string => relative(root, p);
const reasonOf = (a: Assertion): string => {
  const titles = [...a.ancestorTitles, a.title].join(' › ');
  return /\(skipped: ([^)]*)\)/.exec(titles)?.[1] ?? 'no reason given in the test title';
};

// A file that failed to load ran no test but is one failure.
const broken = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
for (const f of broken) say(`suite ${suite}: ${rel(f.name)} failed to load: ${(f.message ?? '').split('\n')[0]}`);

let skipped = 0;
for (const f of report.testResults) {
  const pending = f.assertionResults.filter((a) => a.status === 'pending' || a.status === 'skipped' || a.status === 'todo');
  if (pending.length === 0) continue;
  skipped += pending.length;
  const reasons = [...new Set(pending.map(reasonOf))].join('; ');
  say(`${ci ? 'FAILED (CI=true: a suite that cannot run is a failure)' : 'skipped'}: ${rel(f.name)}, ${pending.length} test(s): ${reasons}`);
}

const failures: string[] = broken.map((f) => `${suite}: ${rel(f.name)}: failed to load: ${(f.message ?? '').split('\n')[0]}`);
for (const f of report.testResults) {
  for (const a of f.assertionResults) {
    if (a.status !== 'failed') continue;
    const first = (a.failureMessages?.[0] ?? '').split('\n')[0]?.slice(0, 300) ?? '';
    failures.push(`${suite}: ${rel(f.name)} > ${[...a.ancestorTitles, a.title].join(' > ')}: ${first}`);
  }
}
for (const line of failures) say(`FAILED ${line}`);
if (failuresFile !== undefined && failures.length > 0) appendFileSync(failuresFile, failures.map((l) => `${l}\n`).join(''));

const passed = report.numPassedTests;
let failed = report.numFailedTests + broken.length;
if (ci) {
  failed += skipped;
  skipped = 0;
}
const ends = report.testResults.map((f) => f.endTime).filter((t) => t > 0);
const wall = ends.length > 0 ? (Math.max(...ends) - report.startTime) / 1000 : 0;
say(`suite ${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped in ${wall.toFixed(0)} s (${report.testResults.length} files)`);
const slowest = [...report.testResults].sort((a, b) => b.endTime - b.startTime - (a.endTime - a.startTime)).slice(0, 5);
say(`suite ${suite}: slowest files: ${slowest.map((f) => `${rel(f.name)} ${((f.endTime - f.startTime) / 1000).toFixed(1)} s`).join(', ')}`);
process.stdout.write(`${passed} ${failed} ${skipped}\n`);
