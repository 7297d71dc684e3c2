/**
 * Where an agent session's memory goes on the server: two heap snapshots of the server with
 * different numbers of connected agents (`DROVER_BENCH_HEAP_SNAPSHOT=1`, docs/bench-agents.md),
 * diffed per agent.
 *
 *   node scripts/bench.d/agents/heap-per-session.ts big.heapsnapshot 3000 small.heapsnapshot 300 [top]
 *
 * Prints the live heap per agent (the difference of the snapshots' total self sizes ÷ the
 * difference of the agent counts), then the owners: objects, closures and contexts whose
 * immediate dominator is a collection, a root or an internal node, keyed by constructor and their
 * first property names, with the bytes they retain per agent (ADR 0029). A dominator owns what
 * only it keeps alive, so an owner's bytes are what dropping it would free. Owners can nest: the
 * entries of a Map are listed, and also counted in the owner that holds the Map (the store's
 * cache context and its rows).
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Owners {
  total: number;
  owners: Map<string, { bytes: number; count: number }>;
}

/** Immediate dominators (Cooper, Harvey and Kennedy's iterative algorithm) and retained sizes. */
function owners(file: string): Owners {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const meta = snap.snapshot.meta;
  const F = meta.node_fields.length;
  const EF = meta.edge_fields.length;
  const [TYPE, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f)) as [number, number, number, number];
  const [ETYPE, ENAME, ETO] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f)) as [number, number, number];
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const weak = edgeTypes.indexOf('weak');
  const { nodes, edges, strings } = snap;
  const n = nodes.length / F;
  const first = new Uint32Array(n + 1);
  for (let i = 0, e = 0; i < n; i++) {
    first[i] = e;
    e += nodes[i * F + EDGES]!;
  }
  first[n] = edges.length / EF;
  const to = (e: number): number => edges[e * EF + ETO]! / F;
  const strong = (e: number): boolean => edges[e * EF + ETYPE] !== weak;

  // Post-order from the root (node 0) over strong edges.
  const post = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  const next = new Uint32Array(n);
  const seen = new Uint8Array(n);
  let count = 0;
  const stack = [0];
  seen[0] = 1;
  next[0] = first[0]!;
  while (stack.length > 0) {
    const v = stack[stack.length - 1]!;
    if (next[v]! < first[v + 1]!) {
      const e = next[v]!++;
      const w = to(e);
      if (strong(e) && seen[w] === 0) {
        seen[w] = 1;
        next[w] = first[w]!;
        stack.push(w);
      }
    } else {
      stack.pop();
      post[v] = count;
      order[count++] = v;
    }
  }
  const preds: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n; v++) if (seen[v] === 1) for (let e = first[v]!; e < first[v + 1]!; e++) if (strong(e)) preds[to(e)]!.push(v);
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const meet = (a: number, b: number): number => {
    while (a !== b) {
      while (post[a]! < post[b]!) a = idom[a]!;
      while (post[b]! < post[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true, rounds = 0; changed && rounds < 100; rounds++) {
    changed = false;
    for (let k = count - 2; k >= 0; k--) {
      const v = order[k]!;
      let d = -1;
      for (const p of preds[v]!) if (idom[p] !== -1) d = d === -1 ? p : meet(p, d);
      if (d !== -1 && idom[v] !== d) {
        idom[v] = d;
        changed = true;
      }
    }
  }
  const retained = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < count; k++) {
    const v = order[k]!;
    total += nodes[v * F + SIZE]!;
    retained[v]! += nodes[v * F + SIZE]!;
    if (v !== 0) retained[idom[v]!]! += retained[v]!;
  }

  const type = (v: number): string => nodeTypes[nodes[v * F + TYPE]!]!;
  const isOwnerKind = (v: number): boolean => type(v) === 'object' || type(v) === 'closure' || (type(v) === 'hidden' && strings[nodes[v * F + NAME]!] === 'system / Context');
  const label = (v: number): string => {
    const names: string[] = [];
    for (let e = first[v]!; e < first[v + 1]! && names.length < 5; e++) {
      const t = edgeTypes[edges[e * EF + ETYPE]!];
      if (t === 'property' || t === 'context') names.push(strings[edges[e * EF + ENAME]!]!);
    }
    const kind = type(v) === 'closure' ? 'closure ' : '';
    return `${kind}${strings[nodes[v * F + NAME]!]!.slice(0, 40)} {${names.join(', ')}}`;
  };
  const result = new Map<string, { bytes: number; count: number }>();
  for (let v = 1; v < n; v++) {
    if (seen[v] !== 1 || !isOwnerKind(v) || isOwnerKind(idom[v]!)) continue;
    const key = label(v);
    const o = result.get(key) ?? { bytes: 0, count: 0 };
    o.bytes += retained[v]!;
    o.count += 1;
    result.set(key, o);
  }
  return { total, owners: result };
}

const [bigFile, bigAgents, smallFile, smallAgents, top] = process.argv.slice(2);
if (bigFile === undefined || smallFile === undefined || Number.isNaN(Number(bigAgents)) || Number.isNaN(Number(smallAgents))) {
  process.stderr.write('usage: heap-per-session.ts BIG.heapsnapshot BIG_AGENTS SMALL.heapsnapshot SMALL_AGENTS [TOP]\n');
  process.exit(2);
}
const per = Number(bigAgents) - Number(smallAgents);
const big = owners(bigFile);
const small = owners(smallFile);
process.stdout.write(`live heap per agent: ${((big.total - small.total) / per).toFixed(0)} bytes\nbytes/agent  owners/agent  owner\n`);
const rows = [...big.owners].map(([key, o]) => {
  const s = small.owners.get(key) ?? { bytes: 0, count: 0 };
  return { key, bytes: (o.bytes - s.bytes) / per, count: (o.count - s.count) / per };
});
rows.sort((a, b) => b.bytes - a.bytes);
for (const r of rows.slice(0, Number(top ?? 30))) process.stdout.write(`${r.bytes.toFixed(0).padStart(11)}  ${r.count.toFixed(2).padStart(12)}  ${r.key}\n`);
