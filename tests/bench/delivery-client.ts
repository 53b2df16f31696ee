// A Node stand-in for the device's outbox (src/data/outbox/drain.ts and uploads.ts, which need
// IndexedDB): the same HTTP protocol, chunk size and retry rules, over one keep-alive connection.
// - A drain goes through the queued entries that are due, oldest first: for each, every photo it names
//   is made complete on the server (PUT declares it and answers where the server is; PATCH sends up to 1 MB
//   from that offset; a 409 asks GET for the offset), then the ready records go in batches.
// - The first network failure ends the drain (the entry, or the whole batch in flight, gets a backoff
//   from backoffMs; a request that got no answer never quarantines a record); the next drain starts
//   over from the oldest queued entry, skipping the photos the server already confirmed complete
//   (the device records them per entry), and resuming a partial one from the server's offset.
// - The device's next drain comes from a trigger (the page's 60 s timer, `online`, visibility, a
//   Background Sync). Here it starts as soon as the backoff of what failed has passed: the earliest
//   the device's own rules allow, so cut recovery is never worse than on a phone.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { uuidv7 } from '../../src/data/uuidv7.ts';
import { backoffMs, MAX_ATTEMPTS, type Outcome, outcomeOf } from '../../src/domain/submissions/retry.ts';
import {
  SubmissionBatchResult,
  type SubmissionRecord,
  type SubmissionResult,
} from '../../src/domain/submissions/submission.ts';
import { CHUNK_CONTENT_TYPE, MAX_CHUNK_BYTES, OFFSET_HEADER, UploadState } from '../../src/domain/uploads.ts';

/** src/data/outbox/uploads.ts */
/** As the device sends (src/data/outbox/uploads.ts): the largest chunk the server takes. */
export const CHUNK_BYTES = MAX_CHUNK_BYTES;
/** src/data/outbox/drain.ts sends 20; the server takes up to 100 (SubmissionBatch). */
/** Records per POST, as src/data/outbox/drain.ts sends them (the server's maximum). */
export const DEVICE_BATCH = 100;
export const SERVER_MAX_BATCH = 100;

/** src/data/outbox/uploads.ts: a request with no answer within this time is given up (a network failure). */
const REQUEST_TIMEOUT_MS = 60_000;

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** No answer arrived (a cut, a timeout): what fetch reports as a TypeError on the device. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export type RequestKind = 'declare' | 'chunk' | 'state' | 'submit';
export type KindStats = { requests: number; failed: number; ms: number; bodyBytes: number; durationsMs: number[] };
export type ClientStats = {
  byKind: Record<RequestKind, KindStats>;
  /** PUTs answered "already complete": photos declared again by a drain that started over. */
  redeclaredComplete: number;
  /** Chunk bytes of PATCHes that failed on the network; the server keeps what arrived, the rest goes again. */
  lostChunkBytes: number;
  drains: number;
  backoffWaitMs: number;
  quarantined: number;
};

const emptyKind = (): KindStats => ({ requests: 0, failed: 0, ms: 0, bodyBytes: 0, durationsMs: [] });
export const emptyStats = (): ClientStats => ({
  byKind: { declare: emptyKind(), chunk: emptyKind(), state: emptyKind(), submit: emptyKind() },
  redeclaredComplete: 0,
  lostChunkBytes: 0,
  drains: 0,
  backoffWaitMs: 0,
  quarantined: 0,
});

type HttpResponse = { status: number; body: Buffer };

