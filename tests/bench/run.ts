// Benchmark report (`npm run bench`): a script, not a test. It measures, on the build in dist/
// and dist-server/ (built afresh first):
//   1. first-route bytes: the JS and CSS that `/` needs before it is interactive (sizes.ts);
//   2. whole precache bytes: every file in the Workbox manifest injected into dist/sw.js, plus sw.js
//      and the on-demand script it stores at install;
//   3. server cold start on an empty and on a populated data folder (cold-start.ts);
//   4. catalogue figures in real Chromium against the real server code (catalogue.ts): first full
//      sync of the seed, an unchanged check, and /layanan with 500 services on the device;
//   5. draft figures in real Chromium with 200 drafts on the device (drafts.ts): autosave latency
//      (input → durable write, p50/p95) and a 4000×3000 photo attached to a document field;
//   6. delivery over an emulated satellite link (delivery.ts): efficiency of sending 500 text-only
//      applications and 40 with two photos each, and the server's ingest rate on PGlite/PostgreSQL;
//   7. upload abuse (upload-abuse.ts): the growth of the data folder while anonymous clients send
//      partial uploads and tiny appends, against the bytes received, and the upload tables' size after
//      vacuum, on PGlite and PostgreSQL;
//   8. device sync under office load (office-load.ts): p95 of device pulls at 20,000 applications,
//      idle and while two administrators refresh the dashboard, its CSV and the overdue queue;
//   9. the harbour visit (harbour.ts, issue 14): a cheap phone through the emulated link — first
//      visit usable and offline-ready, reopen with no signal after a browser restart;
//  10. the JavaScript each route needs and how many loading waves deep it is (routes.ts);
//  11. Lighthouse 12 mobile performance and accessibility of the resident's pages (lighthouse.ts);
//  12. the same four-question form usable in Nusa Layan, Enketo and ODK Web Forms over the harbour
//      link (peers/measure.ts; the peers are a package of their own in tests/bench/peers/).
// Prints one figure per line (with PASS/FAIL where a budget or goal exists) and writes
// .bench/results.json. Exits 0 even when a budget fails; non-zero only when something could not be
// measured. `tsx tests/bench/run.ts delivery drafts` runs only the sections named (first-route,
// precache, cold-start, catalogue, layanan, drafts, delivery, upload-abuse, office-load, harbour,
// routes, lighthouse, peers) and updates only their keys in results.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { DIST, ROOT } from '../support/server.ts';
import {
  FIRST_SYNC_RUNS,
  LARGE_RUNS,
  measureLargeCatalogue,
  measureSeedSync,
  SEARCH_QUERY,
  type SyncFigures,
  UNCHANGED_BUDGET_BYTES,
  UNCHANGED_CHECKS,
} from './catalogue.ts';
import { serverColdStarts } from './cold-start.ts';
import { runDelivery } from './delivery.ts';
import {
  AUTOSAVE_P95_BUDGET_MS,
  AUTOSAVE_ROUNDS,
  DATE_CHANGES,
  DRAFTS,
  KEY_DELAY_MS,
  measureDrafts,
  PHOTO_RUNS,
} from './drafts.ts';
import { fmtKB, fmtMB, KB, printBytes, printCount, printGoal, printSizes, printTiming } from './format.ts';
import {
  CPU_SLOWDOWN,
  HARBOUR_LINK,
  HARBOUR_RUNS,
  measureDriverFloor,
  measureHarbour,
  PHONE_VIEWPORT,
} from './harbour.ts';
import { ACCESSIBILITY_GOAL, LIGHTHOUSE_GOAL, LIGHTHOUSE_RUNS, measureLighthouse } from './lighthouse.ts';
import { runOfficeLoad } from './office-load.ts';
import { measurePeers, PEERS_RUNS, peerVersions } from './peers/measure.ts';
import { measureRoutes } from './routes.ts';
import { add, distPath, firstRouteFiles, precacheUrls, sizesOf, workerScriptUrls } from './sizes.ts';
import { median, timing } from './stats.ts';
import { measureUploadAbuse, printUploadAbuse } from './upload-abuse.ts';

