// Benchmark report (`npm run bench`): a script, not a test. It measures, on the build in dist/
// (built afresh first):
//   1. first-route bytes: the JS and CSS that `/` needs before it is interactive (index.html's
//      module scripts, modulepreloads and stylesheets, plus the static imports of those chunks,
//      transitively; dynamic import() is lazy and not counted), raw / gzip -9 / brotli q11;
//   2. whole precache bytes: every file in the Workbox manifest injected into dist/sw.js, plus sw.js;
//   3. server cold start: spawn of src/server/main.ts until it listens with a healthy database, on an
//      empty data folder (PGlite initdb + migrations) and on a populated one (restart).
// Prints one figure per line (with PASS/FAIL where a budget exists) and writes .bench/results.json.
// Exits 0 even when a budget fails; non-zero only when something could not be measured.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DIST, ROOT, startServer, tempDir } from '../support/server.ts';

const KB = 1024;
const FIRST_ROUTE_JS_GZIP_BUDGET = 60 * KB;
const PRECACHE_GZIP_BUDGET = 350 * KB;
const RUNS = 3;

type Sizes = { raw: number; gzip: number; brotli: number };
type Timing = { runsMs: number[]; medianMs: number; minMs: number; maxMs: number };

// ---------- bytes ----------

async function sizesOf(files: string[]): Promise<Sizes> {
  const total: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const buf = await readFile(file);
    total.raw += buf.length;
    total.gzip += gzipSync(buf, { level: 9 }).length;
    total.brotli += brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}

const add = (a: Sizes, b: Sizes): Sizes => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli });

