// Delivery figures: how well applications get from a device on an island to the server.
//   1. Over an emulated satellite link (satellite-proxy.ts: 2 Mbit/s up, 4 Mbit/s down, 700 ms round
//      trip, connection cut every ~4 MB), a Node stand-in for the device's outbox (delivery-client.ts:
//      same protocol, chunk size, retry rules) delivers, each to a fresh in-process server on PGlite:
//        text-500   500 "Pendaftaran Puskesmas" applications (no documents);
//        photos-40  40 "Surat Pengantar" applications, each with two ~200 KB JPEG photos (KTP-el, KK).
//      Efficiency = (bytes sent up ÷ uplink rate + least round trips × 0.7 s) ÷ wall time, where the
//      least round trips are what an ideal client of this server API needs on one connection without
//      pipelining, so every request costs at least one round trip (see idealRoundTrips). Afterwards the
//      server's database must hold exactly the applications sent and every photo complete.
//   2. Ingest rate: applications per second straight to 127.0.0.1 (no proxy), batches of 100, on
//      PGlite and, when DATABASE_URL is set, on a fresh PostgreSQL database — as plain records
//      (POST /api/submissions) and as a kiosk's sealed boxes (POST /api/sealed: the server opens
//      each box first; the sealing itself is the device's work and is done before the clock starts).
// Takes ~4 minutes, nearly all of it photos-40: each photo costs a declaration and one PATCH (two
// round trips besides its bytes), and the client is as patient as a device.
import { rm } from 'node:fs/promises';
import { SealingKeyResponse } from '../../src/domain/sealing/api.ts';
import { sealApplication } from '../../src/domain/sealing/seal-application.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';
import { MAX_CHUNK_BYTES } from '../../src/domain/uploads.ts';
import { buildApp } from '../../src/server/app.ts';
import { enrolDevice } from '../../src/server/auth/devices.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { startInProcessServer } from '../support/app-server.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { tempDir } from '../support/server.ts';
import {
  CHUNK_BYTES,
  type ClientStats,
  clinicRecord,
  DeliveryClient,
  HttpClient,
  letterRecord,
  type OutboxEntry,
  type OutboxFile,
  photoFile,
  SERVER_MAX_BATCH,
  seededRandom,
} from './delivery-client.ts';
import { type LinkProfile, type LinkStats, SATELLITE, startSatelliteProxy } from './satellite-proxy.ts';
import { median } from './stats.ts';

export const EFFICIENCY_GOAL = 0.8;
/**
 * Records per POST: the server's maximum. A batch costs one round trip whatever its size, and 100
 * clinic records are ~57 KB (0.23 s of uplink), so fewer, larger batches only win; the device's
 * current 20 is measured beside it for comparison.
 */
export const BATCH = SERVER_MAX_BATCH;
export const TEXT_APPLICATIONS = 500;
export const PHOTO_APPLICATIONS = 40;
/** Photo sizes: 200 KB ± 4 KB, different for every photo. */
const PHOTO_BYTES = 200 * 1024;
export const INGEST_APPLICATIONS = 2_000;
const NO_STATIC = '/nonexistent';
/** The village office whose kiosk sends the sealed ingest (the clinic service is served there). */
const KIOSK_OFFICE = 'puskesmas-talango';
const TEXT_DEADLINE_MS = 3 * 60_000;
/** photos-40 takes ~9 minutes (~600 requests of ≥ 0.7 s each); the deadline only stops a stuck run. */
const PHOTOS_DEADLINE_MS = 15 * 60_000;
const RTT_S = SATELLITE.rttMs / 1000;
const UP_BYTES_PER_S = SATELLITE.upBitsPerSecond / 8;

export type ScenarioFigures = {
  applications: number;
  photos: number;
  photoBytes: number;
  batchSize: number;
  wallMs: number;
  link: LinkStats;
  client: ClientStats;
  /** Seconds the uplink needs for the bytes that were sent. */
  uplinkS: number;
  idealRoundTrips: number;
  idealRoundTripsHow: string;
  /** PATCHes the ideal client needs: one per MAX_CHUNK_BYTES of each photo. */
  idealPatches: number;
  requests: number;
  efficiency: number;
  goal: { min: number; pass: boolean };
  verified: { applications: number; uploadsComplete: number; uploadsIncomplete: number; storedPhotoBytes: number };
};

export type IngestFigures =
  | { applications: number; batchSize: number; ms: number; perSecond: number }
  | { skipped: string };

