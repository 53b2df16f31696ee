// Device sync under office load (issue 13, point 3): does an administrator's heavy read stall the
// devices? On each database (PGlite always, PostgreSQL when DATABASE_URL is set):
//   1. seed 20,000 applications straight into the database (one bulk insert per 2,000 rows, not
//      through HTTP): 12 services, their offices, six months of receipts, most older ones completed,
//      2,000 devices with 10 applications each; then start the real server (src/server/main.ts) on
//      it as its own process, so the bench's clients do not share its thread;
//   2. idle: devices pull their applications (GET /api/sync/applications/pull, a random device each
//      time) for WINDOW_MS, arriving at random (Poisson) at DEVICE_RATE per second whatever the
//      server's pace, as independent devices do; each pull is timed from when it was due to leave;
//   3. under office load: the same, while OFFICE_CLIENTS administrators each refresh, in a loop, the
//      dashboard, its CSV and the overdue queue (their own sessions and connections);
//   2 and 3 alternate for ROUNDS rounds (the office's requests in flight end before an idle
//   window), so a machine busy with other work weighs on both alike;
//   4. the office reads' own times, and a NIK search (its median over NIK_SEARCHES).
// Prints p95 device-pull idle, p95 device-pull under office load and their ratio (goal ≤ 2).
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import http from 'node:http';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { TRACKING_ALPHABET } from '../../src/domain/submissions/tracking-number.ts';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { startServer, tempDir } from '../support/server.ts';
import { seededRandom } from './delivery-client.ts';
import { median, percentile } from './stats.ts';

export const APPLICATIONS = 20_000;
export const RATIO_GOAL = 2;
const DEVICES = 2_000;
/**
 * Pulls per second: well below what one server answers on PGlite with nothing else to do (447/s in
 * the issue), so the idle figure is the time of a pull, not a queue of them.
 */
const DEVICE_RATE = 50;
const OFFICE_CLIENTS = 2;
const WINDOW_MS = 3_000;
const ROUNDS = 5;
const NIK_SEARCHES = 20;
const SEED_BATCH = 2_000;
const DAY_MS = 24 * 3600 * 1000;
const NO_STATIC = '/nonexistent';
const ADMIN_PASSWORD = 'garam-kalianget-1987';

type Kind = 'pglite' | 'postgres';

type Latencies = { requests: number; perSecond: number; p50Ms: number; p95Ms: number; maxMs: number };

export type OfficeLoadFigures =
  | {
      applications: number;
      deviceRate: number;
      officeClients: number;
      windowMs: number;
      idle: Latencies;
      underLoad: Latencies;
      ratio: number;
      goal: { max: number; pass: boolean };
      /** Office requests completed during the loaded window, by kind. */
      office: Record<string, Latencies>;
      nikSearchMedianMs: number;
    }
  | { skipped: string };

// ---------------------------------------------------------------------------------------------
// Seeding

const deviceKey = (i: number) => createHash('sha256').update(`bench-device-${i}`).digest('hex');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A NIK of a Sumenep district that passes the product's checks, different for each (i, field). */
export function benchNik(i: number, field: number): string {
  const day = 1 + (i % 28) + (i % 2 ? 40 : 0);
  const month = 1 + (i % 12);
  const year = 60 + (i % 40);
  return `352901${pad(day, 2)}${pad(month, 2)}${pad(year, 2)}${pad(1 + ((i * 7 + field) % 9999), 4)}`;
}

/** A distinct, valid tracking number per application ("BNCH-" and i in the tracking alphabet). */
function trackingNumber(i: number): string {
  const alphabet = TRACKING_ALPHABET;
  let rest = '';
  for (let n = i, k = 0; k < 4; k++, n = Math.floor(n / alphabet.length)) rest = alphabet[n % alphabet.length] + rest;
  return `BNCH-${rest}`;
}

type ServiceInfo = { id: string; offices: string[]; nikFields: string[] };

async function services(db: Database): Promise<ServiceInfo[]> {
  const rows = await db.query<{ id: string; offices: string[]; nik_fields: string[] | null }>(
    `select id, array(select jsonb_array_elements_text(doc->'officeIds')) as offices,
            array(select f->>'key' from jsonb_array_elements(doc->'form'->'fields') f where f->>'kind' = 'nik') as nik_fields
       from catalogue_docs where collection = 'services' and not deleted order by id`,
  );
  return rows.map((r) => ({ id: r.id, offices: r.offices, nikFields: r.nik_fields ?? [] }));
}

