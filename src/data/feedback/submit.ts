// "Kirim" for a complaint or a survey response: one durable write puts it in the outbox (its own
// kind), then delivery is asked for exactly as for an application — the same drain, lock, backoff
// and quarantine. A complaint carries this device's key hash, so the office's answers come back.
import { liveQuery } from 'dexie';
import { Observable } from 'rxjs';
import { Complaint, type ComplaintInput } from '../../domain/feedback/complaint.ts';
import { SurveyResponse } from '../../domain/feedback/skm.ts';
import { sha256Hex } from '../attachments/hash.ts';
import { assertPlainFiles } from '../attachments/store.ts';
import { deviceKey, randomHex } from '../outbox/device-key.ts';
import { type ComplaintOutboxEntry, outboxDatabase, type SurveyOutboxEntry } from '../outbox/outbox-db.ts';
import { requestDelivery } from '../outbox/submit.ts';

/** Queues a complaint once under its id (a second tap, another tab: nothing more). */
export async function submitComplaint(input: Omit<ComplaintInput, 'secretHash' | 'deviceKeyHash'>): Promise<void> {
  const db = outboxDatabase();
  if (await db.entries.get(input.id)) return;
  if (input.photo) await assertPlainFiles([input.photo.sha256]);
  const secret = randomHex();
  const record = Complaint.parse({
    ...input,
    secretHash: await sha256Hex(secret),
    deviceKeyHash: await sha256Hex((await deviceKey())!),
  });
  const now = Date.now();
  await db.transaction('rw', db.entries, async () => {
    if (await db.entries.get(record.id)) return;
    await db.entries.add({
      kind: 'complaint',
      id: record.id,
      record,
      secret,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      queuedAt: now,
      updatedAt: now,
    });
  });
  // Written durably above: the screen may move on while delivery is asked for.
  void requestDelivery().catch(() => undefined);
}

/**
 * Queues a survey response once; for an application, once per application on this device (the
 * server keeps one per application across devices as well). Returns false when one was already
 * queued for that application.
 */
export async function submitSurvey(input: Omit<SurveyResponse, 'deviceKeyHash'>): Promise<boolean> {
  // The device's key hash: a response without an application counts once per device, office and month.
  const record = SurveyResponse.parse({ ...input, deviceKeyHash: await sha256Hex((await deviceKey())!) });
  const db = outboxDatabase();
  const now = Date.now();
  const added = await db.transaction('rw', db.entries, async () => {
    if (await db.entries.get(record.id)) return false;
    if (
      record.applicationId &&
      (await db.entries.filter((e) => e.kind === 'survey' && e.record.applicationId === record.applicationId).count()) >
        0
    )
      return false;
    await db.entries.add({
      kind: 'survey',
      id: record.id,
      record,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      queuedAt: now,
      updatedAt: now,
    });
    return true;
  });
  if (added) await requestDelivery();
  return added;
}

const live = <T>(query: () => Promise<T>): Observable<T> =>
  new Observable((subscriber) => liveQuery(query).subscribe(subscriber));

/** This device's complaints in the outbox, newest first. */
export const complaintEntries$ = (): Observable<ComplaintOutboxEntry[]> =>
  live(async () =>
    (await outboxDatabase().entries.toArray())
      .filter((e): e is ComplaintOutboxEntry => e.kind === 'complaint')
      .sort((a, b) => b.queuedAt - a.queuedAt),
  );

/** This device's survey responses in the outbox. */
export const surveyEntries$ = (): Observable<SurveyOutboxEntry[]> =>
  live(async () =>
    (await outboxDatabase().entries.toArray()).filter((e): e is SurveyOutboxEntry => e.kind === 'survey'),
  );

/** A complaint the server refused, taken back by the resident: it leaves the outbox (nothing was stored). */
export async function discardComplaint(id: string): Promise<void> {
  const db = outboxDatabase();
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(id);
    if (entry?.kind === 'complaint' && (entry.state === 'rejected' || entry.state === 'quarantined'))
      await db.entries.delete(id);
  });
}
