// Lighthouse 12 (mobile, its default: a simulated slow 4G and a 4× slower CPU) performance scores of
// the resident's pages, against the built app served by the real server process (`npm start`'s
// main.ts on a fresh PGlite data folder, the catalogue seeded), in the system Chromium. Lighthouse
// clears the origin's storage before each run, so every run is a first visit. Nothing here needs a
// network besides 127.0.0.1.
import { rm } from 'node:fs/promises';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { assertChromium, CHROMIUM_FLAGS, CHROMIUM_PATH } from '../support/browser.ts';
import { startServer, tempDir } from '../support/server.ts';
import { median } from './stats.ts';

export const LIGHTHOUSE_PAGES = ['/', '/layanan', '/layanan/akta-kelahiran'] as const;
export const LIGHTHOUSE_RUNS = 3;
export const LIGHTHOUSE_GOAL = 90;

/** The metrics behind the score, from the run with the median score. */
export type LighthouseMetrics = { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; siMs: number };
export type LighthousePage = {
  path: string;
  scores: number[];
  median: number;
  metrics: LighthouseMetrics;
  pass: boolean;
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
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM_PATH,
      chromeFlags: [...CHROMIUM_FLAGS, '--headless=new'],
      logLevel: 'silent',
    });
    try {
      const pages: LighthousePage[] = [];
      for (const path of LIGHTHOUSE_PAGES) {
        const results: Array<{ score: number; metrics: LighthouseMetrics }> = [];
        for (let i = 0; i < runs; i++) {
          const result = await lighthouse(`${server.url}${path}`, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance'],
          });
          const lhr = result?.lhr;
          const score = lhr?.categories.performance?.score;
          if (!lhr || score === null || score === undefined) {
            throw new Error(`Lighthouse gave no performance score for ${path}: ${lhr?.runtimeError?.message ?? ''}`);
          }
          const metrics = Object.fromEntries(
            Object.entries(AUDITS).map(([k, audit]) => [k, lhr.audits[audit]?.numericValue ?? Number.NaN]),
          ) as LighthouseMetrics;
          results.push({ score: Math.round(score * 100), metrics });
        }
        const scores = results.map((r) => r.score);
        const mid = median(scores);
        // The metrics of the middle run by score (the upper middle one for an even count).
        const at = [...results].sort((a, b) => a.score - b.score)[Math.floor(results.length / 2)]!;
        pages.push({ path, scores, median: mid, metrics: at.metrics, pass: mid >= LIGHTHOUSE_GOAL });
      }
      return pages;
    } finally {
      chrome.kill();
    }
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
