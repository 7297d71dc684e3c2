/**
 * Measures (not a test): the agent endpoints' batched writes (ADRs 0020, 0035). 10,000 Nodes are
 * updated in transactions of 256 as the write batcher runs them: a prefetch for writing of the
 * batch's keys, then per Node a get and an update with `expectedResourceVersion`. Three rounds;
 * prints JSON with the wall time and this process's CPU per write.
 *
 *   node packages/store/bench/batched-writes.ts                    # SQLite in a temp directory
 *   node packages/store/bench/batched-writes.ts --postgres <url>   # PostgreSQL (a fresh schema, dropped after)
 */
import type { Store } from '../src/index.ts';
import { runOnBackend } from './backend.ts';

const N = 10_000;
const BATCH = 256;
const R = 'management.drover.dev/nodes';

async function bench(store: Store) {
  const names = Array.from({ length: N }, (_, i) => `n-${String(i).padStart(5, '0')}`);
  for (let at = 0; at < N; at += 500) {
    await store.transaction(async (tx) => {
      for (const name of names.slice(at, at + 500)) {
        await tx.create(R, { apiVersion: 'management.drover.dev/v1', kind: 'Node', metadata: { name, namespace: 'c-1' }, status: { state: 'Connected', rttMs: 1 } });
      }
    });
  }
  const rounds = [];
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let at = 0; at < N; at += BATCH) {
      const batch = names.slice(at, at + BATCH);
      await store.transaction(async (tx) => {
        await tx.prefetch(
          batch.map((name) => ({ resource: R, namespace: 'c-1', name })),
          { forWrite: true },
        );
        for (const name of batch) {
          const node = await tx.get(R, 'c-1', name);
          await tx.update(R, { ...node, status: { state: 'Connected', rttMs: round + 2 } }, { expectedResourceVersion: node.metadata.resourceVersion });
        }
      });
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    rounds.push({ ms: Math.round(ms), usPerWrite: Math.round((ms * 1000) / N), cpuUsPerWrite: Math.round((cpu.user + cpu.system) / N) });
  }
  const check = await store.get(R, 'c-1', names[N - 1]!);
  if ((check.status as { rttMs?: number }).rttMs !== 4) throw new Error('the last round was not written');
  return { batchedWrites: { writes: N, perTransaction: BATCH, rounds } };
}

await runOnBackend(process.argv.slice(2), bench);
