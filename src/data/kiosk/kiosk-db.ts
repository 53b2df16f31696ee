// The kiosk's own small IndexedDB database (never localStorage): the enrolled device (its bearer
// token, office and the staff PIN's PBKDF2 hash and lockout), the drafts of the resident now at
// the screen, so a session cut off by a crash or a reload is still wiped at the next start, and the
// receipts of delivered applications (provisional code → tracking number) for the staff.
import { Dexie, type EntityTable } from 'dexie';
import type { PinHash, PinLock } from './pin.ts';

export const KIOSK_DATABASE_NAME = 'nusalayan-kiosk';

export type KioskDevice = {
  id: 'device';
  /** The one-time `nlk_…` bearer token the administrator gave for this tablet. */
  token: string;
  accountId: string;
  name: string;
  officeId: string;
  pin: PinHash;
  lock: PinLock;
  enrolledAt: number;
};

/** A draft created in the current resident's session (removed by the wipe). */
export type SessionDraft = { draftId: string; createdAt: number };

/** Small values: `lastDelivery` (device ms), when a kiosk application was last confirmed by the server. */
export type KioskMeta = { id: string; value: number };

/**
 * A delivered application's receipt: the provisional code printed while offline and the tracking
 * number the server gave later, so the staff can tell a resident who brings the code. Nothing
 * personal: a tracking number shows only a state, never the content or the applicant.
 */
export type KioskReceiptRow = { code: string; trackingNumber: string; serviceId: string; deliveredAt: number };

export type KioskDatabase = Dexie & {
  device: EntityTable<KioskDevice, 'id'>;
  sessionDrafts: EntityTable<SessionDraft, 'draftId'>;
  meta: EntityTable<KioskMeta, 'id'>;
  receipts: EntityTable<KioskReceiptRow, 'code'>;
};

let db: KioskDatabase | undefined;

export function kioskDatabase(): KioskDatabase {
  if (!db) {
    const created = new Dexie(KIOSK_DATABASE_NAME) as KioskDatabase;
    created.version(1).stores({ device: 'id', sessionDrafts: 'draftId', meta: 'id' });
    created.version(2).stores({ device: 'id', sessionDrafts: 'draftId', meta: 'id', receipts: 'code, deliveredAt' });
    db = created;
  }
  return db;
}
