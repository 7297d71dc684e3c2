/**
 * Crash safety: a child process writes in a loop and is SIGKILLed at random moments; after each
 * kill the store is reopened and every acknowledged write must be there, intact.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { CRASH_RESOURCE } from './crash-writer.ts';
import { createStore } from './store.ts';

const WRITER = join(import.meta.dirname, 'crash-writer.ts');

/**
 * Runs the writer until killed `delayMs` after its first acknowledged write (not after "ready":
 * on a loaded machine the first write can take longer than the whole delay, and a run that
 * acknowledged nothing proves nothing); returns its stdout lines.
 */
async function runAndKill(dataDir: string, run: number, delayMs: number): Promise<string[]> {
  const child = spawn(process.execPath, [WRITER, dataDir, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      if (buffered.startsWith('ready\n') && buffered.split('\n').length > 2) resolve();
    });
    void exited.then(() => reject(new Error('writer exited before its first acknowledged write')));
  });
  await ready;
  await sleep(delayMs);
  child.kill('SIGKILL');
  await exited;
  // Only complete lines: a line cut by the kill was never fully acknowledged.
  return buffered.split('\n').slice(1, -1);
}

it('keeps every acknowledged write across SIGKILLs, with no half-written object', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'drover-store-crash-'));
  try {
    const acked = new Map<string, { rv: string; sum: string }>();
    const txs: string[] = [];
    let counter = { rv: 0, value: 0 };
    let lastRv = 0;
    for (let run = 0; run < 5; run++) {
      const lines = await runAndKill(dataDir, run, 100 + Math.floor(Math.random() * 300));
      const rvs: number[] = [];
      for (const line of lines) {
        const [kind, rv, a, b] = line.split(' ');
        rvs.push(Number(rv));
        if (kind === 'ack') acked.set(a!, { rv: rv!, sum: b! });
        else if (kind === 'tx') txs.push(a!);
        else if (kind === 'counter') counter = { rv: Number(rv), value: Number(a) };
        else throw new Error(`unexpected line ${line}`);
      }
      expect(rvs.length).toBeGreaterThan(0);
      // Increasing within the run, and above everything the store held before it.
      expect(rvs).toEqual([...rvs].sort((x, y) => x - y));
      expect(rvs[0]).toBeGreaterThan(lastRv);

      const store = await createStore({ kind: 'sqlite', dataDir });
      try {
        const { items, resourceVersion } = await store.list(CRASH_RESOURCE);
        lastRv = Number(resourceVersion);
        expect(lastRv).toBeGreaterThanOrEqual(Math.max(...rvs));
        const byName = new Map(items.map((o) => [o.metadata.name, o]));
        for (const [name, want] of acked) {
          const o = byName.get(name);
          expect(o?.metadata.resourceVersion, name).toBe(want.rv);
          expect(o?.metadata.annotations?.sum).toBe(want.sum);
        }
        for (const o of items) {
          if (o.metadata.name === 'counter') continue;
          const blob = (o.spec as { blob: string }).blob;
          expect(createHash('sha256').update(blob).digest('hex'), o.metadata.name).toBe(o.metadata.annotations?.sum);
        }
        // Transactions: acknowledged ones whole; any other one all or nothing.
        const groups = new Map<string, number>();
        for (const o of items) {
          const m = /^(t\d+-\d+)-\d$/.exec(o.metadata.name);
          if (m) groups.set(m[1]!, (groups.get(m[1]!) ?? 0) + 1);
        }
        for (const t of txs) expect(groups.get(t), t).toBe(3);
        for (const [t, n] of groups) expect(n, t).toBe(3);
        if (counter.rv > 0) {
          const c = byName.get('counter')!;
          expect(Number(c.metadata.resourceVersion)).toBeGreaterThanOrEqual(counter.rv);
          expect((c.spec as { value: number }).value).toBeGreaterThanOrEqual(counter.value);
        }
      } finally {
        await store.close();
      }
    }
    expect(acked.size).toBeGreaterThan(10);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
