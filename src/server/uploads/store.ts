// Upload storage: declaring a content-addressed file, appending chunks at the acknowledged offset,
// verifying the whole file against its hash and type, and telling which files are still missing.
// Each chunk is a row written once (upload_chunks): an append never rewrites the bytes stored before
// it. What anonymous clients may hold is bounded: bytes in flight per address (in-flight.ts) and 7 days
// without progress (expireUploads). Every function works on PGlite and PostgreSQL alike and keeps no
// state outside the database.
import {
  exceedsUploadLimit,
  MAX_CHUNK_BYTES,
  MIN_CHUNK_BYTES,
  startsLikeType,
  UPLOAD_SIGNATURES,
  type UploadState,
  type UploadType,
} from '../../domain/uploads.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockKeyUntilCommit } from '../storage/locks.ts';
import { MAX_IN_FLIGHT_BYTES } from './in-flight.ts';

type StateRow = {
  id: string;
  sha256: string;
  type: UploadType;
  size: number;
  received: number;
  complete: boolean;
};

const STATE_COLUMNS = 'id, sha256, type, size, received, complete';

function toState(row: StateRow): UploadState {
  return {
    sha256: row.sha256,
    type: row.type,
    size: Number(row.size),
    received: Number(row.received),
    complete: row.complete,
  };
}

async function selectRow(q: Queryable, sha256: string, lock = false): Promise<StateRow | null> {
  const [row] = await q.query<StateRow>(
    `select ${STATE_COLUMNS} from uploads where sha256 = $1${lock ? ' for update' : ''}`,
    [sha256],
  );
  return row ?? null;
}

export type DeclareResult =
  | { kind: 'ok' | 'conflict'; state: UploadState }
  /** The address already has `inFlight` bytes declared and not complete: this one would pass the limit. */
  | { kind: 'over_limit'; inFlight: number };

/**
 * Declares a file, or finds the one already declared under this hash: declaring again never resets
 * progress, so a device that lost the answer can simply ask again. 'conflict' when the stored type
 * or size differ from the declaration. A new declaration from `client` (an address, see clientKey)
 * reserves its size among that address's bytes in flight; the server's own (client null) does not.
 */
export async function declareUpload(
  db: Database,
  sha256: string,
  type: UploadType,
  size: number,
  client: string | null = null,
): Promise<DeclareResult> {
  const known = await selectRow(db, sha256);
  if (known) return { kind: known.type !== type || known.size !== size ? 'conflict' : 'ok', state: toState(known) };
  const refused = await db.transaction(async (tx) => {
    if (!client) return null;
    // One address's declarations in turn: two at once cannot both fit in the last free bytes.
    await lockKeyUntilCommit(tx, 'uploadsInFlight', client);
    const inFlight = await bytesInFlight(tx, client);
    if (inFlight + size > MAX_IN_FLIGHT_BYTES) return { kind: 'over_limit' as const, inFlight };
    await insertDeclaration(tx, sha256, type, size, client);
    return null;
  });
  if (refused) return refused;
  if (!client) await insertDeclaration(db, sha256, type, size, null);
  const row = await selectRow(db, sha256);
  if (!row) throw new Error('upload vanished right after it was declared');
  return { kind: row.type !== type || row.size !== size ? 'conflict' : 'ok', state: toState(row) };
}

async function insertDeclaration(
  q: Queryable,
  sha256: string,
  type: UploadType,
  size: number,
  client: string | null,
): Promise<void> {
  await q.query(
    'insert into uploads (sha256, type, size, client) values ($1, $2, $3, $4) on conflict (sha256) do nothing',
    [sha256, type, size, client],
  );
}

/** The bytes `client` has declared in uploads that are not complete yet. */
export async function bytesInFlight(q: Queryable, client: string): Promise<number> {
  const [row] = await q.query<{ bytes: string }>(
    'select coalesce(sum(size), 0)::text as bytes from uploads where client = $1 and not complete',
    [client],
  );
  return Number(row?.bytes ?? 0);
}

export async function getUpload(db: Database, sha256: string): Promise<UploadState | null> {
  const row = await selectRow(db, sha256);
  return row ? toState(row) : null;
}

export type AppendResult =
  | { kind: 'ok'; state: UploadState }
  | { kind: 'not_found' }
  | {
      kind: 'offset_mismatch' | 'exceeds_size' | 'chunk_too_small' | 'hash_mismatch' | 'type_mismatch';
      state: UploadState;
    };

