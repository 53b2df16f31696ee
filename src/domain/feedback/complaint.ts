// A complaint (pengaduan) as a device files it, offline like an application: a device-made UUIDv7
// is the idempotency key (the same id always gets the same tracking number), the photo travels
// before it as a content-addressed upload, and the device pulls the office's answers back.
//
// Privacy, chosen by the resident:
//   public        the complainant's name (and phone) are shown to the officers handling it;
//   confidential  stored, but shown only to administrators (officers see that it is withheld);
//   anonymous     no complainant is stored at all (whatever the device sent is dropped).
//
// Target times (after PermenPANRB 62/2018 / SP4N-LAPOR!, in working days, counted like a service
// standard's working days: Mon–Fri WIB except the administrator's holiday calendar, the day of
// receipt not counted; see complaintDueAt):
//   information      5   a question or a simple administrative matter
//   service-quality  14  delays, refusals, cost, procedure, facilities (the default)
//   misconduct       60  needs an inspection: extortion (pungli), abuse of authority
// A complaint is overdue when it is not closed by then.
import { z } from 'zod';
import { Channel } from '../catalogue/service.ts';
import { AttachmentRef, Sha256 } from '../drafts/draft.ts';
import { RecordEnvelope, TrackingNumber } from '../submissions/submission.ts';
import { Instant, Slug, Text } from '../text.ts';
import { baseDueAt, type WorkingCalendar } from '../time/service-clock.ts';

export const ComplaintCategory = z.enum(['information', 'service-quality', 'misconduct']);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

/** Working days to close a complaint of each category (see above). */
export const COMPLAINT_TARGET_WORKING_DAYS: Record<ComplaintCategory, number> = {
  information: 5,
  'service-quality': 14,
  misconduct: 60,
};

/**
 * When a complaint of `category` whose clock started at `start` (its receipt, or its reopening) is
 * due: at the end (24:00 WIB) of the category's Nth working day after that day, by the same rule and
 * holiday calendar as a service standard's working days. A reclassified complaint keeps its start.
 */
export function complaintDueAt(start: number, category: ComplaintCategory, cal: WorkingCalendar): number {
  return baseDueAt(start, { value: COMPLAINT_TARGET_WORKING_DAYS[category], unit: 'working-days' }, cal);
}

/**
 * How long after the office's last answer the resident may reopen the complaint: 14 calendar days,
 * a constant (the time SP4N-LAPOR! gives a reporter to follow up on a closed report is of that order;
 * an instance setting is not needed until a regency asks for another period).
 */
export const COMPLAINT_REOPEN_DAYS = 14;

/** Until when a complaint answered last at `lastAnswerAt` may be reopened (ms since the epoch). */
export const reopenableUntil = (lastAnswerAt: number): number => lastAnswerAt + COMPLAINT_REOPEN_DAYS * 86_400_000;

/** At most this many replies and reopenings by the resident per complaint: anonymous input is bounded. */
export const COMPLAINT_RESIDENT_MOVES_MAX = 20;

export const ComplaintAbout = z.discriminatedUnion('kind', [
  /** A service; `officeId` when the resident knows which office (else the service's first). */
  z.object({ kind: z.literal('service'), serviceId: Slug, officeId: Slug.optional() }),
  z.object({ kind: z.literal('office'), officeId: Slug }),
  /** An application, named by its tracking number (what the resident holds). */
  z.object({ kind: z.literal('application'), trackingNumber: TrackingNumber }),
]);
export type ComplaintAbout = z.infer<typeof ComplaintAbout>;

export const ComplaintPrivacy = z.enum(['public', 'confidential', 'anonymous']);
export type ComplaintPrivacy = z.infer<typeof ComplaintPrivacy>;

export const Complainant = z.object({
  name: Text.trim().min(1).max(120),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'phone number')
    .optional(),
});
export type Complainant = z.infer<typeof Complainant>;

export const Complaint = z
  .object({
    id: z.uuid({ version: 'v7' }),
    about: ComplaintAbout,
    category: ComplaintCategory.default('service-quality'),
    /** What happened, in the resident's words. */
    what: Text.trim().min(1).max(4000),
    /** When it happened (a calendar date in WIB); not after the day it is received. */
    when: z.iso.date(),
    photo: AttachmentRef.optional(),
    privacy: ComplaintPrivacy,
    complainant: Complainant.optional(),
    channel: Channel,
    /** SHA-256 of a secret only the filing device knows. */
    secretHash: Sha256,
    /** SHA-256 of the filing device's key: the device pulls the answers with that key. */
    deviceKeyHash: Sha256.optional(),
  })
  .refine((c) => c.privacy === 'anonymous' || c.complainant !== undefined, {
    path: ['complainant'],
    message: 'complaint.complainant-required',
  });
export type Complaint = z.infer<typeof Complaint>;
export type ComplaintInput = z.input<typeof Complaint>;

