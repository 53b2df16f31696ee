// The field officer's own small IndexedDB database (`nusalayan-field`): who is signed in on this
// tablet (account id, PIN validity, the data key wrapped by the PIN, the bearer token sealed under the
// data key, wrong-PIN count), the residents of this trip (only as AES-GCM ciphertext under the data
// key) and the ids of the drafts started here (ids only, so a sign-out can remove them even when the
// data key is gone). Deleted as a whole at sign-out.
import { Dexie, type EntityTable } from 'dexie';
import type { Sealed, WrappedKey } from './vault.ts';

export const FIELD_DATABASE_NAME = 'nusalayan-field';

export type OfficerRow = {
  id: 'officer';
  accountId: string;
  pinValidityDays: number;
  /** Device time of the last online sign-in: the PIN unlocks until signedInAt + pinValidityDays. */
  signedInAt: number;
  /** Wrong PINs in a row. */
  failures: number;
  /** Absent once locked (five wrong PINs): without it nothing sealed here can be read. */
  wrappedKey?: WrappedKey;
  /** `{ token, name }` sealed under the data key. */
  secret?: Sealed;
};

/** A resident of this trip: `{ name, nik, village, applications }` sealed under the data key. */
export type ResidentRow = { id: string; sealed: Sealed; createdAt: number };

/** A draft started on this tablet for a resident (its id only). */
export type FieldDraftRow = { draftId: string; createdAt: number };

export type FieldDatabase = Dexie & {
  officer: EntityTable<OfficerRow, 'id'>;
  residents: EntityTable<ResidentRow, 'id'>;
  drafts: EntityTable<FieldDraftRow, 'draftId'>;
};

let db: FieldDatabase | undefined;

export function fieldDatabase(): FieldDatabase {
  if (!db) {
    const created = new Dexie(FIELD_DATABASE_NAME) as FieldDatabase;
    created.version(1).stores({ officer: 'id', residents: 'id, createdAt', drafts: 'draftId' });
    db = created;
  }
  return db;
}

/** Whether the database exists, without creating it (a signed-out tablet has none). */
export async function fieldDatabaseExists(): Promise<boolean> {
  return db !== undefined || Dexie.exists(FIELD_DATABASE_NAME);
}

/** Closes and deletes the whole database (sign-out, revoked account). */
export async function deleteFieldDatabase(): Promise<void> {
  const open = db;
  db = undefined;
  open?.close();
  await Dexie.delete(FIELD_DATABASE_NAME);
}