/** A URL from index.html (`/assets/x.js`, `assets/x.js`) as a path in dist/; null if not local. */
function distPath(href: string): string | null {
  if (/^([a-z]+:)?\/\//i.test(href) || href.startsWith('data:')) return null;
  return join(DIST, href.replace(/[?#].*$/, '').replace(/^\/+/, ''));
}

/** The src/href of the module scripts, modulepreloads and stylesheets in index.html. */
function htmlEntries(html: string): string[] {
  const found: string[] = [];
  for (const [tag, name = ''] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      attrs.set(m[1]!.toLowerCase(), m[3] ?? m[4] ?? m[5] ?? '');
    }
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const url = name.toLowerCase() === 'script'
      ? (attrs.get('type') === 'module' ? attrs.get('src') : undefined)
      : rel.includes('modulepreload') || rel.includes('stylesheet') ? attrs.get('href') : undefined;
    const path = url ? distPath(url) : null;
    if (path) found.push(path);
  }
  return found;
}

/** Relative specifiers of the static imports at the top of a chunk (not dynamic import()). */
function staticImports(code: string): string[] {
  const specs: string[] = [];
  const statement = /\s*(?:\/\*[\s\S]*?\*\/|\/\/[^\n]*\n|import\s*(?:[\w$\s{},*]+?\s*from\s*)?(["'`])([^"'`]+)\1\s*;?)/y;
  for (let m = statement.exec(code); m && statement.lastIndex > m.index; m = statement.exec(code)) {
    if (m[2]?.startsWith('.')) specs.push(m[2]);
  }
  return specs;
}

async function firstRouteFiles(): Promise<string[]> {
  const seen = new Set<string>();
  const queue = htmlEntries(await readFile(join(DIST, 'index.html'), 'utf8'));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`index.html or a chunk refers to a missing file: ${relative(DIST, file)}`);
    seen.add(file);
    if (file.endsWith('.js')) {
      for (const spec of staticImports(await readFile(file, 'utf8'))) queue.push(resolve(dirname(file), spec));
    }
  }
  return [...seen];
}

async function precacheUrls(): Promise<string[]> {
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  if (urls.length === 0) throw new Error('no precache manifest entries ("url":"...") found in dist/sw.js');
  return urls;
}

// ---------- server cold start ----------

/** Milliseconds from spawning the server on `dataDir` until it listens with a healthy database
 *  (main.ts listens only after the database is open and migrated; the health check confirms it). */
async function coldStart(dataDir: string): Promise<number> {
  const started = performance.now();
  const server = await startServer({ DATA_DIR: dataDir, LOG_LEVEL: 'info' });
  const elapsed = performance.now() - started;
  try {
    const res = await fetch(`${server.url}/api/health`);
    const body = (await res.json()) as { database?: { status?: unknown } };
    if (res.status !== 200 || body.database?.status !== 'ok') throw new Error(`unhealthy after start: ${res.status}`);
    return elapsed;
  } finally {
    await server.stop('SIGTERM');
  }
}

function timing(runsMs: number[]): Timing {
  const s = [...runsMs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { runsMs: runsMs.map(Math.round), medianMs: Math.round(median), minMs: Math.round(s[0]!), maxMs: Math.round(s.at(-1)!) };
}

async function serverColdStarts(): Promise<{ empty: Timing; populated: Timing }> {
  const dirs: string[] = [];
  try {
    const emptyRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      dirs.push(await tempDir('nusa-layan-bench-'));
      emptyRuns.push(await coldStart(dirs.at(-1)!));
    }
    const populatedRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) populatedRuns.push(await coldStart(dirs[0]!));
    return { empty: timing(emptyRuns), populated: timing(populatedRuns) };
  } finally {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  }
}

// ---------- report ----------

const fmtKB = (n: number) => `${(n / KB).toFixed(1).padStart(7)} KB (${n.toLocaleString('en-US')} B)`;
const verdict = (n: number, limit: number) => `budget ≤ ${limit / KB} KB  ${n <= limit ? 'PASS' : 'FAIL'}`;

function printSizes(label: string, s: Sizes, budget?: number): void {
  console.log(`  ${label} raw     ${fmtKB(s.raw)}`);
  console.log(`  ${label} gzip    ${fmtKB(s.gzip)}${budget === undefined ? '' : `   ${verdict(s.gzip, budget)}`}`);
  console.log(`  ${label} brotli  ${fmtKB(s.brotli)}`);
}

function printTiming(label: string, t: Timing): void {
  console.log(`  ${label}  median ${t.medianMs} ms   (min ${t.minMs}, max ${t.maxMs}; runs ${t.runsMs.join(', ')})`);
}

async function main(): Promise<number> {
  {
    // Always measure the current sources, never a stale dist/.
    console.log('Building with `npx vite build`…');
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal})`);
  }
  const results: Record<string, unknown> = { generatedAt: new Date().toISOString() };
  let failed = false;

  console.log('First route (/): JS and CSS needed before interactive');
  try {
    const files = await firstRouteFiles();
    const js = await sizesOf(files.filter((f) => !f.endsWith('.css')));
    const css = await sizesOf(files.filter((f) => f.endsWith('.css')));
    console.log(`  files: ${files.map((f) => relative(DIST, f)).join(', ')}`);
    printSizes('JS       ', js, FIRST_ROUTE_JS_GZIP_BUDGET);
    printSizes('CSS      ', css);
    printSizes('JS + CSS ', add(js, css));
    const pass = js.gzip <= FIRST_ROUTE_JS_GZIP_BUDGET;
    results.firstRoute = { files: files.map((f) => relative(DIST, f)), js, css, total: add(js, css), budget: { jsGzipMax: FIRST_ROUTE_JS_GZIP_BUDGET, pass } };
  } catch (err) {
    failed = true;
    console.error(`  could not measure: ${(err as Error).message}`);
  }

  console.log('\nWhole precache: files in the sw.js manifest + sw.js');
  try {
    const urls = await precacheUrls();
    const unique = [...new Set(urls)];
    const duplicates = unique.filter((u) => urls.indexOf(u) !== urls.lastIndexOf(u));
    const files = [...unique.map((u) => distPath(u) ?? u), join(DIST, 'sw.js')];
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`precached files missing from dist/: ${missing.join(', ')}`);
    const total = await sizesOf(files);
    console.log(`  entries   ${urls.length} (${unique.length} unique files, each counted once)`);
    if (duplicates.length) console.log(`  WARNING   url listed more than once in the manifest: ${duplicates.join(', ')}`);
    printSizes('total', total, PRECACHE_GZIP_BUDGET);
    const pass = total.gzip <= PRECACHE_GZIP_BUDGET;
    results.precache = { entries: urls.length, uniqueFiles: unique.length, duplicates, total, budget: { gzipMax: PRECACHE_GZIP_BUDGET, pass } };
  } catch (err) {
    failed = true;
    console.error(`  could not measure: ${(err as Error).message}`);
  }

  console.log(`\nServer cold start: spawn → listening with a healthy database (${RUNS} runs each)`);
  try {
    const { empty, populated } = await serverColdStarts();
    printTiming('empty data folder    ', empty);
    printTiming('populated (restart)  ', populated);
    results.serverColdStart = { empty, populated };
  } catch (err) {
    failed = true;
    console.error(`  could not measure: ${(err as Error).message}`);
  }

  const out = join(ROOT, '.bench', 'results.json');
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nWrote ${relative(ROOT, out)}${failed ? ' (incomplete: some figures could not be measured)' : ''}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
