// Drafts at rest on a field officer's tablet (issue 7, field officer point 3): a wrapper around the
// RxDB storage of the `drafts` collection that keeps a draft's personal part — the applicant, the
// answers (NIK, names, addresses) and the attachment refs — only as AES-GCM ciphertext under the
// officer's data key (field/at-rest.ts). Everything above the storage (queries, live updates, the
// form's autosave, "Kirim") sees plain drafts, so no screen changes. Without a field officer on the
// device the wrapper writes and reads drafts exactly as stored before.
//
// At rest a sealed draft keeps in the clear only what is not personal and what lists sort by (id,
// service, form version, consent, times, the applicant's kind), empty `answers` and `attachments`, and
// `sealed`: base64 of IV ‖ ciphertext of { applicant, answers, attachments }. Sealing below RxDB, not
// in drafts.ts, means no read path can forget to open a draft and no write path can forget to seal it.
//
// Reading a sealed draft needs the key in memory. Queries and reads by id fail with FieldLockedError
// without it: a locked tablet shows the PIN screen, and the photo collector (referencedAttachments)
// can never mistake an unreadable draft for one naming no photos. Change events must not fail (RxDB's
// stream would stop for good), so one seen while locked carries the draft as stored, still sealed;
// writing such a copy back is refused, so a locked view can never put blanks over the real answers.
// Tombstones keep nothing personal, sealed or not, so deleting a draft needs no key.
import {
  arrayBufferToBase64,
  base64ToArrayBuffer,
  getChangedDocumentsSince,
  type RxCollection,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  wrapRxStorageInstance,
} from 'rxdb';
import type { Draft } from '../../domain/drafts/draft.ts';
import { FieldLockedError, openingKey, sealingKey } from '../field/at-rest.ts';
import { sealBytes, unsealBytes } from '../field/vault.ts';

export const SEALED_COLLECTIONS: ReadonlySet<string> = new Set(['drafts']);

type Personal = Pick<Draft, 'applicant' | 'answers' | 'attachments'>;
/** A draft as the storage holds it: plain, or with its personal part in `sealed`. */
export type StoredDraft = RxDocumentData<Draft> & { sealed?: string };

const isSealed = (doc: { sealed?: unknown }): boolean => typeof doc.sealed === 'string';

/** The personal part emptied: what a sealed draft and every tombstone show in the clear. */
const blank = (doc: StoredDraft): Personal => ({
  applicant: { kind: doc.applicant?.kind ?? 'self' },
  answers: {},
  attachments: {},
});

/**
 * The stored form of a draft RxDB writes, sealed when a key is given. A copy still sealed (read while
 * locked) is already in its stored form and passes as it is — it only ever arrives as a write's
 * `previous`, which the storage compares by revision; as a new document it is refused earlier.
 */
export async function toStoredDraft(doc: StoredDraft, key: CryptoKey | null): Promise<StoredDraft> {
  if (doc._deleted) {
    const { sealed: _sealed, ...rest } = doc;
    return { ...rest, ...blank(doc) };
  }
  if (isSealed(doc) || !key) return doc;
  const personal: Personal = { applicant: doc.applicant, answers: doc.answers, attachments: doc.attachments };
  const bytes = await sealBytes(key, new TextEncoder().encode(JSON.stringify(personal)));
  return { ...doc, ...blank(doc), sealed: arrayBufferToBase64(bytes.buffer) };
}

/** The draft as RxDB reads it: opened with the key in memory; without it (or under another key) as stored. */
export async function fromStoredDraft(doc: StoredDraft, key: CryptoKey | null = openingKey()): Promise<StoredDraft> {
  if (!isSealed(doc) || !key) return doc;
  let personal: Personal;
  try {
    const plain = await unsealBytes(key, new Uint8Array(base64ToArrayBuffer(doc.sealed!)));
    personal = JSON.parse(new TextDecoder().decode(plain)) as Personal;
  } catch {
    return doc; // sealed under a key this page does not hold: as unreadable as while locked
  }
  const { sealed: _sealed, ...rest } = doc;
  return { ...rest, ...personal };
}

