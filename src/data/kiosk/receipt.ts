// What the kiosk receipt shows: the tracking number once the server gave it, before that a
// provisional code — the application id's short form (its last 8 hex digits, as the outbox panel
// names applications) — and the /lacak address the QR code points to. The server never sees the
// provisional code, so a QR holding it would look up a number that does not exist: until the
// tracking number is known the QR opens the tracking page, and the printed text says what to enter.
import type { OutboxEntry, SealedOutboxEntry } from '../outbox/outbox-db.ts';
import type { KioskReceiptRow } from './kiosk-db.ts';

export function provisionalCode(applicationId: string): string {
  const tail = applicationId.replaceAll('-', '').slice(-8).toUpperCase();
  return `${tail.slice(0, 4)}-${tail.slice(4)}`;
}

export function receiptCode(
  applicationId: string,
  trackingNumber: string | undefined,
): { code: string; provisional: boolean } {
  return trackingNumber
    ? { code: trackingNumber, provisional: false }
    : { code: provisionalCode(applicationId), provisional: true };
}

export const trackPath = (code: string): string => `/lacak?nomor=${encodeURIComponent(code)}`;

/** Where the receipt's QR code leads: the application's tracking page once numbered, else the empty form. */
export const receiptQrPath = (trackingNumber: string | undefined): string =>
  trackingNumber ? trackPath(trackingNumber) : '/lacak';

/** How long the staff can still look a provisional code up after its application was delivered. */
export const RECEIPT_KEEP_MS = 60 * 24 * 60 * 60_000;

/** The receipts delivered entries yield: those the server numbered, by their provisional code. */
export function receiptsOf(delivered: ReadonlyArray<OutboxEntry | SealedOutboxEntry>): KioskReceiptRow[] {
  return delivered.flatMap((e) =>
    e.result?.status === 'accepted'
      ? [
          {
            code: provisionalCode(e.id),
            trackingNumber: e.result.trackingNumber,
            serviceId: e.kind === 'sealed' ? e.serviceId : e.record.serviceId,
            deliveredAt: e.updatedAt,
          },
        ]
      : [],
  );
}