/**
 * Appends `chunk` at `offset` if, and only if, the server holds exactly `offset` bytes. The row lock
 * and the `received = offset` guard make two senders of the same file unable to interleave: one
 * wins, the other learns the new offset. The chunk is stored as a row of its own; the last chunk
 * verifies the file in the same transaction, so no file is ever left whole but unverified. A
 * complete file takes no more bytes and answers with its state, so a device that lost the final
 * acknowledgement can retry safely.
 */
export async function appendChunk(
  db: Database,
  sha256: string,
  offset: number,
  chunk: Uint8Array,
): Promise<AppendResult> {
  return db.transaction(async (tx) => {
    const row = await selectRow(tx, sha256, true);
    if (!row) return { kind: 'not_found' };
    const state = toState(row);
    if (state.complete) return { kind: 'ok', state };
    if (state.received !== offset) return { kind: 'offset_mismatch', state };
    if (offset + chunk.length > state.size) return { kind: 'exceeds_size', state };
    if (chunk.length < MIN_CHUNK_BYTES && offset + chunk.length !== state.size)
      return { kind: 'chunk_too_small', state };
    // Refuse a wrong file at its first chunk rather than after the whole of it crossed a satellite link.
    if (offset === 0 && chunk.length >= UPLOAD_SIGNATURES[state.type].length && !startsLikeType(state.type, chunk))
      return { kind: 'type_mismatch', state };

    await tx.query('insert into upload_chunks (upload_id, byte_offset, data) values ($1, $2, $3)', [
      row.id,
      offset,
      chunk,
    ]);
    const [appended] = await tx.query<StateRow>(
      `update uploads set received = received + $2, updated_at = now() where id = $1 returning ${STATE_COLUMNS}`,
      [row.id, chunk.length],
    );
    if (!appended) throw new Error('upload vanished while locked');
    const next = toState(appended);
    return next.received === next.size ? finish(tx, appended) : { kind: 'ok', state: next };
  });
}

/** Checks a whole file against its name and declared type; a bad one is emptied so the device sends it again from 0. */
async function finish(tx: Queryable, row: StateRow): Promise<AppendResult> {
  // Hashing in the database spares carrying up to 2 MB back to this process.
  const [check] = await tx.query<{ hash: string; head: Uint8Array }>(
    `select encode(sha256(data), 'hex') as hash, substring(data from 1 for 8) as head from upload_contents where id = $1`,
    [row.id],
  );
  const problem =
    check?.hash !== row.sha256 ? 'hash_mismatch' : !startsLikeType(row.type, check.head) ? 'type_mismatch' : null;
  if (problem) {
    await tx.query('delete from upload_chunks where upload_id = $1', [row.id]);
    const [reset] = await tx.query<StateRow>(
      `update uploads set received = 0, updated_at = now() where id = $1 returning ${STATE_COLUMNS}`,
      [row.id],
    );
    return { kind: problem, state: toState(reset ?? { ...row, received: 0 }) };
  }
  // Complete: no longer in flight, so the sender's address is not kept.
  const [done] = await tx.query<StateRow>(
    `update uploads set complete = true, completed_at = now(), client = null where id = $1 returning ${STATE_COLUMNS}`,
    [row.id],
  );
  return { kind: 'ok', state: toState(done ?? { ...row, complete: true }) };
}

/** The stored bytes with the state, for verification and for the offices that read the file. */
export async function readUpload(db: Database, sha256: string): Promise<(UploadState & { data: Buffer }) | null> {
  const [row] = await db.query<StateRow & { data: Uint8Array }>(
    `select ${STATE_COLUMNS.split(', ')
      .map((c) => `u.${c}`)
      .join(', ')}, c.data from uploads u join upload_contents c on c.id = u.id where u.sha256 = $1`,
    [sha256],
  );
  if (!row) return null;
  // node-postgres gives a Buffer, PGlite a Uint8Array: one type for callers.
  const data = Buffer.isBuffer(row.data)
    ? row.data
    : Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
  return { ...toState(row), data };
}

/**
 * The hashes among `sha256s` whose files are not complete on the server (never declared, or partly
 * sent), each once, in the order given: a record naming any of them is not yet delivered.
 */
export async function missingUploads(db: Queryable, sha256s: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(sha256s)];
  const complete = await completeUploads(db, wanted);
  return wanted.filter((h) => !complete.has(h));
}