export type DeliveryResult = {
  link: typeof SATELLITE;
  chunkBytes: number;
  batchSize: number;
  scenarios: Record<string, ScenarioFigures>;
  /** By database, and `-sealed` for the sealed boxes of kiosks and field tablets. */
  ingest: Record<string, IngestFigures>;
};

/**
 * The least request/response exchanges an ideal client of this server API needs, one connection
 * and no pipelining (every exchange ≥ 1 round trip):
 *   - one per TCP connection (the handshake): the first, and one after every cut;
 *   - one per cut to learn where the server is (whether the request in flight was committed);
 *   - one POST per 100 records (the server's maximum batch);
 *   - per photo, one PUT to declare it (PATCH refuses an undeclared file) and one PATCH per
 *     MAX_CHUNK_BYTES (1 MB) — a 200 KB photo goes in one.
 * Cuts are the measured ones: any client moving these bytes meets about as many.
 */
function idealRoundTrips(
  records: number,
  photoSizes: number[],
  cuts: number,
): { n: number; how: string; patches: number } {
  const posts = Math.ceil(records / SERVER_MAX_BATCH);
  const patches = photoSizes.reduce((sum, size) => sum + Math.ceil(size / MAX_CHUNK_BYTES), 0);
  const parts = [`${1 + cuts} connection${cuts ? 's' : ''}`, `${cuts} state checks after cuts`, `${posts} POST`];
  if (photoSizes.length) parts.push(`${photoSizes.length} PUT`, `${patches} PATCH`);
  return { n: 1 + 2 * cuts + posts + photoSizes.length + patches, how: parts.join(' + '), patches };
}

const roundedKinds = (byKind: ClientStats['byKind']): ClientStats['byKind'] => {
  const out = { ...byKind };
  for (const kind of Object.keys(out) as Array<keyof typeof out>)
    out[kind] = { ...out[kind], ms: Math.round(out[kind].ms) };
  return out;
};

async function count(db: Database, sql: string): Promise<number> {
  const [row] = await db.query<{ n: number | string | null }>(sql);
  return Number(row?.n ?? 0);
}

export async function deliverOverSatellite(
  records: SubmissionRecord[],
  files: OutboxFile[],
  batchSize: number,
  deadlineMs: number,
  seed: number,
  profile: LinkProfile = SATELLITE,
): Promise<ScenarioFigures> {
  const server = await startInProcessServer({ staticDir: NO_STATIC });
  try {
    const target = new URL(server.url);
    const proxy = await startSatelliteProxy({ host: target.hostname, port: Number(target.port) }, profile);
    const client = new DeliveryClient(
      proxy.url,
      new Map(files.map((f) => [f.sha256, f])),
      batchSize,
      seededRandom(seed),
    );
    const entries: OutboxEntry[] = records.map((record) => ({
      record,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
    }));
    let wallMs: number;
    try {
      const started = performance.now();
      await client.deliver(entries, deadlineMs);
      wallMs = performance.now() - started;
    } finally {
      client.close();
      await proxy.close();
    }
    const notAccepted = entries.filter((e) => e.state !== 'delivered');
    if (notAccepted.length)
      throw new Error(
        `${notAccepted.length} applications not accepted: ${JSON.stringify(notAccepted[0]!.result ?? notAccepted[0]!.state)}`,
      );

    const verified = {
      applications: await count(server.db, 'select count(*)::int as n from applications'),
      uploadsComplete: await count(server.db, 'select count(*)::int as n from uploads where complete'),
      uploadsIncomplete: await count(server.db, 'select count(*)::int as n from uploads where not complete'),
      storedPhotoBytes: await count(
        server.db,
        'select coalesce(sum(length(data)), 0)::bigint as n from uploads join upload_contents using (id, sha256) where complete',
      ),
    };
    const photoBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
    if (verified.applications !== records.length)
      throw new Error(`server holds ${verified.applications} applications, expected ${records.length}`);
    if (
      verified.uploadsComplete !== files.length ||
      verified.uploadsIncomplete !== 0 ||
      verified.storedPhotoBytes !== photoBytes
    ) {
      throw new Error(
        `server photos: ${verified.uploadsComplete} complete (${verified.storedPhotoBytes} B), ${verified.uploadsIncomplete} incomplete; expected ${files.length} complete (${photoBytes} B)`,
      );
    }

    const link = { ...proxy.stats };
    const ideal = idealRoundTrips(
      records.length,
      files.map((f) => f.bytes.length),
      link.cuts,
    );
    const uplinkS = link.upBytes / UP_BYTES_PER_S;
    const efficiency = (uplinkS + ideal.n * RTT_S) / (wallMs / 1000);
    const k = client.http.stats.byKind;
    return {
      applications: records.length,
      photos: files.length,
      photoBytes,
      batchSize,
      wallMs: Math.round(wallMs),
      link,
      client: { ...client.http.stats, byKind: roundedKinds(client.http.stats.byKind) },
      uplinkS: Number(uplinkS.toFixed(2)),
      idealRoundTrips: ideal.n,
      idealRoundTripsHow: ideal.how,
      idealPatches: ideal.patches,
      requests: k.declare.requests + k.chunk.requests + k.state.requests + k.submit.requests,
      efficiency: Number(efficiency.toFixed(3)),
      goal: { min: EFFICIENCY_GOAL, pass: efficiency >= EFFICIENCY_GOAL },
      verified,
    };
  } finally {
    await server.close();
  }
}

