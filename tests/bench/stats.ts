// Summary statistics shared by the bench sections: the median and range of repeated runs.
export type Timing = { runsMs: number[]; medianMs: number; minMs: number; maxMs: number };
export type Spread = { runs: number[]; median: number; min: number; max: number };

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median, min and max of integer-valued runs (counts, bytes), in run order. */
export function spread(values: readonly number[]): Spread {
  return { runs: [...values], median: Math.round(median(values)), min: Math.min(...values), max: Math.max(...values) };
}

/** Median, min and max of durations, rounded to whole milliseconds. */
export function timing(runsMs: readonly number[]): Timing {
  const s = spread(runsMs.map(Math.round));
  return { runsMs: s.runs, medianMs: Math.round(median(runsMs)), minMs: s.min, maxMs: s.max };
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank: the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1]!;
}
