// Keeps the device's catalogue in step with the server, in the background: checks now, when the
// network returns, when the app comes to the foreground, and every 5 minutes. The check itself
// (check.ts) runs in a worker (catalogue.worker.ts) where the browser has module workers, otherwise
// in the page; this side holds what only the page has — localStorage, the first pull's answers, the
// screens — and stays free of RxDB and zod, so loading it costs the page nothing.
import type { CatalogueCollection } from '../../domain/catalogue/collections.ts';
import { deviceDatabaseLoaded } from '../device-database-loaded.ts';
import { recordCatalogueSync } from '../sync-status.ts';
import type { CheckInput, CheckOutput, CheckReply, CheckRequest, CheckResult, Seen } from './check-protocol.ts';
import { firstCatalogue, PULL_BATCH, PULLED_FIRST, type PullPage, takeFirstPage, takeHead } from './first-pull.ts';
import { showSnapshot } from './snapshot.ts';
import { CATALOGUE_SCHEMA_VERSION } from './version.ts';

export type { CheckResult };

// Per schema version: after an app update drops the old catalogue, everything is pulled again.
const SEEN_KEY = `nusa-layan.catalogue.seen.v${CATALOGUE_SCHEMA_VERSION}`;

function readSeen(): Seen {
  try {
    return JSON.parse(localStorage.getItem(SEEN_KEY) ?? '{}') as Seen;
  } catch {
    return {};
  }
}

function writeSeen(seen: Seen): void {
  try {
    localStorage.setItem(SEEN_KEY, JSON.stringify(seen));
  } catch {
    // Without the marker the next check pulls again from RxDB's own checkpoint: harmless.
  }
}

type Runner = (input: CheckInput) => Promise<CheckOutput>;

/** The check in the page itself, for browsers without module workers (or when the worker fails). */
const inPage: Runner = async (input) => {
  const [{ openDatabase }, { runCheck }] = await Promise.all([import('../database.ts'), import('./check.ts')]);
  return runCheck(await openDatabase(), input);
};

let worker: Worker | undefined;
let workerFailed = false;
let nextId = 0;

/** The check in the catalogue worker (started once, kept for the page's later checks). */
const inWorker: Runner = (input) =>
  new Promise((resolve, reject) => {
    worker ??= new Worker(new URL('./catalogue.worker.ts', import.meta.url), { type: 'module' });
    const w = worker;
    const id = ++nextId;
    const done = () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
    const onMessage = ({ data }: MessageEvent<CheckReply>) => {
      if (data.id !== id) return;
      done();
      if ('output' in data) resolve(data.output);
      else reject(new Error(data.error));
    };
    // The worker could not load or run (no module workers, a script error): the page does the work.
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      done();
      workerFailed = true;
      worker = undefined;
      w.terminate();
      resolve(inPage(input));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id, input } satisfies CheckRequest);
  });

function runner(): Runner {
  if (worker) return inWorker;
  // A page that has the device database's code already (a form, a kiosk) checks here: a worker would
  // fetch and evaluate that code a second time, on the same thin link.
  if (deviceDatabaseLoaded() || workerFailed || typeof Worker !== 'function') return inPage;
  return inWorker;
}

/** The first pull's answers, once: the first check of an empty device takes them instead of asking again. */
async function firstAnswers(): Promise<Pick<CheckInput, 'head' | 'firstPages' | 'copyFromFirstPages'>> {
  const settle = <T>(p: Promise<T> | undefined) => (p ? p.catch(() => undefined) : Promise.resolve(undefined));
  const head = await settle(takeHead());
  const firstPages: Partial<Record<CatalogueCollection, PullPage>> = {};
  for (const c of PULLED_FIRST) {
    const page = await settle(takeFirstPage(c, 0, PULL_BATCH));
    if (page) firstPages[c] = page;
  }
  return {
    ...(head !== undefined ? { head } : {}),
    firstPages,
    copyFromFirstPages: (await firstCatalogue()) !== null,
  };
}

let running: Promise<CheckResult> | undefined;

/** Checks the server once and pulls what changed. Concurrent callers share one run. */
export function checkCatalogue(): Promise<CheckResult> {
  running ??= (async () => {
    try {
      const output = await runner()({ seen: readSeen(), ...(await firstAnswers()) });
      writeSeen(output.seen);
      if (output.snapshot) showSnapshot(output.snapshot);
      if (output.result === 'updated' || output.result === 'unchanged') recordCatalogueSync(new Date());
      return output.result;
    } catch {
      return 'failed' as const;
    }
  })().finally(() => (running = undefined));
  return running;
}

const PERIOD_MS = 5 * 60_000;

/** Checks now, when the network returns, when the app comes to the foreground, and every 5 minutes. */
export function keepCatalogueFresh(): () => void {
  const check = () => void checkCatalogue();
  const onVisible = () => document.visibilityState === 'visible' && check();
  window.addEventListener('online', check);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => document.visibilityState === 'visible' && check(), PERIOD_MS);
  check();
  return () => {
    window.removeEventListener('online', check);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
    worker?.terminate();
    worker = undefined;
  };
}