/**
 * Sends `total` clinic applications in batches of 100, one after another, on one keep-alive
 * connection: plain records, or (with a kiosk's device token) that kiosk's boxes sealed to the
 * server's key beforehand.
 */
async function ingest(
  url: string,
  total: number,
  kioskToken: string | null,
): Promise<{ ms: number; perSecond: number }> {
  const sealed = kioskToken !== null;
  const http = new HttpClient(url);
  const key = sealed ? SealingKeyResponse.parse(await (await fetch(`${url}/api/sealing-key`)).json()) : undefined;
  const body = async (records: SubmissionRecord[]) =>
    key
      ? {
          boxes: await Promise.all(
            records.map(async (r) => ({
              id: r.id,
              box: (
                await sealApplication(key, { ...r, channel: 'kiosk', officeId: KIOSK_OFFICE }, async () => undefined)
              ).box,
            })),
          ),
        }
      : { records };
  const path = sealed ? '/api/sealed' : '/api/submissions';
  const post = async (payload: unknown) => {
    const res = await http.request('submit', 'POST', path, Buffer.from(JSON.stringify(payload)), {
      'content-type': 'application/json',
      ...(kioskToken ? { authorization: `Bearer ${kioskToken}` } : {}),
    });
    if (res.status !== 200) throw new Error(`POST ${path}: HTTP ${res.status}`);
    const { results } = JSON.parse(res.body.toString('utf8')) as { results: Array<{ status: string }> };
    const refused = results.filter((r) => r.status !== 'accepted');
    if (refused.length) throw new Error(`${refused.length} applications not accepted: ${JSON.stringify(refused[0])}`);
  };
  try {
    await post(await body(Array.from({ length: SERVER_MAX_BATCH }, (_, i) => clinicRecord(i)))); // warm-up, not timed
    const batches = await Promise.all(
      Array.from({ length: Math.ceil(total / SERVER_MAX_BATCH) }, (_, b) =>
        body(
          Array.from({ length: Math.min(SERVER_MAX_BATCH, total - b * SERVER_MAX_BATCH) }, (_, i) =>
            clinicRecord(b * SERVER_MAX_BATCH + i),
          ),
        ),
      ),
    );
    const started = performance.now();
    for (const batch of batches) await post(batch);
    const ms = performance.now() - started;
    return { ms: Math.round(ms), perSecond: Math.round(total / (ms / 1000)) };
  } finally {
    http.close();
  }
}

