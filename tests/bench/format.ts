// Formats bench figures for the console report: one figure per line, with PASS/FAIL beside a budget.
import type { Sizes } from './sizes.ts';
import type { Spread, Timing } from './stats.ts';

export const KB = 1024;

export const MB = KB * KB;

export const fmtMB = (n: number) => `${(n / MB).toFixed(2)} MB`;
export const fmtKB = (n: number) => `${(n / KB).toFixed(1).padStart(7)} KB (${n.toLocaleString('en-US')} B)`;
export const verdict = (n: number, limit: number) => `budget ≤ ${limit / KB} KB  ${n <= limit ? 'PASS' : 'FAIL'}`;

export function printSizes(label: string, s: Sizes, budget?: number): void {
  console.log(`  ${label} raw     ${fmtKB(s.raw)}`);
  console.log(`  ${label} gzip    ${fmtKB(s.gzip)}${budget === undefined ? '' : `   ${verdict(s.gzip, budget)}`}`);
  console.log(`  ${label} brotli  ${fmtKB(s.brotli)}`);
}

export function printTiming(label: string, t: Timing, note = ''): void {
  console.log(
    `  ${label}  median ${t.medianMs} ms   (min ${t.minMs}, max ${t.maxMs}; runs ${t.runsMs.join(', ')})${note}`,
  );
}

export function printCount(label: string, s: Spread, note = ''): void {
  console.log(`  ${label}  median ${s.median}   (min ${s.min}, max ${s.max}; runs ${s.runs.join(', ')})${note}`);
}

export function printBytes(label: string, s: Spread, note = ''): void {
  console.log(
    `  ${label}  median ${fmtKB(s.median)}   (min ${s.min}, max ${s.max} B; runs ${s.runs.join(', ')})${note}`,
  );
}

/** A timing against a goal: `label  median N ms   goal ≤ G ms  PASS   (min, max; runs) what`. */
export function printGoal(label: string, t: Timing, goalMs: number, what: string): void {
  console.log(
    `  ${label.padEnd(26)}  median ${String(t.medianMs).padStart(6)} ms   goal ≤ ${goalMs} ms  ${t.medianMs <= goalMs ? 'PASS' : 'FAIL'}   (min ${t.minMs}, max ${t.maxMs}; runs ${t.runsMs.join(', ')}) ${what}`,
  );
}