function allOpen<T extends { sealed?: unknown; _deleted?: boolean }>(docs: T[]): T[] {
  if (docs.some((d) => !d._deleted && isSealed(d))) throw new FieldLockedError();
  return docs;
}

/** The storage with the `drafts` collection sealed at rest; every other collection untouched. */
export function sealedDraftsStorage<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const instance = await storage.createStorageInstance<RxDocType>(params);
      if (!SEALED_COLLECTIONS.has(params.collectionName)) return instance;
      // Writes are sealed in bulkWrite below (one key for the whole batch); reads open through the wrapper.
      const wrapped = wrapRxStorageInstance<RxDocType>(
        params.schema,
        instance,
        (doc) => doc,
        (doc) => fromStoredDraft(doc as StoredDraft) as unknown as Promise<RxDocumentData<RxDocType>>,
      );
      const stored = (doc: unknown, key: CryptoKey | null) =>
        toStoredDraft(doc as StoredDraft, key) as unknown as Promise<RxDocumentData<RxDocType>>;
      const sealedInstance: RxStorageInstance<RxDocType, Internals, Options> = {
        ...wrapped,
        async bulkWrite(rows, context) {
          const writes = rows.filter((r) => !r.document._deleted);
          if (writes.some((r) => isSealed(r.document as { sealed?: unknown }))) throw new FieldLockedError();
          // Throws while an officer's tablet is locked: a draft is never written plain there. A
          // deletion needs no key (tombstones are blank).
          const key = writes.length ? await sealingKey() : openingKey();
          const storedRows = await Promise.all(
            rows.map(async (r) =>
              r.previous
                ? { previous: await stored(r.previous, key), document: await stored(r.document, key) }
                : { document: await stored(r.document, key) },
            ),
          );
          return wrapped.bulkWrite(storedRows, context);
        },
        query: async (prepared) => ({ documents: allOpen((await wrapped.query(prepared)).documents) }),
        findDocumentsById: async (ids, withDeleted) => allOpen(await wrapped.findDocumentsById(ids, withDeleted)),
      };
      return sealedInstance;
    },
  };
}

/**
 * Every draft as stored, deleted ones included, read below the locked reads (and below RxDB's query
 * cache, which keeps a query that once failed failed): what the wipe may look at without a key.
 */
export async function storedDrafts(collection: RxCollection<Draft>): Promise<StoredDraft[]> {
  // RxDB's own wrapper → this module's (sealedDraftsStorage) → the storage's: the stored form.
  type Layer = RxStorageInstance<StoredDraft, unknown, unknown> & { originalStorageInstance?: Layer };
  let raw = (collection.storageInstance as unknown as Layer).originalStorageInstance!;
  raw = raw.originalStorageInstance ?? raw;
  const all: StoredDraft[] = [];
  const PAGE = 200;
  for (let checkpoint: unknown; ; ) {
    const page = await getChangedDocumentsSince(raw, PAGE, checkpoint);
    all.push(...page.documents);
    if (page.documents.length < PAGE) return all;
    checkpoint = page.checkpoint;
  }
}

/** The drafts no key is needed for: not deleted, not sealed. */
export const plainDrafts = (stored: readonly StoredDraft[]): StoredDraft[] =>
  stored.filter((d) => !d._deleted && !isSealed(d));

/**
 * Deletes, without any key, every sealed draft plus the drafts named in `also`: for the sign-out wipe
 * and for a data key that is gone (five wrong PINs, a new PIN when the old one is forgotten) — what it
 * sealed can never be read again. Deletes through RxDB so that live queries see the deletions.
 * Answers how many drafts were deleted.
 */
export async function removeSealedDrafts(
  collection: RxCollection<Draft>,
  also: Iterable<string> = [],
): Promise<number> {
  const named = new Set(also);
  const doomed = (await storedDrafts(collection)).filter((d) => !d._deleted && (isSealed(d) || named.has(d.id)));
  if (!doomed.length) return 0;
  const result = await collection.storageInstance.bulkWrite(
    doomed.map((d) => ({ previous: d, document: { ...d, _deleted: true } })),
    'nusalayan-remove-sealed-drafts',
  );
  if (result.error.length) throw new Error(`${result.error.length} drafts changed while being removed`);
  return doomed.length;
}
