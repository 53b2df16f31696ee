// Upload abuse (issue 13, finding 9): what anonymous clients can make the server store. Against a
// fresh in-process server on PGlite (and on PostgreSQL when DATABASE_URL is set), over real HTTP from
// distinct loopback addresses (127.0.0.2…):
//   - the finding itself, from one address: a 2 MiB PDF declared, 1 MiB sent, then 200 appends of 100 B;
//   - three more addresses each declaring 40 PDFs of 2 MiB and sending the first MiB of each (none ever
//     completed), as far as the server lets them.
// Prints the growth of the data folder (PGlite: every file, WAL included, as blocks on disk; PostgreSQL:
// pg_database_size) against the bytes the server received in chunk bodies (goal ≤ 2×), then the same
// after a vacuum and checkpoint, and the size of the upload tables after that vacuum and after the
// 7-day expiry of the incomplete uploads.
import { createHash, randomBytes } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/storage/db.ts';
import { migrate } from '../../src/server/storage/migrate.ts';
import { openDatabase } from '../../src/server/storage/open.ts';
import { createPostgresDatabase } from '../support/databases.ts';
import { tempDir } from '../support/server.ts';

export const GROWTH_GOAL = 2;
const MiB = 1024 * 1024;
const PDF_BYTES = 2 * MiB;
const SENT_PER_UPLOAD = MiB;
const TINY_APPENDS = 200;
const TINY_BYTES = 100;
const QUOTA_ATTACKERS = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
const UPLOADS_PER_ATTACKER = 40;

export type AbuseFigures = {
  receivedBytes: number;
  storedChunkBytes: number;
  refused: Record<string, number>;
  growthBytes: number;
  ratio: number;
  afterVacuum: { growthBytes: number; ratio: number; uploadTablesBytes: number };
  afterExpiry: { uploadTablesBytes: number };
  goal: { max: number; pass: boolean };
};

