// What the resident is told when the office moves their application or answers their complaint, with
// the app closed: the notice (the same for a push and a text message) and its words. A notice holds
// the tracking number, the service and the new state, with the office's message or pickup place and
// time where there is one — never a NIK, a name or a phone number.
import { z } from 'zod';
import { formatDate, type Lang } from '../format.ts';
import { type ApplicationStatus, Pickup } from '../submissions/submission.ts';
import { Slug } from '../text.ts';
import { clockTime, wibClock } from '../time/wib.ts';

/** The form answer where the resident chooses how texts reach them (next to the phone field). */
export const NOTIFY_CHANNEL_KEY = 'notifyChannel';
export const NotifyChannel = z.enum(['sms', 'whatsapp', 'none']);
export type NotifyChannel = z.infer<typeof NotifyChannel>;
/** A phone number given without a choice (forms made before the choice existed) gets SMS: every phone takes it. */
export const DEFAULT_NOTIFY_CHANNEL: NotifyChannel = 'sms';

export const NoticeEvent = z.enum(['needs-correction', 'ready', 'completed', 'rejected', 'complaint-answered']);
export type NoticeEvent = z.infer<typeof NoticeEvent>;

/** The office's message as carried by a notice: long enough for a reason, short enough for a push payload (4 KB). */
export const NOTICE_MESSAGE_MAX = 500;

export const Notice = z.object({
  event: NoticeEvent,
  trackingNumber: z.string().min(1).max(20),
  serviceId: Slug.optional(),
  /** The service's name in Bahasa Indonesia (catalogue text, never personal). */
  serviceName: z.string().max(200).optional(),
  /** needs-correction: what to correct; rejected: the reason. */
  message: z.string().max(NOTICE_MESSAGE_MAX).optional(),
  /** ready: where and from when to collect. */
  pickup: Pickup.optional(),
  /** The app's page that shows the record (same origin), opened when the notification is tapped. */
  url: z.string().regex(/^\/[A-Za-z0-9/_-]*$/, 'an app path'),
});
export type Notice = z.infer<typeof Notice>;

/** The status changes a resident must hear of; the others (verifying, processing) wait for the app. */
export function noticeEventOf(status: ApplicationStatus): NoticeEvent | null {
  switch (status) {
    case 'needs-correction':
    case 'ready':
    case 'completed':
    case 'rejected':
      return status;
    default:
      return null;
  }
}

export const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** "22 November 2026 pukul 09:00 WIB": a pickup time to the minute, in WIB. */
export function formatPickupTime(from: string, lang: Lang): string {
  const at = clockTime(wibClock(new Date(from)).minutes);
  return lang === 'id' ? `${formatDate(from, lang)} pukul ${at} WIB` : `${formatDate(from, lang)} at ${at} WIB`;
}

/** Place names in a text message are cut short: an SMS is read on a small screen and billed by length. */
const SMS_PLACE_MAX = 80;

/**
 * The SMS or WhatsApp text: short Bahasa Indonesia with the tracking number. It carries no free text
 * of the office (a message may name the resident, and a text passes through the gateway in the
 * clear): the resident reads the office's words in the app or at /lacak. The pickup place and time
 * are the office's own facts and go in.
 */
export function textMessage(notice: Notice): string {
  const what = notice.serviceName ? ` (${clip(notice.serviceName, 40)})` : '';
  const subject = `Permohonan ${notice.trackingNumber}${what}`;
  switch (notice.event) {
    case 'needs-correction':
      return `Nusa Layan: ${subject} perlu perbaikan. Buka aplikasi Nusa Layan untuk membaca pesan petugas dan memperbaikinya.`;
    case 'ready': {
      const where = notice.pickup
        ? ` di ${clip(notice.pickup.place, SMS_PLACE_MAX)} mulai ${formatPickupTime(notice.pickup.from, 'id')}`
        : '';
      return `Nusa Layan: ${subject} siap diambil${where}. Bawa nomor permohonan ini.`;
    }
    case 'completed':
      return `Nusa Layan: ${subject} sudah selesai. Terima kasih.`;
    case 'rejected':
      return `Nusa Layan: ${subject} ditolak. Buka aplikasi Nusa Layan atau hubungi kantor layanan untuk alasannya.`;
    case 'complaint-answered':
      return `Nusa Layan: Pengaduan ${notice.trackingNumber} sudah dijawab petugas. Buka aplikasi Nusa Layan untuk membacanya.`;
  }
}

const TITLES: Record<NoticeEvent, Record<Lang, string>> = {
  'needs-correction': { id: 'Permohonan perlu perbaikan', en: 'Application needs correction' },
  ready: { id: 'Permohonan siap diambil', en: 'Application ready for pickup' },
  completed: { id: 'Permohonan selesai', en: 'Application completed' },
  rejected: { id: 'Permohonan ditolak', en: 'Application rejected' },
  'complaint-answered': { id: 'Pengaduan dijawab', en: 'Complaint answered' },
};

/**
 * The notification the service worker shows: the state as its title; the tracking number, the
 * service and the office's words (end-to-end encrypted to the resident's own device) as its body.
 */
export function pushNotificationText(notice: Notice, lang: Lang): { title: string; body: string } {
  const lines = [notice.serviceName ? `${notice.trackingNumber} · ${notice.serviceName}` : notice.trackingNumber];
  if (notice.message) lines.push(notice.message);
  if (notice.pickup) {
    const at = formatPickupTime(notice.pickup.from, lang);
    lines.push(lang === 'id' ? `${notice.pickup.place}, mulai ${at}` : `${notice.pickup.place}, from ${at}`);
  }
  return { title: TITLES[notice.event][lang], body: lines.join('\n') };
}

/**
 * For the administrator: a message the server gave up on (failed), or one still retried after a
 * failure (pending with an error). The error is a short code (http_503, timeout, no_phone…), never
 * the number or the text.
 */
export const TroubledNotice = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  targetKind: z.enum(['application', 'complaint']),
  channel: z.enum(['push', 'sms', 'whatsapp']),
  event: z.string(),
  state: z.enum(['failed', 'pending']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  /** A text's number, masked (+62812•••••890): enough to see a wrong one, not enough to reuse. */
  phone: z.string().nullable(),
});
export type TroubledNotice = z.infer<typeof TroubledNotice>;

/** `+62812•••••890`: the operator prefix and the last three digits of a normalized (+62…) number. */
export function maskPhone(number: string): string {
  const digits = number.replace(/^\+62/, '');
  if (digits.length <= 6) return `+62${'•'.repeat(digits.length)}`;
  return `+62${digits.slice(0, 3)}${'•'.repeat(digits.length - 6)}${digits.slice(-3)}`;
}
