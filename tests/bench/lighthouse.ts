// Lighthouse 12 (mobile, its default: a simulated slow 4G and a 4× slower CPU) performance and
// accessibility scores of the resident's pages, against the built app served by the real server process (`npm start`'s
// main.ts on a fresh PGlite data folder, the catalogue seeded), in the system Chromium. Lighthouse
// clears the origin's storage before each run, so every run is a first visit. Nothing here needs a
// network besides 127.0.0.1.
// Lighthouse's score moves from run to run with the load on the machine (its docs on variability:
// the median of five runs roughly halves the spread). Five rounds, each round every page once, so a
// slow stretch of this shared 2-core machine falls on all pages alike, not on one page's runs; each
// run also gives Lighthouse's own measure of the host's speed (BenchmarkIndex), printed beside the
// scores so a reader can tell a slow page from a slow machine.
import { rm } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { assertChromium, CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/browser.ts';
import { startServer, tempDir } from '../support/server.ts';
import { interleave } from './peers/order.ts';
import { median } from './stats.ts';

export const LIGHTHOUSE_PAGES = ['/', '/layanan', '/layanan/akta-kelahiran'] as const;
export const LIGHTHOUSE_RUNS = 5;
export const LIGHTHOUSE_GOAL = 90;
/** Issue 18: every accessibility audit Lighthouse runs passes. */
export const ACCESSIBILITY_GOAL = 100;

/** The metrics behind the score, from the run with the median score. */
export type LighthouseMetrics = { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; siMs: number };
export type LighthousePage = {
  path: string;
  scores: number[];
  median: number;
  metrics: LighthouseMetrics;
  pass: boolean;
  /** The accessibility score (load-independent, so the same every run) and the audits it failed. */
  accessibility: { score: number; failed: string[]; pass: boolean };
  /** Lighthouse's BenchmarkIndex of the host in each run (higher is faster), in the runs' order. */
  benchmarkIndex: number[];
};

type Run = {
  score: number;
  metrics: LighthouseMetrics;
  accessibility: number;
  failed: string[];
  benchmarkIndex: number;
};

const AUDITS: Record<keyof LighthouseMetrics, string> = {
  fcpMs: 'first-contentful-paint',
  lcpMs: 'largest-contentful-paint',
  tbtMs: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  siMs: 'speed-index',
};

export async function measureLighthouse(runs = LIGHTHOUSE_RUNS): Promise<LighthousePage[]> {
  assertChromium();
  const dataDir = await tempDir('nusa-layan-bench-lighthouse-');
  const server = await startServer({ DATA_DIR: dataDir });
  try {
    const runsOf = new Map<string, Run[]>(LIGHTHOUSE_PAGES.map((path) => [path, []]));
    for (const path of interleave(LIGHTHOUSE_PAGES, runs)) {
      runsOf.get(path)!.push(await runOnce(`${server.url}${path}`, path));
    }
    return LIGHTHOUSE_PAGES.map((path) => summarise(path, runsOf.get(path)!));
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function runOnce(url: string, path: string): Promise<Run> {
  // A browser of its own for every run: in one browser kept across pages, the previous page's
  // service worker sometimes answered the navigation before Lighthouse's trace saw it start
  // (NO_NAVSTART on the second page).
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: [...CHROMIUM_FLAGS, '--headless=new'],
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
    });
    const lhr = result?.lhr;
    const score = lhr?.categories.performance?.score;
    if (!lhr || score === null || score === undefined) {
      throw new Error(`Lighthouse gave no performance score for ${path}: ${lhr?.runtimeError?.message ?? ''}`);
    }
    const metrics = Object.fromEntries(
      Object.entries(AUDITS).map(([k, audit]) => [k, lhr.audits[audit]?.numericValue ?? Number.NaN]),
    ) as LighthouseMetrics;
    const a11y = lhr.categories.accessibility;
    if (!a11y || a11y.score === null) throw new Error(`Lighthouse gave no accessibility score for ${path}`);
    const failed = a11y.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
      .map((ref) => ref.id);
    return {
      score: Math.round(score * 100),
      metrics,
      accessibility: Math.round(a11y.score * 100),
      failed,
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    };
  } finally {
    chrome.kill();
  }
}

function summarise(path: string, results: Run[]): LighthousePage {
  const scores = results.map((r) => r.score);
  const mid = median(scores);
  // The metrics of the middle run by score (the upper middle one for an even count).
  const at = [...results].sort((a, b) => a.score - b.score)[Math.floor(results.length / 2)]!;
  // The lowest accessibility score of the runs, with the audits it failed.
  const worst = [...results].sort((a, b) => a.accessibility - b.accessibility)[0]!;
  return {
    path,
    scores,
    median: mid,
    metrics: at.metrics,
    pass: mid >= LIGHTHOUSE_GOAL,
    accessibility: {
      score: worst.accessibility,
      failed: worst.failed,
      pass: worst.accessibility >= ACCESSIBILITY_GOAL,
    },
    benchmarkIndex: results.map((r) => r.benchmarkIndex),
  };
}