/** Each record is checked on its own (see RecordEnvelope): one malformed complaint is rejected alone. */
export const ComplaintBatch = z.object({
  records: z.array(RecordEnvelope.describe('A Complaint, checked on its own')).min(1).max(100),
});

const FieldErrors = z.record(z.string(), z.object({ code: z.string() }));

/** As for applications: accepted with a tracking number, missing-attachments (upload, then resend), rejected. */
export const ComplaintResult = z.discriminatedUnion('status', [
  z.object({ id: z.uuid(), status: z.literal('accepted'), trackingNumber: TrackingNumber, receivedAt: Instant }),
  z.object({ id: z.uuid(), status: z.literal('missing-attachments'), sha256: z.array(Sha256).min(1) }),
  /** Codes: ComplaintRefusal. */
  z.object({ id: z.uuid(), status: z.literal('rejected'), errors: FieldErrors }),
]);
export type ComplaintResult = z.infer<typeof ComplaintResult>;

/** Why the server refuses a complaint it could read: the codes of a rejected result's errors. */
export type ComplaintRefusal =
  | 'complaint.service-unknown'
  | 'complaint.office-unknown'
  | 'complaint.application-unknown'
  | 'complaint.when-future'
  /** An anonymous record claiming a kiosk or the counter (issue 13). */
  | 'channel.unverified'
  /** The id is stored with another device's secret: nothing about it is told (issue 13). */
  | 'complaint.conflict'
  /** The photo is stored as another type or size than the record says (issue 13). */
  | 'document.mismatch'
  /** A field of the record, checked on its own: text PostgreSQL cannot store, or the wrong kind of value. */
  | 'text.invalid'
  | 'value.type';

export const ComplaintBatchResult = z.object({ results: z.array(ComplaintResult) });

export const ComplaintStatus = z.enum(['open', 'answered', 'closed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

export const ComplaintAnswer = z.object({ at: Instant, text: z.string().max(4000) });
export type ComplaintAnswer = z.infer<typeof ComplaintAnswer>;

/**
 * What happened to a complaint besides the office's answers, oldest first:
 *   reclassified  an officer changed its category (`fromCategory` → `category`), and so its `dueAt`;
 *   transferred   an office handed it to the office it concerns (`fromOfficeId` → `officeId`);
 *   replied       the resident answered back (`text`);
 *   reopened      the resident reopened it after an answer (`text`), with a new `dueAt`.
 * Flat optional fields rather than a union: the device stores them in an RxDB schema.
 */
export const ComplaintEventKind = z.enum(['reclassified', 'transferred', 'replied', 'reopened']);
export type ComplaintEventKind = z.infer<typeof ComplaintEventKind>;

export const ComplaintEvent = z.object({
  at: Instant,
  kind: ComplaintEventKind,
  fromCategory: ComplaintCategory.optional(),
  category: ComplaintCategory.optional(),
  fromOfficeId: z.string().optional(),
  officeId: z.string().optional(),
  dueAt: Instant.optional(),
  text: z.string().max(4000).optional(),
});
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;

/** What the filing device pulls back (RxDB pull, by the server's commit-ordered seq). */
/**
 * The resident answers the office back, or reopens the complaint (POST /api/complaints/:id/replies,
 * /api/complaints/:id/reopening), proven with the complaint's secret (whose hash the filing carried).
 */
export const ComplaintResidentBody = z.object({
  secret: z.string().regex(/^[0-9a-f]{64}$/, 'the complaint secret (64 hex digits)'),
  text: Text.trim().min(1).max(2000),
});
export type ComplaintResidentBody = z.infer<typeof ComplaintResidentBody>;

/** Why the server refuses a reply or a reopening (409), besides 404 for an unknown id or a wrong secret. */
export const ComplaintResidentRefusal = z.enum(['not_answered', 'closed', 'period_over', 'too_many']);
export type ComplaintResidentRefusal = z.infer<typeof ComplaintResidentRefusal>;

export const ComplaintResidentResult = z.object({ id: z.uuid(), status: ComplaintStatus, dueAt: Instant });

export const ComplaintUpdate = z.object({
  id: z.uuid(),
  trackingNumber: TrackingNumber,
  status: ComplaintStatus,
  /** The category the office handles it under (it may reclassify it). */
  category: ComplaintCategory,
  /** The office holding it now (it may have been transferred). */
  officeId: z.string(),
  answers: z.array(ComplaintAnswer),
  /** Reclassifications, transfers, the resident's replies and reopenings (a transfer's note is the offices' own). */
  history: z.array(ComplaintEvent),
  /** When the office should have closed it (the category's target time). */
  dueAt: Instant,
  receivedAt: Instant,
  updatedAt: Instant,
});
export type ComplaintUpdate = z.infer<typeof ComplaintUpdate>;