const FIRST_ROUTE_JS_GZIP_BUDGET = 60 * KB;
const PRECACHE_GZIP_BUDGET = 350 * KB;
const COLD_START_RUNS = 3;
const SECTIONS = [
  'first-route',
  'precache',
  'cold-start',
  'catalogue',
  'layanan',
  'drafts',
  'delivery',
  'upload-abuse',
  'office-load',
  'harbour',
  'routes',
  'lighthouse',
  'peers',
] as const;
type Section = (typeof SECTIONS)[number];
/** Sections that measure the build in dist/ (delivery runs the server's API only). */
const NEEDS_BUILD: readonly Section[] = [
  'first-route',
  'precache',
  'cold-start',
  'catalogue',
  'layanan',
  'drafts',
  'harbour',
  'routes',
  'lighthouse',
  'peers',
];

function printSync(label: string, f: SyncFigures, wireNote = ''): void {
  const pad = (what: string) => `${label} ${what}`.padEnd(22);
  printTiming(pad('time'), f.time);
  printCount(pad('requests'), f.wire.requests);
  printBytes(pad('wire'), f.wire.wireBytes, wireNote);
  printBytes(pad('received'), f.wire.receivedBytes);
}

async function main(): Promise<number> {
  const named = process.argv.slice(2);
  const unknown = named.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.join(', ')}`);
  const selected = (section: Section) => named.length === 0 || named.includes(section);
  if (NEEDS_BUILD.some(selected)) {
    // Always measure the current sources, never a stale dist/.
    console.log('Building with `npx vite build`…');
    const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status ?? build.signal})`);
    // cold-start runs the compiled server as a supervisor does.
    const server = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
    if (server.status !== 0) throw new Error(`npm run build:server failed (exit ${server.status ?? server.signal})`);
  }
  const out = join(ROOT, '.bench', 'results.json');
  // Running some sections keeps the other sections' last figures.
  const previous =
    named.length && existsSync(out) ? (JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown>) : {};
  const results: Record<string, unknown> = { ...previous, generatedAt: new Date().toISOString() };
  let failed = false;
  const couldNotMeasure = (err: unknown) => {
    failed = true;
    console.error(`  could not measure: ${err instanceof Error ? err.message : String(err)}`);
  };

  if (selected('first-route')) {
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
      results.firstRoute = {
        files: files.map((f) => relative(DIST, f)),
        js,
        css,
        total: add(js, css),
        budget: { jsGzipMax: FIRST_ROUTE_JS_GZIP_BUDGET, pass },
      };
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('precache')) {
    console.log('\nWhole precache: files in the sw.js manifest + sw.js + the script it stores at install');
    try {
      const urls = await precacheUrls();
      const unique = [...new Set(urls)];
      const duplicates = unique.filter((u) => urls.indexOf(u) !== urls.lastIndexOf(u));
      const workerScripts = await workerScriptUrls();
      const files = [
        ...unique.map((u) => distPath(u) ?? u),
        join(DIST, 'sw.js'),
        ...workerScripts.map((u) => distPath(u) ?? u),
      ];
      const missing = files.filter((f) => !existsSync(f));
      if (missing.length) throw new Error(`precached files missing from dist/: ${missing.join(', ')}`);
      const total = await sizesOf(files);
      console.log(
        `  entries   ${urls.length} (${unique.length} unique files, each counted once) + ${workerScripts.join(', ')}`,
      );
      if (duplicates.length)
        console.log(`  WARNING   url listed more than once in the manifest: ${duplicates.join(', ')}`);
      printSizes('total', total, PRECACHE_GZIP_BUDGET);
      const pass = total.gzip <= PRECACHE_GZIP_BUDGET;
      results.precache = {
        entries: urls.length,
        uniqueFiles: unique.length,
        duplicates,
        total,
        budget: { gzipMax: PRECACHE_GZIP_BUDGET, pass },
      };
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('cold-start')) {
    console.log(`\nServer cold start: spawn → listening with a healthy database (${COLD_START_RUNS} runs each)`);
    try {
      const { empty, populated } = await serverColdStarts(COLD_START_RUNS);
      printTiming('empty data folder    ', empty);
      printTiming('populated (restart)  ', populated);
      results.serverColdStart = { empty, populated };
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('catalogue')) {
    console.log(
      `\nCatalogue sync: real Chromium, in-process server with the seed (median of ${FIRST_SYNC_RUNS} fresh profiles; ${UNCHANGED_CHECKS} unchanged checks)`,
    );
    try {
      const seed = await measureSeedSync();
      console.log(
        `  services  ${seed.services} (seed); first sync: \`/\` navigation start → syncedAt; wire = sent + received, API only`,
      );
      printSync('first sync', seed.firstSync);
      const budget = `budget < ${UNCHANGED_BUDGET_BYTES / KB} KB (every check)  ${seed.unchanged.budget.pass ? 'PASS' : 'FAIL'}`;
      printSync('unchanged', seed.unchanged, `   ${budget}`);
      results.catalogueSync = seed;
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('layanan')) {
    console.log(`\nCatalogue page /layanan with 500 services on the device (median of ${LARGE_RUNS})`);
    try {
      const large = await measureLargeCatalogue();
      const f = large.firstSync;
      console.log(`  services  ${large.services} (seed services replaced by clones)`);
      const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}  ${value}`);
      line('first sync time', `${Math.round(f.ms)} ms   (one fresh profile)`);
      line('first sync requests', `${f.requests}`);
      line('first sync wire', fmtKB(f.wireBytes));
      line('first sync received', fmtKB(f.receivedBytes));
      printTiming(
        'render /layanan'.padEnd(22),
        large.render,
        `   navigation start → ${large.services} cards; served by the service worker ${large.render.servedByServiceWorker}/${large.render.navigations}`,
      );
      printTiming(
        `type "${SEARCH_QUERY}"`.padEnd(22),
        large.search,
        `   fill → fewer cards (${large.search.cardsBefore} → ${large.search.cardsAfter})`,
      );
      results.catalogueLarge = large;
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('drafts')) {
    console.log(
      `\nDrafts: real Chromium, in-process server with the seed, ${DRAFTS} drafts on the device (one fresh profile)`,
    );
    try {
      const d = await measureDrafts();
      const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}  ${value}`);
      line(
        'create drafts',
        `${(d.create.ms / 1000).toFixed(1)} s for ${DRAFTS} (${d.create.perDraftMs} ms each; through the UI, ${d.services.length} services round-robin); /permohonan lists ${d.drafts}`,
      );
      const a = d.autosave;
      console.log(
        `  autosave: ${a.samples} changes a round (${a.keystrokes} keys typed ${KEY_DELAY_MS} ms apart + ${DATE_CHANGES} date fills), ${AUTOSAVE_ROUNDS} rounds in ${AUTOSAVE_ROUNDS} drafts; ${PHONE_VIEWPORT.width}×${PHONE_VIEWPORT.height}, CPU ${CPU_SLOWDOWN}× slower; input handler → IndexedDB transaction committed (nusa:autosave); medians of the rounds`,
      );
      const rounds = (pick: (r: (typeof a.rounds)[number]) => number) =>
        `(rounds ${a.rounds.map((r) => pick(r)).join(', ')} ms)`;
      line('autosave p50', `${a.p50Ms} ms   ${rounds((r) => r.p50Ms)}`);
      line(
        'autosave p95',
        `${a.p95Ms} ms   goal ≤ ${AUTOSAVE_P95_BUDGET_MS} ms  ${a.budget.pass ? 'PASS' : 'FAIL'}   ${rounds((r) => r.p95Ms)}`,
      );
      line('autosave max', `${a.maxMs} ms   ${rounds((r) => r.maxMs)}`);
      // The bare page's figures, each round right after the app's: what the browser alone costs.
      const f = d.floor;
      const floorRounds = (pick: (r: (typeof f.rounds)[number]) => number) =>
        `(rounds ${f.rounds.map((r) => pick(r)).join(', ')} ms)`;
      const ratio = (app: number, bare: number) => `${(app / bare).toFixed(2)}× the bare page`;
      line('floor p50', `${f.p50Ms} ms   app ${ratio(a.p50Ms, f.p50Ms)}   ${floorRounds((r) => r.p50Ms)}`);
      line('floor p95', `${f.p95Ms} ms   app ${ratio(a.p95Ms, f.p95Ms)}   ${floorRounds((r) => r.p95Ms)}`);
      console.log(
        '  (floor: a bare page, one IndexedDB put per input event and nothing else, same typing, same CPU slowdown)',
      );
      const p = d.photo;
      console.log(
        `  photo: ${p.width}×${p.height} JPEG, ${p.inputBytes.map(fmtMB).join(', ')} (${PHOTO_RUNS} different images) → "Kartu Keluarga (KK)"`,
      );
      printTiming(
        'photo end to end'.padEnd(22),
        p.endToEnd,
        '   change event → img.thumb: compress + hash + store + thumbnail',
      );
      printTiming(
        'photo from driver'.padEnd(22),
        p.fromSetInputFiles,
        '   setInputFiles → img.thumb (adds sending the file to the browser)',
      );
      results.drafts = d;
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('delivery')) {
    console.log('\nDelivery: device outbox protocol over an emulated satellite link; server ingest rate');
    const { result, errors } = await runDelivery();
    results.delivery = result;
    if (errors.length) failed = true; // each already printed where it happened
  }

  if (selected('upload-abuse')) {
    console.log(
      '\nUpload abuse: a 1 MiB partial upload + 200 appends of 100 B, then 3 addresses × 40 partial 2 MiB PDFs (1 MiB sent each)',
    );
    const abuse: Record<string, unknown> = {};
    for (const kind of ['pglite', 'postgres'] as const) {
      if (kind === 'postgres' && !process.env.DATABASE_URL) {
        console.log('upload-abuse postgres skipped: DATABASE_URL not set');
        continue;
      }
      try {
        const f = await measureUploadAbuse(kind);
        printUploadAbuse(kind, f);
        abuse[kind] = f;
      } catch (err) {
        couldNotMeasure(err);
      }
    }
    results.uploadAbuse = abuse;
  }

  if (selected('office-load')) {
    console.log('\nDevice sync under office load: device pulls idle and while administrators read reports');
    const { result, errors } = await runOfficeLoad();
    results.officeLoad = result;
    if (errors.length) failed = true;
  }

  if (selected('harbour')) {
    const l = HARBOUR_LINK;
    console.log(
      `\nHarbour visit: ${l.downBitsPerSecond / 1e6} Mbit/s each way, ${l.rttMs} ms round trip (+1 per connection), ${PHONE_VIEWPORT.width}×${PHONE_VIEWPORT.height}, CPU ${CPU_SLOWDOWN}× slower (median of ${HARBOUR_RUNS} fresh profiles)`,
    );
    try {
      const h = await measureHarbour();
      printGoal('first-visit usable', h.firstVisitUsable, h.goals.firstVisitUsableMs, '/layanan listed + a key taken');
      printGoal(
        'first-visit offline-ready',
        h.offlineReady,
        h.goals.offlineReadyMs,
        'worker in control + catalogue stored',
      );
      printGoal('reopen offline cold', h.reopenOfflineCold, h.goals.reopenOfflineMs, 'browser restarted, no signal');
      const served = h.runs.filter((r) => r.reopen.servedByServiceWorker).length;
      console.log(
        `  reopen served by the service worker ${served}/${h.runs.length}; first visit moved ${h.runs.map((r) => fmtKB(r.link.downBytes).trim()).join(', ')} down over ${h.runs.map((r) => r.link.connections).join(', ')} connections`,
      );
      const listedToKey = timing(h.runs.map((r) => r.reopen.usableMs - r.reopen.listedMs));
      const reopenListed = timing(h.runs.map((r) => r.reopen.listedMs));
      const floor = await measureDriverFloor();
      console.log(
        `  reopen: list complete at median ${reopenListed.medianMs} ms, key taken ${listedToKey.medianMs} ms after it; on a bare page the same driver's key lands ${floor.medianMs} ms after the list (runs ${floor.runsMs.join(', ')} ms)`,
      );
      results.harbour = { ...h, reopenListed, reopenListedToKey: listedToKey, driverFloor: floor };
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('routes')) {
    console.log('\nJavaScript each route needs before it is usable (new document over the harbour link; gzip -9)');
    try {
      const routes = await measureRoutes();
      for (const r of routes) {
        console.log(
          `  ${r.route.padEnd(24)} ${r.label.padEnd(18)} ${fmtKB(r.js.gzip)}  ${String(r.files.length).padStart(2)} files  ${r.waves} waves`,
        );
      }
      results.routes = routes;
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('lighthouse')) {
    console.log(
      `\nLighthouse 12 mobile performance and accessibility (real server process, first visit; median of ${LIGHTHOUSE_RUNS} runs, the pages interleaved)`,
    );
    try {
      const pages = await measureLighthouse();
      for (const p of pages) {
        const m = p.metrics;
        console.log(
          `  ${p.path.padEnd(24)} ${String(p.median).padStart(3)}   goal ≥ ${LIGHTHOUSE_GOAL}  ${p.pass ? 'PASS' : 'FAIL'}   (runs ${p.scores.join(', ')}; FCP ${Math.round(m.fcpMs)} ms, LCP ${Math.round(m.lcpMs)} ms, TBT ${Math.round(m.tbtMs)} ms, CLS ${m.cls.toFixed(3)}, SI ${Math.round(m.siMs)} ms)`,
        );
        const a = p.accessibility;
        console.log(
          `  ${''.padEnd(24)} accessibility ${a.score}   goal ${ACCESSIBILITY_GOAL}  ${a.pass ? 'PASS' : 'FAIL'}${a.failed.length ? `   (failed: ${a.failed.join(', ')})` : ''}`,
        );
      }
      // Lighthouse's own measure of this machine's speed in each run: a low run beside a low score
      // says the machine was busy, not the page slower.
      const index = pages.flatMap((p) => p.benchmarkIndex);
      console.log(
        `  host BenchmarkIndex        median ${median(index)}   (min ${Math.min(...index)}, max ${Math.max(...index)}; higher is faster)`,
      );
      results.lighthouse = pages;
    } catch (err) {
      couldNotMeasure(err);
    }
  }

  if (selected('peers')) {
    const l = HARBOUR_LINK;
    console.log(
      `\nThe same four-question form side by side: ${l.downBitsPerSecond / 1e6} Mbit/s, ${l.rttMs} ms, ${PHONE_VIEWPORT.width}×${PHONE_VIEWPORT.height}, CPU ${CPU_SLOWDOWN}× slower, fresh profile, no service worker or HTTP cache (median of ${PEERS_RUNS}, interleaved)`,
    );
    try {
      const p = await measurePeers();
      const versions = await peerVersions();
      const c = p.contestants;
      const seconds = (f: (typeof c)['enketo']) => `${((f.usable?.medianMs ?? 0) / 1000).toFixed(1)} s`;
      const peer = (f: (typeof c)['enketo']) =>
        f.usable ? `${f.name} ${seconds(f)} (${f.ratio?.toFixed(2)}×)` : `${f.name} missing`;
      console.log(
        `  peers: usable  ${c['nusa-layan'].name} ${seconds(c['nusa-layan'])} | ${peer(c.enketo)} | ${peer(c.odk)}`,
      );
      console.log(
        `  form ${p.form}; Nusa Layan shows the answers step of its ${p.nusaLayanFields}-field form (/permohonan/<id>/isian, the catalogue and a draft on the device; the seed has no four-question service)`,
      );
      console.log(
        `  enketo-core ${versions['enketo-core']} (hand-written transformed form, no theme stylesheet); @getodk/web-forms ${versions['@getodk/web-forms']} (vue ${versions.vue})`,
      );
      for (const f of Object.values(c)) {
        if (f.missing) console.log(`  ${f.name} missing: ${f.missing}`);
        else
          console.log(
            `  ${f.name.padEnd(14)} runs ${f.usable?.runsMs.join(', ')} ms; down the link ${[...new Set(f.downBytes.map((b) => fmtKB(b).trim()))].join(', ')} a run`,
          );
      }
      const load = loadavg()[0] ?? 0;
      console.log(`  machine load average ${load.toFixed(1)} on ${availableParallelism()} cores at the end`);
      results.peers = { ...p, versions, loadAverage: load };
    } catch (err) {
      couldNotMeasure(err);
    }
  }

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
