// Upload storage: declaring a content-addressed file, appending chunks at the acknowledged offset,
// verifying the whole file against its hash and type, and telling which files are still missing.
// Every function works on PGlite and PostgreSQL alike and keeps no state outside the database.
import {
  exceedsUploadLimit,
  MAX_CHUNK_BYTES,
  startsLikeType,
  UPLOAD_SIGNATURES,
  type UploadState,
  type UploadType,
} from '../../domain/uploads.ts';
import type { Database, Queryable } from '../storage/db.ts';

type StateRow = { sha256: string; type: UploadType; size: number; received: number; complete: boolean };

const STATE_COLUMNS = 'sha256, type, size, received, complete';

function toState(row: StateRow): UploadState {
  return {
    sha256: row.sha256,
    type: row.type,
    size: Number(row.size),
    received: Number(row.received),
    complete: row.complete,
  };
}

async function selectState(q: Queryable, sha256: string, lock = false): Promise<UploadState | null> {
  const [row] = await q.query<StateRow>(
    `select ${STATE_COLUMNS} from uploads where sha256 = $1${lock ? ' for update' : ''}`,
    [sha256],
  );
  return row ? toState(row) : null;
}

export type DeclareResult = { conflict: boolean; state: UploadState };

/**
 * Declares a file, or finds the one already declared under this hash: declaring again never resets
 * progress, so a device that lost the answer can simply ask again. `conflict` when the stored type
 * or size differ from the declaration.
 */
export async function declareUpload(
  db: Database,
  sha256: string,
  type: UploadType,
  size: number,
): Promise<DeclareResult> {
  await db.query('insert into uploads (sha256, type, size) values ($1, $2, $3) on conflict (sha256) do nothing', [
    sha256,
    type,
    size,
  ]);
  const state = await selectState(db, sha256);
  if (!state) throw new Error('upload vanished right after it was declared');
  return { conflict: state.type !== type || state.size !== size, state };
}

export async function getUpload(db: Database, sha256: string): Promise<UploadState | null> {
  return selectState(db, sha256);
}

export type AppendResult =
  | { kind: 'ok'; state: UploadState }
  | { kind: 'not_found' }
  | { kind: 'offset_mismatch' | 'exceeds_size' | 'hash_mismatch' | 'type_mismatch'; state: UploadState };

/**
 * Appends `chunk` at `offset` if, and only if, the server holds exactly `offset` bytes. The row lock
 * and the `received = offset` guard in one UPDATE make two senders of the same file unable to
 * interleave: one wins, the other learns the new offset. The last chunk verifies the file in the same
 * transaction, so no file is ever left whole but unverified. A complete file takes no more bytes and
 * answers with its state, so a device that lost the final acknowledgement can retry safely.
 */
export async function appendChunk(
  db: Database,
  sha256: string,
  offset: number,
  chunk: Uint8Array,
): Promise<AppendResult> {
  return db.transaction(async (tx) => {
    const state = await selectState(tx, sha256, true);
    if (!state) return { kind: 'not_found' };
    if (state.complete) return { kind: 'ok', state };
    if (state.received !== offset) return { kind: 'offset_mismatch', state };
    if (offset + chunk.length > state.size) return { kind: 'exceeds_size', state };
    // Refuse a wrong file at its first chunk rather than after the whole of it crossed a satellite link.
    if (offset === 0 && chunk.length >= UPLOAD_SIGNATURES[state.type].length && !startsLikeType(state.type, chunk))
      return { kind: 'type_mismatch', state };

    const [appended] = await tx.query<StateRow>(
      `update uploads set data = data || $3::bytea, received = received + $4
       where sha256 = $1 and received = $2 and not complete
       returning ${STATE_COLUMNS}`,
      [sha256, offset, chunk, chunk.length],
    );
    if (!appended) return { kind: 'offset_mismatch', state: (await selectState(tx, sha256)) ?? state };
    const next = toState(appended);
    return next.received === next.size ? finish(tx, next) : { kind: 'ok', state: next };
  });
}

/** Checks a whole file against its name and declared type; a bad one is emptied so the device sends it again from 0. */
async function finish(tx: Queryable, state: UploadState): Promise<AppendResult> {
  // Hashing in the database spares carrying up to 2 MB back to this process.
  const [check] = await tx.query<{ hash: string; head: Uint8Array }>(
    `select encode(sha256(data), 'hex') as hash, substring(data from 1 for 8) as head from uploads where sha256 = $1`,
    [state.sha256],
  );
  const problem =
    check?.hash !== state.sha256 ? 'hash_mismatch' : !startsLikeType(state.type, check.head) ? 'type_mismatch' : null;
  if (problem) {
    const [reset] = await tx.query<StateRow>(
      `update uploads set data = ''::bytea, received = 0 where sha256 = $1 returning ${STATE_COLUMNS}`,
      [state.sha256],
    );
    return { kind: problem, state: reset ? toState(reset) : { ...state, received: 0 } };
  }
  const [done] = await tx.query<StateRow>(
    `update uploads set complete = true, completed_at = now() where sha256 = $1 returning ${STATE_COLUMNS}`,
    [state.sha256],
  );
  return { kind: 'ok', state: done ? toState(done) : { ...state, complete: true } };
}

/** The stored bytes with the state, for verification and for the offices that read the file. */
export async function readUpload(db: Database, sha256: string): Promise<(UploadState & { data: Buffer }) | null> {
  const [row] = await db.query<StateRow & { data: Uint8Array }>(
    `select ${STATE_COLUMNS}, data from uploads where sha256 = $1`,
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
export async function emptyUpload(db: Queryable, sha256: string): Promise<void> {
  await db.query(`update uploads set data = ''::bytea, emptied_at = now() where sha256 = $1 and complete`, [sha256]);
}

/** Forgets an upload altogether, so that the next declaration starts from 0. */
export async function discardUpload(db: Queryable, sha256: string): Promise<void> {
  await db.query('delete from uploads where sha256 = $1', [sha256]);
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
  if (declared.conflict) return 'skipped';
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
    if (result.kind === 'hash_mismatch' || result.kind === 'type_mismatch' || result.kind === 'exceeds_size')
      return 'skipped';
    offset = result.state.received;
  }
  return 'skipped';
}