async function ingestOn(kind: 'pglite' | 'postgres', sealed: boolean): Promise<IngestFigures> {
  const cleanups: Array<() => Promise<void>> = [];
  try {
    let db: Database;
    if (kind === 'postgres') {
      const pgdb = await createPostgresDatabase(process.env.DATABASE_URL!);
      cleanups.push(pgdb.drop);
      db = await openDatabase({ databaseUrl: pgdb.url, dataDir: '' });
    } else {
      const dataDir = await tempDir('nusa-layan-bench-');
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      db = await openDatabase({ dataDir });
    }
    cleanups.push(() => db.close());
    await migrate(db);
    await seedCatalogue(db, '35.29');
    // Raw ingest speed: the bench is one client, past the per-client rate limits (issue 13), so they are off.
    const app = await buildApp({ db, staticDir: NO_STATIC, logLevel: 'silent', rateLimitScale: 0 });
    cleanups.push(() => app.close());
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    // Only an enrolled kiosk makes kiosk applications (issue 13): the sealed ingest is its.
    const kioskToken = sealed ? (await enrolDevice(db, 'Bench kiosk', KIOSK_OFFICE)).token : null;
    const figures = await ingest(url, INGEST_APPLICATIONS, kioskToken);
    const stored = await count(db, 'select count(*)::int as n from applications');
    if (stored !== INGEST_APPLICATIONS + SERVER_MAX_BATCH)
      throw new Error(`server holds ${stored} applications, expected ${INGEST_APPLICATIONS + SERVER_MAX_BATCH}`);
    return { applications: INGEST_APPLICATIONS, batchSize: SERVER_MAX_BATCH, ...figures };
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}  ${value}`);

export function printScenario(name: string, f: ScenarioFigures, withEfficiencyLine: boolean): void {
  const k = f.client.byKind;
  const rt = (n: number) => `${n} × ${RTT_S} s = ${(n * RTT_S).toFixed(1)} s`;
  console.log(
    `  ${name}: ${f.applications} applications${f.photos ? `, ${f.photos} photos (${kb(f.photoBytes)})` : ''}, ${f.batchSize} records per POST`,
  );
  line('wall time', s(f.wallMs));
  line(
    'sent upstream',
    `${kb(f.link.upBytes)} (${f.link.upBytes.toLocaleString('en-US')} B) = ${f.uplinkS.toFixed(1)} s at 2 Mbit/s; received ${kb(f.link.downBytes)}`,
  );
  line('connections / cuts', `${f.link.connections} / ${f.link.cuts}`);
  const kinds = (['declare', 'chunk', 'state', 'submit'] as const)
    .filter((kind) => k[kind].requests > 0)
    .map(
      (kind) =>
        `${kind} ${k[kind].requests}${k[kind].failed ? ` (${k[kind].failed} failed)` : ''} ${s(k[kind].ms)} (median ${median(k[kind].durationsMs)} ms)`,
    );
  line('requests', `${f.requests}: ${kinds.join(', ')}`);
  if (f.photos) {
    line(
      'after cuts',
      `${f.client.drains - 1} restarted drains, ${f.client.redeclaredComplete} complete photos declared again, ${kb(f.client.lostChunkBytes)} in PATCHes the link cut (the server keeps what arrived), backoff waits ${s(f.client.backoffWaitMs)}`,
    );
  } else if (f.link.cuts) {
    line('after cuts', `${f.client.drains - 1} restarted drains, backoff waits ${s(f.client.backoffWaitMs)}`);
  }
  // Where the time goes: bytes at line rate, a round trip per request and per connection, backoff.
  const rtts = f.requests + f.link.connections;
  const rest = f.wallMs / 1000 - f.uplinkS - rtts * RTT_S - f.client.backoffWaitMs / 1000;
  line(
    'time spent',
    `uplink ${f.uplinkS.toFixed(1)} s + round trips ${rt(rtts)} + backoff ${s(f.client.backoffWaitMs)} + rest ${rest.toFixed(1)} s (server, downlink)`,
  );
  if (!f.photos && !f.link.cuts) {
    // A POST's time beyond its bytes at line rate and one round trip: the server storing the batch.
    const perPost = k.submit.durationsMs.map(
      (ms, i) => ms / 1000 - f.uplinkS / k.submit.requests - RTT_S * (i === 0 ? 2 : 1),
    );
    line(
      'server per POST',
      `≈ ${perPost.map((x) => x.toFixed(2)).join(', ')} s (POST time − its share of uplink − ${RTT_S} s; the first also − the handshake)`,
    );
  }
  line('ideal round trips', `${f.idealRoundTrips} (${f.idealRoundTripsHow})`);
  line(
    'ideal time',
    `${(f.uplinkS + f.idealRoundTrips * RTT_S).toFixed(1)} s = uplink ${f.uplinkS.toFixed(1)} s + ${rt(f.idealRoundTrips)}`,
  );
  // The gap to the ideal, by cause: requests beyond the ideal client's (each a round trip), backoff, the rest.
  const cuts = f.link.cuts;
  const idealPosts = Math.ceil(f.applications / SERVER_MAX_BATCH);
  const extra = {
    chunks: k.chunk.requests - f.idealPatches,
    declares: k.declare.requests + k.state.requests - f.photos - (f.photos ? cuts : 0),
    posts: k.submit.requests - idealPosts - (f.photos ? 0 : cuts),
  };
  const gap = f.wallMs / 1000 - (f.uplinkS + f.idealRoundTrips * RTT_S);
  const explained = (extra.chunks + extra.declares + extra.posts) * RTT_S + f.client.backoffWaitMs / 1000;
  const causes = [
    extra.chunks > 0
      ? `${extra.chunks} more PATCHes (${CHUNK_BYTES / 1024} KB chunks, server takes ${MAX_CHUNK_BYTES / 1024 / 1024} MB) ${(extra.chunks * RTT_S).toFixed(1)} s`
      : '',
    extra.declares > 0
      ? `${extra.declares} more PUT/GET (photos declared again after cuts) ${(extra.declares * RTT_S).toFixed(1)} s`
      : '',
    extra.posts > 0
      ? `${extra.posts} more POST${extra.posts === 1 ? '' : 's'} ${(extra.posts * RTT_S).toFixed(1)} s`
      : '',
    f.client.backoffWaitMs > 0 ? `backoff ${s(f.client.backoffWaitMs)}` : '',
    `server and the rest ${(gap - explained).toFixed(1)} s`,
  ].filter(Boolean);
  line('beyond ideal', `${gap.toFixed(1)} s: ${causes.join('; ')}`);
  line(
    'verified on server',
    `${f.verified.applications} applications${f.photos ? `, ${f.verified.uploadsComplete} photos complete (${f.verified.storedPhotoBytes.toLocaleString('en-US')} B), ${f.verified.uploadsIncomplete} incomplete` : ''}`,
  );
  if (withEfficiencyLine) {
    console.log(`efficiency ${name} ${f.efficiency.toFixed(2)}`);
    line('goal', `efficiency ≥ ${EFFICIENCY_GOAL}  ${f.goal.pass ? 'PASS' : 'FAIL'}`);
  } else {
    line('efficiency', `${f.efficiency.toFixed(2)} (for comparison)`);
  }
}

/** Runs and prints the delivery section; errors are per part, so one failure does not hide the others. */
export async function runDelivery(): Promise<{ result: DeliveryResult; errors: string[] }> {
  const result: DeliveryResult = {
    link: SATELLITE,
    chunkBytes: CHUNK_BYTES,
    batchSize: BATCH,
    scenarios: {},
    ingest: {},
  };
  const errors: string[] = [];
  const attempt = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      const message = `${what}: ${err instanceof Error ? err.message : String(err)}`;
      errors.push(message);
      console.error(`  could not measure: ${message}`);
    }
  };

  console.log(
    `  link: ${SATELLITE.upBitsPerSecond / 1e6} Mbit/s up, ${SATELLITE.downBitsPerSecond / 1e6} Mbit/s down, ${SATELLITE.rttMs} ms round trip, ` +
      `cut every ${SATELLITE.cutAfterBytes / 1024 / 1024} MB; client: ${CHUNK_BYTES / 1024} KB chunks, ${BATCH} records per POST, one keep-alive connection`,
  );
  await attempt('text-500', async () => {
    const records = Array.from({ length: TEXT_APPLICATIONS }, (_, i) => clinicRecord(i));
    const f = await deliverOverSatellite(records, [], BATCH, TEXT_DEADLINE_MS, 1);
    result.scenarios['text-500'] = f;
    printScenario('text-500', f, true);
  });
  await attempt('photos-40', async () => {
    const files: OutboxFile[] = [];
    const records = Array.from({ length: PHOTO_APPLICATIONS }, (_, i) => {
      const size = (j: number) => PHOTO_BYTES - 4096 + (((i * 2 + j) * 2_731) % 8_192);
      const ktp = photoFile(size(0));
      const kk = photoFile(size(1));
      files.push(ktp, kk);
      return letterRecord(i, ktp, kk);
    });
    const f = await deliverOverSatellite(records, files, BATCH, PHOTOS_DEADLINE_MS, 2);
    result.scenarios['photos-40'] = f;
    printScenario('photos-40', f, true);
  });

  console.log(
    `  ingest: ${INGEST_APPLICATIONS} text-only applications, ${SERVER_MAX_BATCH} per POST in series, straight to 127.0.0.1 (after one untimed batch)`,
  );
  for (const kind of ['pglite', 'postgres'] as const) {
    for (const sealed of [false, true]) {
      const name = `${kind}${sealed ? '-sealed' : ''}`;
      if (kind === 'postgres' && !process.env.DATABASE_URL) {
        result.ingest[name] = { skipped: 'DATABASE_URL not set' };
        console.log(`ingest ${name} skipped: DATABASE_URL not set`);
        continue;
      }
      await attempt(`ingest ${name}`, async () => {
        const f = await ingestOn(kind, sealed);
        result.ingest[name] = f;
        if ('perSecond' in f) console.log(`ingest ${name} ${f.perSecond}/s`);
      });
    }
  }
  return { result, errors };
}
