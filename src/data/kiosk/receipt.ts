// What the kiosk receipt shows: the tracking number once the server gave it, before that a
// provisional code — the application id's short form (its last 8 hex digits, as the outbox panel
// names applications) — and the /lacak address the QR code points to. The server learns the
// provisional code with the sealed box (the id is inside it), so once the application is delivered
// /lacak answers the code too: the QR holds it from the start.
import { provisionalCode } from '../../domain/submissions/tracking-number.ts';
import type { OutboxEntry, SealedOutboxEntry } from '../outbox/outbox-db.ts';
import type { KioskReceiptRow } from './kiosk-db.ts';

export { provisionalCode };

export function receiptCode(
  applicationId: string,
  trackingNumber: string | undefined,
): { code: string; provisional: boolean } {
  return trackingNumber
    ? { code: trackingNumber, provisional: false }
    : { code: provisionalCode(applicationId), provisional: true };
}

export const trackPath = (code: string): string => `/lacak?nomor=${encodeURIComponent(code)}`;

/** Where the receipt's QR code leads: /lacak with the code the receipt shows, provisional or not. */
export const receiptQrPath = (applicationId: string, trackingNumber: string | undefined): string =>
  trackPath(receiptCode(applicationId, trackingNumber).code);

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
