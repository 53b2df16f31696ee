// The office queue as officers see it: the filters a route accepts, a list row (masked personal data
// only), the full detail of one application, and a walk-in entered at the counter.
import { z } from 'zod';
import { Channel, type CompletionTime } from '../catalogue/service.ts';
import { AnswerValue, AttachmentRef, DraftApplicant } from '../drafts/draft.ts';
import { ApplicationStatus } from '../submissions/submission.ts';
import { Slug } from '../text.ts';

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1).max(20)]);

export const QUEUE_PAGE_DEFAULT = 50;
export const QUEUE_PAGE_MAX = 200;

export const QueueFilters = z.object({
  officeId: oneOrMany(Slug).optional(),
  service: oneOrMany(Slug).optional(),
  status: oneOrMany(ApplicationStatus).optional(),
  channel: oneOrMany(Channel).optional(),
  /** An island code (idn-area-data), matched against the handling office's island. */
  island: z
    .string()
    .regex(/^\d{2}\.\d{2}\.\d{5}$/)
    .optional(),
  /** Open applications past the due time of their standard (true), or all but those (false). */
  overdue: z.boolean().optional(),
  /** As typed: case, spaces and look-alike letters are forgiven. */
  trackingNumber: z.string().max(20).optional(),
  limit: z.number().int().min(1).max(QUEUE_PAGE_MAX).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(200).optional(),
});
export type QueueFilters = z.infer<typeof QueueFilters>;

/** One application in a list: enough to pick it, nothing that identifies the person. */
export type QueueRow = {
  id: string;
  trackingNumber: string;
  serviceId: string;
  officeId: string | null;
  channel: Channel;
  status: ApplicationStatus;
  /** Initials only, e.g. "S. A."; null when the application names nobody. */
  applicantInitials: string | null;
  /** The first NIK of the form, masked ("3529••••••••0003"); null when none was asked for. */
  nikMasked: string | null;
  receivedAt: string;
  updatedAt: string;
  /** Null when the standard's completion time is unknown. */
  dueAt: string | null;
  /** Still open (not completed or rejected) and past `dueAt`. */
  overdue: boolean;
};

export type QueuePage = { rows: QueueRow[]; nextCursor: string | null };

export type HistoryEvent = {
  id: number;
  at: string;
  actorAccountId: string | null;
  /** An account's role, or "resident" for a corrected resubmission. */
  actorRole: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  message: string | null;
  pickup: { place: string; from: string } | null;
};

/** Everything an officer of the handling office may read about one application. */
export type ApplicationDetail = QueueRow & {
  formVersion: number;
  applicant: z.infer<typeof DraftApplicant>;
  answers: Record<string, AnswerValue>;
  attachments: Array<{ field: string } & AttachmentRef>;
  message: string | null;
  pickup: { place: string; from: string } | null;
  completedAt: string | null;
  completionTime: CompletionTime | null;
  /** The field officer whose registered device signed the application (channel 'field' only). */
  collectedBy?: { accountId: string; name: string };
  history: HistoryEvent[];
};

/** What a counter officer enters for a walk-in resident (the id, channel and office are the server's). */
export const WalkInInput = z.object({
  serviceId: Slug,
  formVersion: z.number().int().positive(),
  applicant: DraftApplicant,
  answers: z.record(z.string(), AnswerValue),
  attachments: z.record(z.string(), z.array(AttachmentRef)),
  /** The resident agreed, at the counter, to the processing of their data. */
  consent: z.literal(true),
});
export type WalkInInput = z.infer<typeof WalkInInput>;
