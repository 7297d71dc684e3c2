/**
 * Measures (not a test): a watch delivering 10,000 object changes in order, a watch replaying
 * 10,000 events of history, and the latency of a list of 10,000 objects. Prints JSON.
 *
 *   node packages/store/bench/watch-10k.ts                       # SQLite in a temp directory
 *   node packages/store/bench/watch-10k.ts --postgres <url>      # PostgreSQL (a fresh schema, dropped after)
 */
import type { Store, Watch } from '../src/index.ts';
import { runOnBackend } from './backend.ts';

const N = 10_000;
const BATCH = 100;
const R = 'management.drover.dev/clusters';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Consumes `n` events, checking they come in resourceVersion order; resolves with the time of the last. */
async function consume(w: Watch, n: number, firstRv: number): Promise<number> {
  let expected = firstRv;
  let seen = 0;
  for await (const ev of w) {
    if (ev.type === 'BOOKMARK') continue;
    const rv = Number(ev.object.metadata.resourceVersion);
    if (rv !== expected) throw new Error(`out of order: got ${rv}, expected ${expected}`);
    expected++;
    if (++seen === n) break;
  }
  return performance.now();
}

async function bench(store: Store) {
  const startRv = Number(await store.currentResourceVersion());
  const watch = await store.watch(R, { resourceVersion: String(startRv) });
  const received = consume(watch, N, startRv + 1);
  const t0 = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    await store.transaction(async (tx) => {
      for (let j = i; j < i + BATCH; j++) {
        await tx.create(R, {
          apiVersion: 'management.drover.dev/v1',
          kind: 'Cluster',
          metadata: { name: `c-${String(j).padStart(5, '0')}`, namespace: `ns-${j % 10}`, labels: { env: j % 2 ? 'prod' : 'dev' } },
          spec: { displayName: `cluster ${j}`, agentImage: 'drover/agent:1.0.0', nodes: j % 7 },
        });
      }
    });
  }
  const tCommitted = performance.now();
  const tDelivered = await received;

  const tReplay0 = performance.now();
  const replay = await store.watch(R, { resourceVersion: String(startRv) });
  await consume(replay, N, startRv + 1);
  const tReplay = performance.now() - tReplay0;

  const lists: number[] = [];
  let count = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    count = (await store.list(R)).items.length;
    lists.push(performance.now() - t);
  }
  const tPages0 = performance.now();
  let token: string | undefined;
  let paged = 0;
  do {
    const page = await store.list(R, { limit: 500, ...(token ? { continue: token } : {}) });
    paged += page.items.length;
    token = page.continue;
  } while (token !== undefined);
  const tPages = performance.now() - tPages0;
  const tSel = performance.now();
  const selected = (await store.list(R, { labelSelector: 'env=prod', namespace: 'ns-1' })).items.length;
  const tSelected = performance.now() - tSel;
  if (count !== N || paged !== N || selected !== N / 10) throw new Error(`list counts wrong: ${count} ${paged} ${selected}`);

  return {
    watch10k: {
      changes: N,
      writeTransactions: N / BATCH,
      inOrder: true,
      writeAllMs: round(tCommitted - t0),
      firstWriteToLastEventMs: round(tDelivered - t0),
      lastCommitToLastEventMs: round(tDelivered - tCommitted),
      eventsPerSecond: Math.round(N / ((tDelivered - t0) / 1000)),
    },
    replay10kFromHistoryMs: round(tReplay),
    list10k: {
      objects: N,
      medianMs: round(median(lists)),
      runsMs: lists.map(round),
      paginated500PerPageTotalMs: round(tPages),
      labelAndNamespaceSelectedMs: round(tSelected),
    },
  };
}

await runOnBackend(process.argv.slice(2), bench);
