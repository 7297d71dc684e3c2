/**
 * Child process of crash-safety.test.ts (run as `node crash-writer.ts <dataDir> <run>`): writes
 * objects in a loop on a SQLite store and prints one line per acknowledged write:
 *   ack <rv> <name> <sha256 of spec.blob>        a single create
 *   tx <rv> <prefix> <n>                          a transaction that created <prefix>-0..n-1
 *   counter <rv> <value>                          an update of the object "counter"
 * It never stops by itself: the test kills it with SIGKILL.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { createStore } from './store.ts';
import type { KubeObject } from './types.ts';

/** The resource the writer writes. */
export const CRASH_RESOURCE = 'management.drover.dev/crashtest';

/** The object a writer creates: spec.blob random, annotations.sum its digest. */
export function crashObject(name: string, i: number): KubeObject {
  const blob = randomBytes(randomInt(0, 12_000)).toString('base64');
  const sum = createHash('sha256').update(blob).digest('hex');
  return { apiVersion: 'test.drover.dev/v1', kind: 'Crash', metadata: { name, annotations: { sum } }, spec: { i, blob } };
}

async function main(dataDir: string, run: string): Promise<void> {
  const store = await createStore({ kind: 'sqlite', dataDir });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out('ready');
  let counter = await store.get(CRASH_RESOURCE, '', 'counter').catch(() => undefined);
  for (let i = 0; ; i++) {
    if (i % 5 === 4) {
      const prefix = `t${run}-${i}`;
      const rv = await store.transaction(async (tx) => {
        let last = '';
        for (let j = 0; j < 3; j++) last = (await tx.create(CRASH_RESOURCE, crashObject(`${prefix}-${j}`, i))).metadata.resourceVersion;
        return last;
      });
      out(`tx ${rv} ${prefix} 3`);
    } else if (i % 3 === 2) {
      const value = Number((counter?.spec as { value?: number } | undefined)?.value ?? 0) + 1;
      const body: KubeObject = { apiVersion: 'test.drover.dev/v1', kind: 'Crash', metadata: { name: 'counter' }, spec: { value } };
      counter = counter === undefined ? await store.create(CRASH_RESOURCE, body) : await store.update(CRASH_RESOURCE, body);
      out(`counter ${counter.metadata.resourceVersion} ${value}`);
    } else {
      const o = await store.create(CRASH_RESOURCE, crashObject(`r${run}-${i}`, i));
      out(`ack ${o.metadata.resourceVersion} ${o.metadata.name} ${o.metadata.annotations?.sum ?? ''}`);
    }
  }
}

const [dataDir, run] = process.argv.slice(2);
if (dataDir !== undefined && run !== undefined && import.meta.filename === process.argv[1]) await main(dataDir, run);
