// Writes what a status change owes the resident into the notification outbox, inside the change's own
// transaction (0023_notification_outbox.sql): a push for every device that follows the record, and
// an SMS or WhatsApp text when the resident gave a phone number and chose that channel. The worker
// (worker.ts) sends them after the commit; a rollback takes them away with the change.
import { EventEmitter } from 'node:events';
import type { StatusChange } from '../../domain/backoffice/application-status.ts';
import {
  clip,
  DEFAULT_NOTIFY_CHANNEL,
  NOTICE_MESSAGE_MAX,
  NOTIFY_CHANNEL_KEY,
  type Notice,
  NotifyChannel,
  noticeEventOf,
} from '../../domain/notifications/notice.ts';
import type { Database, Queryable } from '../storage/db.ts';

type Target = { kind: 'application' | 'complaint'; id: string };

/** Inserts one outbox row per channel (and device); a row already written for this change stays as it is. */
async function queue(tx: Queryable, target: Target, change: string, notice: Notice, channels: string[]) {
  const base = `${target.kind}:${target.id}:${change}`;
  await tx.query(
    `insert into notification_outbox (dedupe_key, target_kind, target_id, tracking_number, channel, subscription_id, event, payload)
     select $1 || ':push:' || s.id, $2, $3::uuid, $4, 'push', s.id, $5, $6::jsonb
       from push_subscriptions s where s.target_kind = $2 and s.target_id = $3::uuid
     on conflict (dedupe_key) do nothing`,
    [base, target.kind, target.id, notice.trackingNumber, notice.event, JSON.stringify(notice)],
  );
  for (const channel of channels) {
    await tx.query(
      `insert into notification_outbox (dedupe_key, target_kind, target_id, tracking_number, channel, event, payload)
       values ($1, $2, $3::uuid, $4, $5, $6, $7::jsonb) on conflict (dedupe_key) do nothing`,
      [
        `${base}:${channel}`,
        target.kind,
        target.id,
        notice.trackingNumber,
        channel,
        notice.event,
        JSON.stringify(notice),
      ],
    );
  }
}

/** The text channel the resident chose on the form, if they gave a phone number (any answer the form's phone field holds). */
export function chosenTextChannel(answers: Record<string, unknown>, hasPhone: boolean): 'sms' | 'whatsapp' | null {
  if (!hasPhone) return null;
  const chosen = NotifyChannel.safeParse(answers[NOTIFY_CHANNEL_KEY]);
  const channel = chosen.success ? chosen.data : DEFAULT_NOTIFY_CHANNEL;
  return channel === 'none' ? null : channel;
}

/**
 * Called inside updateApplication's transaction, after the row changed: the notices the new state
 * owes (needs-correction, ready, completed, rejected; the others wait for the app). `seq` (the
 * change's replication number) names the change, so a retried transaction writes the same rows.
 */
export async function queueApplicationNotices(tx: Queryable, id: string, change: StatusChange): Promise<void> {
  const event = noticeEventOf(change.status);
  if (!event) return;
  const [row] = await tx.query<{
    tracking_number: string;
    service_id: string;
    service_name: string | null;
    seq: string;
    answers: Record<string, unknown>;
    has_phone: boolean;
  }>(
    `select a.tracking_number, a.service_id, s.doc->'name'->>'id' as service_name, a.seq::text, a.answers,
            exists (select 1 from jsonb_array_elements(coalesce(s.doc->'form'->'fields', '[]'::jsonb)) f
                     where f->>'kind' = 'phone' and coalesce(a.answers->>(f->>'key'), '') <> '') as has_phone
       from applications a
       left join catalogue_docs s on s.collection = 'services' and s.id = a.service_id
      where a.id = $1::uuid`,
    [id],
  );
  if (!row) return;
  const notice: Notice = {
    event,
    trackingNumber: row.tracking_number,
    serviceId: row.service_id,
    ...(row.service_name ? { serviceName: clip(row.service_name, 200) } : {}),
    ...((event === 'needs-correction' || event === 'rejected') && change.message
      ? { message: clip(change.message, NOTICE_MESSAGE_MAX) }
      : {}),
    ...(event === 'ready' && change.pickup ? { pickup: change.pickup } : {}),
    url: `/permohonan/${id}`,
  };
  const text = chosenTextChannel(row.answers, row.has_phone);
  await queue(tx, { kind: 'application', id }, row.seq, notice, text ? [text] : []);
}

/** Called inside answerComplaint's transaction: a push to the devices that follow the complaint. */
export async function queueComplaintNotice(tx: Queryable, id: string): Promise<void> {
  const [row] = await tx.query<{ tracking_number: string; seq: string }>(
    'select tracking_number, seq::text from complaints where id = $1::uuid',
    [id],
  );
  if (!row) return;
  const notice: Notice = { event: 'complaint-answered', trackingNumber: row.tracking_number, url: '/pengaduan' };
  await queue(tx, { kind: 'complaint', id }, row.seq, notice, []);
}

const wakers = new WeakMap<Database, EventEmitter>();

/** The worker listens here to send at once after a commit instead of at its next poll. */
export function noticeWaker(db: Database): EventEmitter {
  let known = wakers.get(db);
  if (!known) {
    known = new EventEmitter();
    wakers.set(db, known);
  }
  return known;
}

/** After the commit that queued notices: the worker starts on them now. */
export const wakeNotifier = (db: Database): void => void noticeWaker(db).emit('wake');
