/** Small statistics helpers. */

/** The q-quantile (0..1) of `values` by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  min: number;
  max: number;
}

/** Summary of latency samples given in microseconds. */
export function summarize(samplesUs: readonly number[]): LatencySummary {
  return {
    n: samplesUs.length,
    p50: quantile(samplesUs, 0.5),
    p99: quantile(samplesUs, 0.99),
    min: Math.min(...samplesUs),
    max: Math.max(...samplesUs),
  };
}