/** node:http over one keep-alive socket, like a browser's connection to the origin with requests in series. */
export class HttpClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  readonly stats = emptyStats();
  constructor(private readonly base: string) {}

  async request(
    kind: RequestKind,
    method: string,
    path: string,
    body?: Buffer,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const s = this.stats.byKind[kind];
    s.requests++;
    s.bodyBytes += body?.length ?? 0;
    const started = performance.now();
    try {
      let timer: NodeJS.Timeout | undefined;
      return await new Promise<HttpResponse>((resolve, reject) => {
        const req = http.request(
          new URL(path, this.base),
          {
            method,
            agent: this.agent,
            headers: {
              'accept-encoding': 'gzip',
              ...(body ? { 'content-length': String(body.length) } : {}),
              ...headers,
            },
          },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (b: Buffer) => parts.push(b));
            res.on('error', reject);
            res.on('aborted', () => reject(new Error('response aborted')));
            res.on('end', () => {
              if (!res.complete) return reject(new Error('response cut short'));
              const raw = Buffer.concat(parts);
              resolve({
                status: res.statusCode ?? 0,
                body: res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw,
              });
            });
          },
        );
        timer = setTimeout(() => req.destroy(new Error('request timed out')), REQUEST_TIMEOUT_MS);
        req.on('error', reject);
        req.end(body);
      }).finally(() => clearTimeout(timer));
    } catch (err) {
      s.failed++;
      throw new NetworkError(err);
    } finally {
      const ms = performance.now() - started;
      s.ms += ms;
      s.durationsMs.push(Math.round(ms));
    }
  }

  close(): void {
    this.agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The outbox

export type OutboxFile = { sha256: string; type: 'image/jpeg'; bytes: Buffer };
export type OutboxEntry = {
  record: SubmissionRecord;
  state: 'queued' | 'delivered' | 'rejected' | 'quarantined';
  attempts: number;
  nextAttemptAt: number;
  result?: SubmissionResult;
  /** Photos the server confirmed complete (drain.ts `uploaded`): a restarted drain skips them. */
  uploaded?: Set<string>;
};

type DrainReport = { delivered: number; stoppedBy?: 'auth' | 'offline'; retryAt: number };

/** A seeded generator (mulberry32), so the backoff jitter, and the runs, repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class DeliveryClient {
  readonly http: HttpClient;
  constructor(
    base: string,
    private readonly files: ReadonlyMap<string, OutboxFile>,
    private readonly batchSize: number,
    private readonly random: () => number,
  ) {
    this.http = new HttpClient(base);
  }

  private async state(res: HttpResponse): Promise<UploadState> {
    if (res.status < 200 || res.status >= 300) throw new HttpError(res.status);
    return UploadState.parse(JSON.parse(res.body.toString('utf8')));
  }

  /** uploadFile of src/data/outbox/uploads.ts. */
  private async uploadFile(sha256: string): Promise<void> {
    const file = this.files.get(sha256);
    if (!file) throw new Error(`file ${sha256} is missing on this device`);
    const url = `/api/uploads/${sha256}`;
    const declaration = Buffer.from(JSON.stringify({ type: file.type, size: file.bytes.length }));
    let current = await this.state(
      await this.http.request('declare', 'PUT', url, declaration, { 'content-type': 'application/json' }),
    );
    if (current.complete) this.http.stats.redeclaredComplete++;
    for (let guard = 0; !current.complete; guard++) {
      if (guard > 10_000) throw new Error(`upload of ${sha256} does not progress`);
      const chunk = file.bytes.subarray(current.received, Math.min(current.size, current.received + CHUNK_BYTES));
      let res: HttpResponse;
      try {
        res = await this.http.request('chunk', 'PATCH', url, chunk, {
          'content-type': CHUNK_CONTENT_TYPE,
          [OFFSET_HEADER]: String(current.received),
        });
      } catch (err) {
        this.http.stats.lostChunkBytes += chunk.length;
        throw err;
      }
      if (res.status === 409) {
        current = await this.state(await this.http.request('state', 'GET', url));
        continue;
      }
      current = await this.state(res);
    }
  }

  /** failed() of drain.ts: a request that got no answer backs off but never quarantines the record. */
  private failed(entry: OutboxEntry, outcome: Outcome, err: unknown, now: number): number {
    entry.attempts++;
    if (outcome === 'reject' || (entry.attempts >= MAX_ATTEMPTS && !(err instanceof NetworkError))) {
      entry.state = 'quarantined';
      this.http.stats.quarantined++;
    }
    entry.nextAttemptAt = now + backoffMs(entry.attempts, this.random());
    return entry.nextAttemptAt;
  }

  /** drainUnlocked of src/data/outbox/drain.ts, a periodic try (every backoff honoured). */
  private async drain(entries: OutboxEntry[]): Promise<DrainReport> {
    this.http.stats.drains++;
    const report: DrainReport = { delivered: 0, retryAt: 0 };
    const due = entries.filter((e) => e.state === 'queued' && e.nextAttemptAt <= Date.now());
    const classify = (err: unknown): Outcome =>
      err instanceof HttpError ? outcomeOf({ kind: 'http', status: err.status }) : outcomeOf({ kind: 'network' });

    const ready: OutboxEntry[] = [];
    for (const entry of due) {
      const hashes = [...new Set(Object.values(entry.record.attachments).flatMap((refs) => refs.map((r) => r.sha256)))];
      try {
        entry.uploaded ??= new Set();
        for (const sha of hashes) {
          if (entry.uploaded.has(sha)) continue;
          await this.uploadFile(sha);
          entry.uploaded.add(sha);
        }
        ready.push(entry);
      } catch (err) {
        const outcome = classify(err);
        if (outcome === 'auth') return { ...report, stoppedBy: 'auth' };
        const at = this.failed(entry, outcome, err, Date.now());
        if (outcome === 'retry') return { ...report, stoppedBy: 'offline', retryAt: at };
      }
    }

    for (let i = 0; i < ready.length; i += this.batchSize) {
      const batch = ready.slice(i, i + this.batchSize);
      let results: SubmissionResult[];
      try {
        const body = Buffer.from(JSON.stringify({ records: batch.map((e) => e.record) }));
        const res = await this.http.request('submit', 'POST', '/api/submissions', body, {
          'content-type': 'application/json',
        });
        const outcome = outcomeOf({ kind: 'http', status: res.status });
        if (outcome === 'auth') return { ...report, stoppedBy: 'auth' };
        if (outcome !== 'done') {
          let at = 0;
          for (const e of batch) at = Math.max(at, this.failed(e, outcome, new HttpError(res.status), Date.now()));
          if (outcome === 'retry') return { ...report, stoppedBy: 'offline', retryAt: at };
          continue;
        }
        results = SubmissionBatchResult.parse(JSON.parse(res.body.toString('utf8'))).results;
      } catch (err) {
        let at = 0;
        for (const e of batch) at = Math.max(at, this.failed(e, 'retry', err, Date.now()));
        return { ...report, stoppedBy: 'offline', retryAt: at };
      }
      for (const result of results) {
        const entry = batch.find((e) => e.record.id === result.id);
        if (!entry) continue;
        if (result.status === 'accepted' || result.status === 'rejected') {
          entry.state = result.status === 'accepted' ? 'delivered' : 'rejected';
          entry.result = result;
          if (result.status === 'accepted') report.delivered++;
        } else {
          for (const h of result.sha256) entry.uploaded?.delete(h);
          this.failed(entry, 'retry', new Error('missing attachments'), Date.now());
        }
      }
    }
    return report;
  }

  /** Drains until nothing is queued, waiting out each backoff; bounded in drains and in time. */
  async deliver(entries: OutboxEntry[], deadlineMs: number, maxDrains = 200): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (let n = 0; n < maxDrains; n++) {
      if (!entries.some((e) => e.state === 'queued')) return;
      if (Date.now() > deadline) throw new Error(`delivery did not finish within ${Math.round(deadlineMs / 1000)} s`);
      const report = await this.drain(entries);
      if (report.stoppedBy === 'auth') throw new Error('server asked for authentication');
      const next =
        report.stoppedBy === 'offline'
          ? report.retryAt
          : Math.min(...entries.filter((e) => e.state === 'queued').map((e) => e.nextAttemptAt), Infinity);
      if (Number.isFinite(next) && next > Date.now()) {
        const wait = Math.min(next - Date.now(), Math.max(0, deadline - Date.now()));
        this.http.stats.backoffWaitMs += wait;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
    if (entries.some((e) => e.state === 'queued'))
      throw new Error(`delivery did not finish within ${maxDrains} drains`);
  }

  close(): void {
    this.http.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Applications as a device makes them

const secretHash = () => createHash('sha256').update(randomBytes(32)).digest('hex');
const NAMES = [
  'Siti Aminah',
  'Ahmad Fauzi',
  'Nur Hasanah',
  'Moh. Rofiq',
  'Sri Wahyuni',
  'Abdul Kadir',
  'Dewi Lestari',
  'Hasan Basri',
];

/** A valid "Pendaftaran Puskesmas" application: a form without documents. */
export function clinicRecord(i: number): SubmissionRecord {
  const name = NAMES[i % NAMES.length]!;
  return {
    id: uuidv7(),
    serviceId: 'pendaftaran-puskesmas',
    formVersion: 1,
    channel: 'online',
    applicant: { kind: 'self', name },
    answers: {
      patientNik: '3529014507900003',
      patientName: name,
      dateOfBirth: '1990-07-05',
      clinic: ['umum', 'gigi', 'kia-kb', 'lansia'][i % 4]!,
      visitDate: '2026-03-02',
      jknMember: i % 3 !== 0,
      complaint:
        'Demam dan batuk sejak tiga hari, nafsu makan berkurang, sudah minum obat warung tetapi belum membaik.',
      phone: '0812 3456 7890',
    },
    attachments: {},
    consent: true,
    secretHash: secretHash(),
  };
}

/** Distinct bytes that start like a JPEG (SOI + APP0), which, with the hash, is all the server checks. */
export function photoFile(size: number): OutboxFile {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), type: 'image/jpeg', bytes };
}

/** A valid "Surat Pengantar" application: its form has exactly two document fields, both required (KTP-el and KK). */
export function letterRecord(i: number, ktp: OutboxFile, kk: OutboxFile): SubmissionRecord {
  const name = NAMES[i % NAMES.length]!;
  const ref = (f: OutboxFile, fileName: string) => ({
    sha256: f.sha256,
    type: f.type,
    size: f.bytes.length,
    name: fileName,
    width: 1280,
    height: 960,
  });
  return {
    id: uuidv7(),
    serviceId: 'surat-pengantar',
    formVersion: 1,
    channel: 'online',
    applicant: { kind: 'self', name },
    answers: {
      nik: '3529014507900003',
      fullName: name,
      kkNumber: '3529010203260001',
      purpose: ['skck', 'nikah', 'usaha', 'bank', 'lainnya'][i % 5]!,
      recipient: 'Kepolisian Sektor Sapeken',
      details: 'Untuk melamar pekerjaan di Surabaya.',
      phone: '0812 3456 7890',
    },
    attachments: { ktpElDoc: [ref(ktp, 'ktp.jpg')], kkDoc: [ref(kk, 'kk.jpg')] },
    consent: true,
    secretHash: secretHash(),
  };
}