/** Bytes the folder takes on disk (allocated blocks, so a sparse or preallocated file counts as stored). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    total += (await stat(join(entry.parentPath, entry.name))).blocks * 512;
  }
  return total;
}

type Answer = { status: number; body: string };

function send(
  url: string,
  from: string,
  method: string,
  path: string,
  body: Buffer,
  headers: http.OutgoingHttpHeaders,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method, headers, localAddress: from, agent: false });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function pdf(): { sha256: string; bytes: Buffer } {
  const bytes = randomBytes(PDF_BYTES);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

async function attack(url: string): Promise<{ received: number; refused: Record<string, number> }> {
  let received = 0;
  const refused: Record<string, number> = {};
  const note = (what: string, a: Answer) => {
    if (a.status !== 200) {
      const code = (JSON.parse(a.body) as { error?: { code?: string } }).error?.code ?? String(a.status);
      refused[`${what} ${a.status} ${code}`] = (refused[`${what} ${a.status} ${code}`] ?? 0) + 1;
    }
    return a.status === 200;
  };
  const declare = async (from: string, file: { sha256: string }) =>
    note(
      'PUT',
      await send(
        url,
        from,
        'PUT',
        `/api/uploads/${file.sha256}`,
        Buffer.from(JSON.stringify({ type: 'application/pdf', size: PDF_BYTES })),
        {
          'content-type': 'application/json',
        },
      ),
    );
  const patch = async (from: string, file: { sha256: string }, offset: number, chunk: Buffer) => {
    received += chunk.length;
    return note(
      'PATCH',
      await send(url, from, 'PATCH', `/api/uploads/${file.sha256}`, chunk, {
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
      }),
    );
  };

  // The finding: 200 appends of 100 B to a 1 MiB partial upload.
  const finding = pdf();
  await declare('127.0.0.2', finding);
  await patch('127.0.0.2', finding, 0, finding.bytes.subarray(0, SENT_PER_UPLOAD));
  let offset = SENT_PER_UPLOAD;
  for (let i = 0; i < TINY_APPENDS; i++) {
    if (await patch('127.0.0.2', finding, offset, finding.bytes.subarray(offset, offset + TINY_BYTES)))
      offset += TINY_BYTES;
  }
  // Many partial uploads from several addresses, never finished.
  for (const from of QUOTA_ATTACKERS) {
    for (let n = 0; n < UPLOADS_PER_ATTACKER; n++) {
      const file = pdf();
      if (await declare(from, file)) await patch(from, file, 0, file.bytes.subarray(0, SENT_PER_UPLOAD));
    }
  }
  return { received, refused };
}

const bytesOf = async (db: Database, sql: string) => Number((await db.query<{ n: string }>(sql))[0]?.n ?? 0);
const UPLOAD_TABLES_SQL = `select (pg_total_relation_size('uploads') + coalesce(pg_total_relation_size(to_regclass('upload_chunks')), 0))::text as n`;

export async function measureUploadAbuse(kind: 'pglite' | 'postgres'): Promise<AbuseFigures> {
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    let db: Database;
    let size: () => Promise<number>;
    if (kind === 'postgres') {
      const pgdb = await createPostgresDatabase(process.env.DATABASE_URL!);
      cleanups.push(pgdb.drop);
      db = await openDatabase({ databaseUrl: pgdb.url, dataDir: '' });
      size = () => bytesOf(db, 'select pg_database_size(current_database())::text as n');
    } else {
      const dataDir = await tempDir('nusa-layan-abuse-');
      cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
      db = await openDatabase({ dataDir });
      size = () => folderBytes(dataDir);
    }
    cleanups.push(() => db.close());
    await migrate(db);
    const app = await buildApp({ db, staticDir: '/nonexistent', logLevel: 'silent' });
    cleanups.push(() => app.close());
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    if (kind === 'pglite') await db.exec('checkpoint');
    const before = await size();

    const { received, refused } = await attack(url);
    const growth = (await size()) - before;
    const storedChunkBytes = await bytesOf(db, `select coalesce(sum(received), 0)::text as n from uploads`);

    // What the server's maintenance does (PGlite; PostgreSQL's autovacuum and checkpointer do it there).
    await db.exec('vacuum (analyze)');
    if (kind === 'pglite') await db.exec('checkpoint');
    const afterVacuum = (await size()) - before;
    const tablesAfterVacuum = await bytesOf(db, UPLOAD_TABLES_SQL);
    // Seven days later: every incomplete upload expires.
    await db.query(`delete from uploads where not complete`);
    await db.exec('vacuum (analyze)');
    const tablesAfterExpiry = await bytesOf(db, UPLOAD_TABLES_SQL);

    const ratio = growth / received;
    return {
      receivedBytes: received,
      storedChunkBytes,
      refused,
      growthBytes: growth,
      ratio: Number(ratio.toFixed(2)),
      afterVacuum: {
        growthBytes: afterVacuum,
        ratio: Number((afterVacuum / received).toFixed(2)),
        uploadTablesBytes: tablesAfterVacuum,
      },
      afterExpiry: { uploadTablesBytes: tablesAfterExpiry },
      goal: { max: GROWTH_GOAL, pass: ratio <= GROWTH_GOAL },
    };
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

export function printUploadAbuse(kind: string, f: AbuseFigures): void {
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}  ${value}`);
  line('received', `${mib(f.receivedBytes)} in chunk bodies; stored ${mib(f.storedChunkBytes)} (uploads.received)`);
  line(
    'refused',
    Object.entries(f.refused)
      .map(([what, n]) => `${n} × ${what}`)
      .join(', ') || 'nothing',
  );
  console.log(
    `upload-abuse ${kind} growth ${mib(f.growthBytes)} for ${mib(f.receivedBytes)} received: ${f.ratio}×   goal ≤ ${GROWTH_GOAL}×  ${f.goal.pass ? 'PASS' : 'FAIL'}`,
  );
  line('after vacuum', `growth ${mib(f.afterVacuum.growthBytes)} (${f.afterVacuum.ratio}×)`);
  console.log(
    `upload-abuse ${kind} upload tables ${mib(f.afterVacuum.uploadTablesBytes)} after vacuum, ${mib(f.afterExpiry.uploadTablesBytes)} after expiry + vacuum`,
  );
}