/**
 * 20,000 applications over the last 180 days: received ones older than two weeks are mostly
 * completed (some rejected, some still open and so overdue); recent ones spread over the open states.
 */
async function seedApplications(db: Database, total: number): Promise<void> {
  const random = seededRandom(13);
  const catalogue = await services(db);
  const now = Date.now();
  const OPEN = ['received', 'verifying', 'processing', 'ready', 'needs-correction'];
  for (let start = 0; start < total; start += SEED_BATCH) {
    const rows = Array.from({ length: Math.min(SEED_BATCH, total - start) }, (_, k) => {
      const i = start + k;
      const service = catalogue[i % catalogue.length]!;
      const receivedMs = now - random() * 180 * DAY_MS;
      const age = now - receivedMs;
      const roll = random();
      let status: string;
      let completedMs: number | null = null;
      if (age > 14 * DAY_MS && roll < 0.85) {
        status = 'completed';
        completedMs = Math.min(now, receivedMs + (0.02 + random() * 10) * DAY_MS);
      } else if (age > 14 * DAY_MS && roll < 0.92) status = 'rejected';
      else status = OPEN[Math.floor(random() * OPEN.length)]!;
      const name = `Warga Bench ${i}`;
      const answers: Record<string, unknown> = { fullName: name, phone: '0812 3456 7890' };
      service.nikFields.forEach((key, f) => {
        answers[key] = benchNik(i, f);
      });
      const id = uuidv7();
      return {
        id,
        tracking_number: trackingNumber(i),
        service_id: service.id,
        form_version: 1,
        channel: 'online',
        applicant: { kind: 'self', name },
        answers,
        attachments: {},
        secret_hash: sha256(id),
        device_key_hash: sha256(deviceKey(i % DEVICES)),
        office_id: service.offices[i % service.offices.length]!,
        status,
        received_at: new Date(receivedMs).toISOString(),
        updated_at: new Date(completedMs ?? receivedMs).toISOString(),
        completed_at: completedMs === null ? null : new Date(completedMs).toISOString(),
      };
    });
    const columns =
      'id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, device_key_hash, office_id, status, received_at, updated_at, completed_at';
    await db.query(
      `insert into applications (${columns}, seq)
       select ${columns}, nextval('applications_seq') from jsonb_populate_recordset(null::applications, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  await db.exec('analyze');
}

// ---------------------------------------------------------------------------------------------
// Clients

type Response = { status: number; body: string };

/** Keep-alive connections: one (an office browser tab), or a pool standing for many devices. */
class Client {
  private readonly agent: http.Agent;
  constructor(
    private readonly base: string,
    private readonly headers: Record<string, string> = {},
    connections = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  }
  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        new URL(path, this.base),
        {
          method,
          agent: this.agent,
          headers: {
            ...this.headers,
            ...headers,
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          },
        },
        (res) => {
          const parts: Buffer[] = [];
          res.on('data', (b: Buffer) => parts.push(b));
          res.on('error', reject);
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  close(): void {
    this.agent.destroy();
  }
}

async function timed(client: Client, method: string, path: string, body?: unknown): Promise<number> {
  const started = performance.now();
  const res = await client.request(method, path, body);
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${method} ${path}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return ms;
}

const latencies = (ms: number[], windowMs: number): Latencies => ({
  requests: ms.length,
  perSecond: Math.round(ms.length / (windowMs / 1000)),
  p50Ms: Number(percentile(ms, 50).toFixed(1)),
  p95Ms: Number(percentile(ms, 95).toFixed(1)),
  maxMs: Math.round(Math.max(...ms)),
});

/**
 * Devices pulling for `windowMs`: each pull leaves at its own random time (Poisson arrivals at
 * DEVICE_RATE), on a free keep-alive connection, whether or not earlier pulls have been answered;
 * its time runs from when it was due to leave, so a stalled server cannot hide its stall by slowing
 * the arrivals down.
 */
async function devicePulls(url: string, windowMs: number, seed: number): Promise<number[]> {
  const random = seededRandom(seed);
  const client = new Client(url, {}, 256);
  const times: number[] = [];
  const pulls: Array<Promise<void>> = [];
  const failures: unknown[] = [];
  const start = performance.now();
  try {
    for (let due = start; ; ) {
      due += (-Math.log(1 - random()) * 1000) / DEVICE_RATE;
      if (due > start + windowMs) break;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const key = deviceKey(Math.floor(random() * DEVICES));
      const sent = due;
      pulls.push(
        client
          .request('GET', '/api/sync/applications/pull?seq=0&limit=50', undefined, { authorization: `Bearer ${key}` })
          .then((res) => {
            times.push(performance.now() - sent);
            if (res.status !== 200) throw new Error(`device pull: HTTP ${res.status} ${res.body.slice(0, 200)}`);
            const { documents } = JSON.parse(res.body) as { documents: unknown[] };
            if (documents.length === 0) throw new Error('device pull: no documents for a seeded device');
          })
          // Kept until all have left (a rejection with no handler yet would stop the process).
          .catch((err: unknown) => void failures.push(err)),
      );
    }
    await Promise.all(pulls);
    if (failures.length) throw failures[0];
  } finally {
    client.close();
  }
  return times;
}

/** The last 90 days, as an administrator opens the dashboard. */
function period(): string {
  const to = new Date();
  const from = new Date(to.getTime() - 90 * DAY_MS);
  return `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
}

const OFFICE_READS = {
  dashboard: () => `/api/office/dashboard?${period()}`,
  csv: () => `/api/office/dashboard.csv?${period()}`,
  overdue: () => '/api/office/applications?overdue=true',
} as const;

/** The administrators' loops: each read in turn until `stop()` is true. */
function officeLoad(sessions: Client[]): { stop(): Promise<Record<string, number[]>> } {
  let stopped = false;
  let failure: unknown;
  const times: Record<string, number[]> = { dashboard: [], csv: [], overdue: [] };
  const loops = sessions.map(async (client) => {
    try {
      while (!stopped) {
        for (const [kind, path] of Object.entries(OFFICE_READS)) {
          if (stopped) break;
          times[kind]!.push(await timed(client, 'GET', path()));
        }
      }
    } catch (err) {
      failure ??= err;
      stopped = true;
    }
  });
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
      if (failure) throw failure;
      return times;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One database

async function sessionClient(url: string, username: string): Promise<Client> {
  const login = await new Promise<{ cookie: string; csrf: string }>((resolve, reject) => {
    const body = Buffer.from(JSON.stringify({ username, password: ADMIN_PASSWORD }));
    const req = http.request(
      new URL('/api/auth/login', url),
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`sign-in: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          const cookie = /^(nl_session=[^;]+)/.exec(String(res.headers['set-cookie'] ?? ''))?.[1];
          if (!cookie) return reject(new Error('sign-in: no session cookie'));
          resolve({ cookie, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  return new Client(url, { cookie: login.cookie, 'x-csrf-token': login.csrf });
}

export async function officeLoadOn(kind: Kind): Promise<OfficeLoadFigures> {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    let env: Record<string, string>;
    let db: Database;
    if (kind === 'postgres') {
      const pgdb = await createPostgresDatabase(process.env.DATABASE_URL!);
      cleanups.push(pgdb.drop);
      db = await openDatabase({ databaseUrl: pgdb.url, dataDir: '' });
      env = { DATABASE_URL: pgdb.url };
    } else {
      const dataDir = await tempDir('nusa-layan-bench-');
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      db = await openDatabase({ dataDir });
      env = { DATA_DIR: dataDir };
    }
    try {
      await migrate(db);
      await seedCatalogue(db, '35.29');
      const seeding = performance.now();
      await seedApplications(db, APPLICATIONS);
      console.log(
        `  ${kind}: seeded ${APPLICATIONS} applications in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
      );
      for (let i = 1; i <= OFFICE_CLIENTS; i++)
        await createAdministrator(db, `admin${i}`, ADMIN_PASSWORD, { onlyIfNone: false, via: 'cli' });
    } finally {
      // The server opens the database itself (PGlite: one process per data folder).
      await db.close();
    }
    // As deployed: its own process, LOG_LEVEL info (a log line per request).
    const server = await startServer({ ...env, STATIC_DIR: NO_STATIC, LOG_LEVEL: 'info' });
    cleanups.push(async () => void (await server.stop()));
    const url = server.url;

    const sessions = await Promise.all(
      Array.from({ length: OFFICE_CLIENTS }, (_, i) => sessionClient(url, `admin${i + 1}`)),
    );
    cleanups.push(async () => {
      for (const s of sessions) s.close();
    });
    // Warm-up (not measured): the first of each request compiles its route and plans its queries,
    // and the office reads bring every page of the table into memory.
    for (const path of Object.values(OFFICE_READS)) await timed(sessions[0]!, 'GET', path());
    await devicePulls(url, 2000, 1);

    const idle: number[] = [];
    const loaded: number[] = [];
    const officeTimes: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      idle.push(...(await devicePulls(url, WINDOW_MS, 10 + round)));
      const load = officeLoad(sessions);
      loaded.push(...(await devicePulls(url, WINDOW_MS, 20 + round)));
      for (const [k, ms] of Object.entries(await load.stop())) officeTimes[k] = [...(officeTimes[k] ?? []), ...ms];
    }

    const searches: number[] = [];
    for (let i = 0; i < NIK_SEARCHES; i++) {
      searches.push(
        await timed(sessions[0]!, 'POST', '/api/office/applications/search-nik', { nik: benchNik(i * 997, 0) }),
      );
    }
    const idleFigures = latencies(idle, ROUNDS * WINDOW_MS);
    const loadFigures = latencies(loaded, ROUNDS * WINDOW_MS);
    const ratio = Number((loadFigures.p95Ms / idleFigures.p95Ms).toFixed(2));
    return {
      applications: APPLICATIONS,
      deviceRate: DEVICE_RATE,
      officeClients: OFFICE_CLIENTS,
      windowMs: ROUNDS * WINDOW_MS,
      idle: idleFigures,
      underLoad: loadFigures,
      ratio,
      goal: { max: RATIO_GOAL, pass: ratio <= RATIO_GOAL },
      office: Object.fromEntries(
        Object.entries(officeTimes)
          .filter(([, ms]) => ms.length > 0)
          .map(([k, ms]) => [k, latencies(ms, ROUNDS * WINDOW_MS)]),
      ),
      nikSearchMedianMs: Number(median(searches).toFixed(1)),
    };
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const line = (label: string, value: string) => console.log(`  ${label.padEnd(34)}  ${value}`);
const describe = (l: Latencies) =>
  `${l.p95Ms} ms   (p50 ${l.p50Ms} ms, max ${l.maxMs} ms; ${l.requests} requests, ${l.perSecond}/s)`;

export function printOfficeLoad(kind: Kind, f: OfficeLoadFigures): void {
  if ('skipped' in f) {
    console.log(`  ${kind}: skipped (${f.skipped})`);
    return;
  }
  console.log(`p95 device-pull idle ${kind} ${f.idle.p95Ms} ms`);
  console.log(`p95 device-pull under office load ${kind} ${f.underLoad.p95Ms} ms`);
  line(`${kind} device-pull idle`, describe(f.idle));
  line(`${kind} device-pull under office load`, describe(f.underLoad));
  line(`${kind} ratio`, `${f.ratio.toFixed(2)}   goal ≤ ${RATIO_GOAL}  ${f.goal.pass ? 'PASS' : 'FAIL'}`);
  for (const [k, l] of Object.entries(f.office))
    line(`${kind} office ${k} (under load)`, `${l.p95Ms} ms p95   (p50 ${l.p50Ms} ms; ${l.requests} requests)`);
  line(`${kind} NIK search`, `${f.nikSearchMedianMs} ms median of ${NIK_SEARCHES} (idle)`);
}

export async function runOfficeLoad(): Promise<{ result: Record<string, OfficeLoadFigures>; errors: string[] }> {
  console.log(
    `  ${APPLICATIONS} applications; devices pulling at ${DEVICE_RATE}/s (Poisson arrivals) ${ROUNDS} × ${WINDOW_MS / 1000} s idle, alternating with as long while ${OFFICE_CLIENTS} administrators refresh dashboard, CSV and overdue queue in a loop`,
  );
  const result: Record<string, OfficeLoadFigures> = {};
  const errors: string[] = [];
  for (const kind of ['pglite', 'postgres'] as const) {
    if (kind === 'postgres' && !process.env.DATABASE_URL) {
      result[kind] = { skipped: 'DATABASE_URL not set' };
      printOfficeLoad(kind, result[kind]);
      continue;
    }
    try {
      result[kind] = await officeLoadOn(kind);
      printOfficeLoad(kind, result[kind]);
    } catch (err) {
      const message = `${kind}: ${err instanceof Error ? err.message : String(err)}`;
      errors.push(message);
      console.error(`  could not measure: ${message}`);
    }
  }
  return { result, errors };
}