/** The complete uploads among `sha256s`, each with whether its bytes were emptied (emptyUpload). */
export async function completeUploads(
  db: Queryable,
  sha256s: readonly string[],
): Promise<Map<string, { emptied: boolean }>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.query<{ sha256: string; emptied: boolean }>(
    'select sha256, emptied_at is not null as emptied from uploads where sha256 = any($1::text[]) and complete',
    [[...new Set(sha256s)]],
  );
  return new Map(rows.map((r) => [r.sha256, { emptied: r.emptied }]));
}

/**
 * Drops a complete upload's bytes but keeps it complete: a sealed photo once opened into its plain
 * upload. A device declaring it again learns it is done and sends nothing.
 */
export async function emptyUpload(db: Database, sha256: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      'update uploads set emptied_at = now() where sha256 = $1 and complete returning id',
      [sha256],
    );
    if (row) await tx.query('delete from upload_chunks where upload_id = $1', [row.id]);
  });
}

/** Forgets an upload altogether (its chunks go with it), so that the next declaration starts from 0. */
export async function discardUpload(db: Queryable, sha256: string): Promise<void> {
  await db.query('delete from uploads where sha256 = $1', [sha256]);
}

/** An incomplete upload that made no progress for this long is deleted (a device resumes within days). */
export const INCOMPLETE_UPLOAD_TTL_DAYS = 7;

/** Deletes incomplete uploads without progress for INCOMPLETE_UPLOAD_TTL_DAYS, with their chunks. */
export async function expireUploads(db: Queryable): Promise<{ uploads: number; bytes: number }> {
  const [row] = await db.query<{ uploads: number; bytes: string }>(
    `with gone as (
       delete from uploads where not complete and updated_at < now() - make_interval(days => $1)
       returning received
     )
     select count(*)::int as uploads, coalesce(sum(received), 0)::text as bytes from gone`,
    [INCOMPLETE_UPLOAD_TTL_DAYS],
  );
  return { uploads: row?.uploads ?? 0, bytes: Number(row?.bytes ?? 0) };
}

/**
 * Stores a whole file the server already holds in memory (an imported export, an opened sealed box)
 * through the same path as a device's upload: declared, appended in chunks at the acknowledged offset,
 * the last chunk verifying the whole file against its hash and type. 'skipped' leaves the file
 * missing (its records answer missing-attachments): a declaration under this hash with another type
 * or size, bytes that do not match, or a file above the limit of its type.
 */
export async function storeWholeUpload(
  db: Database,
  sha256: string,
  type: UploadType,
  bytes: Uint8Array,
): Promise<'stored' | 'present' | 'skipped'> {
  if (exceedsUploadLimit(type, bytes.length)) return 'skipped';
  const declared = await declareUpload(db, sha256, type, bytes.length);
  if (declared.kind !== 'ok') return 'skipped';
  if (declared.state.complete) return 'present';
  let offset = declared.state.received;
  // Each round either moves forward or learns the offset another sender (the device itself) reached.
  for (let round = 0; round < 2 * Math.ceil(bytes.length / MAX_CHUNK_BYTES) + 4; round++) {
    const result = await appendChunk(
      db,
      sha256,
      offset,
      bytes.subarray(offset, Math.min(bytes.length, offset + MAX_CHUNK_BYTES)),
    );
    if (result.kind === 'not_found') return 'skipped';
    if (result.state.complete) return 'stored';
    if (
      result.kind === 'hash_mismatch' ||
      result.kind === 'type_mismatch' ||
      result.kind === 'exceeds_size' ||
      result.kind === 'chunk_too_small'
    )
      return 'skipped';
    offset = result.state.received;
  }
  return 'skipped';
}

/**
 * The type and size of each complete upload among `sha256s`. The type is the one its first bytes were
 * checked against when it completed (finish), so a record naming the file as another type names it
 * wrongly: a PDF sent as "ktp.jpg, image/jpeg" must not reach an officer as a photo.
 */
export async function completeUploadTypes(
  db: Queryable,
  sha256s: readonly string[],
): Promise<Map<string, { type: UploadType; size: number }>> {
  if (sha256s.length === 0) return new Map();
  const rows = await db.query<{ sha256: string; type: UploadType; size: number | string }>(
    'select sha256, type, size from uploads where sha256 = any($1::text[]) and complete',
    [[...new Set(sha256s)]],
  );
  return new Map(rows.map((r) => [r.sha256, { type: r.type, size: Number(r.size) }]));
}
