/**
 * Compacts V8's old generation after it has fragmented (ADR 0038).
 *
 * A connect or reconnect storm promotes its short-lived garbage next to the sessions' long-lived
 * objects; once it is collected, the old generation is full of half-empty pages, and V8's full
 * GCs move only a few of them. At 19,500 agents that was ~150 MB committed for nothing (~7.8 KB
 * per agent, ADR 0037). Compacting on every full GC (`--compact-on-every-full-gc`) gets it back
 * but made every later full GC move the whole heap (idle CPU 5.5 → 8.6–10.3 %).
 *
 * So the compactor watches the major GCs (perf_hooks 'gc' entries; prom-client observes them
 * too): when one leaves more than `minWasteBytes` and `minWasteRatio` of old space committed but
 * unused, V8 is told to compact on the next full GC only, and told to stop once that one has run.
 * No GC is forced: the next one V8 runs anyway does the work. At most one compaction per
 * `minIntervalMs`, so a heap that keeps fragmenting costs one compaction now and then, not
 * one per GC. Nor while the live heap grows (more than a tenth since the last major GC): in a
 * storm a compaction would pause the server only for the storm to fragment the heap again.
 */
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { FastifyBaseLogger } from 'fastify';
import type { Runnable } from './controllers/manager.ts';

export interface OldSpace {
  /** Bytes of memory the space holds (V8's physical size). */
  committed: number;
  /** Bytes of objects in it (after a full GC: the live ones). */
  used: number;
}

export interface HeapCompactorOptions {
  /** Committed but unused old space after a major GC above which the next full GC compacts. Default 64 MiB. */
  minWasteBytes?: number;
  /** …and above this share of the committed size. Default 0.25. */
  minWasteRatio?: number;
  /** At most one compaction per this many ms. Default 10 minutes. */
  minIntervalMs?: number;
  /** Tests: the old space's sizes (default: V8's heap space statistics). */
  readOldSpace?: () => OldSpace;
  /** Tests: turns compaction on every full GC on or off (default: V8's flag). */
  setCompaction?: (on: boolean) => void;
  now?: () => number;
}

export interface HeapCompactor {
  /** Called after each major GC (the runnable wires it to perf_hooks) with the longest one's duration. */
  afterMajorGc(durationMs?: number): void;
  /** Compactions done so far. */
  readonly compactions: number;
  /** Turns compaction off if it was asked for. */
  stop(): void;
}

const MiB = 1024 * 1024;
/** A live heap that grew more than this since the last major GC is still growing: no compaction yet. */
const GROWING = 1.1;

/** A 'gc' entry: its detail names the kind of collection. */
type GcEntry = PerformanceEntry & { detail?: { kind?: number } };

export function readOldSpace(): OldSpace {
  const old = getHeapSpaceStatistics().find((s) => s.space_name === 'old_space');
  return { committed: old?.physical_space_size ?? 0, used: old?.space_used_size ?? 0 };
}

function setV8Compaction(on: boolean): void {
  setFlagsFromString(on ? '--compact-on-every-full-gc' : '--no-compact-on-every-full-gc');
}

export function createHeapCompactor(log: FastifyBaseLogger, o: HeapCompactorOptions = {}): HeapCompactor {
  const minWasteBytes = o.minWasteBytes ?? 64 * MiB;
  const minWasteRatio = o.minWasteRatio ?? 0.25;
  const minIntervalMs = o.minIntervalMs ?? 10 * 60_000;
  const read = o.readOldSpace ?? readOldSpace;
  const setCompaction = o.setCompaction ?? setV8Compaction;
  const now = o.now ?? Date.now;
  let armed: OldSpace | undefined;
  let lastAt = -Infinity;
  /** Old space used after the previous major GC. */
  let lastUsed: number | undefined;
  let compactions = 0;
  const mb = (b: number) => Math.round(b / MiB);

  return {
    afterMajorGc(durationMs) {
      const space = read();
      const previousUsed = lastUsed;
      lastUsed = space.used;
      if (armed !== undefined) {
        // This was the compacting GC.
        setCompaction(false);
        compactions++;
        lastAt = now();
        log.info({ committedMiB: [mb(armed.committed), mb(space.committed)], usedMiB: [mb(armed.used), mb(space.used)], pauseMs: durationMs === undefined ? undefined : Math.round(durationMs) }, 'compacted the old generation');
        armed = undefined;
        return;
      }
      const waste = space.committed - space.used;
      if (waste < minWasteBytes || waste < minWasteRatio * space.committed || now() - lastAt < minIntervalMs) return;
      if (previousUsed === undefined || space.used > GROWING * previousUsed) return;
      armed = space;
      setCompaction(true);
    },
    get compactions() {
      return compactions;
    },
    stop() {
      if (armed !== undefined) setCompaction(false);
      armed = undefined;
    },
  };
}

/** The compactor under the process manager: observes major GCs while the server runs. */
export function heapCompactorRunnable(log: FastifyBaseLogger, o: HeapCompactorOptions = {}): Runnable & { readonly compactions: number } {
  const compactor = createHeapCompactor(log, o);
  let observer: PerformanceObserver | undefined;
  const stop = () => {
    observer?.disconnect();
    observer = undefined;
    compactor.stop();
    return Promise.resolve();
  };
  return {
    start() {
      observer = new PerformanceObserver((list) => {
        const major = list.getEntries().filter((e) => (e as GcEntry).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
        if (major.length > 0) compactor.afterMajorGc(Math.max(...major.map((e) => e.duration)));
      });
      observer.observe({ entryTypes: ['gc'] });
      return Promise.resolve();
    },
    close: stop,
    destroy: stop,
    get compactions() {
      return compactor.compactions;
    },
  };
}
