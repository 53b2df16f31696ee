// The office queue as officers see it: the filters a route accepts and a walk-in entered at the
// counter. The list row and the full detail of an application are response shapes (api.ts).
import { z } from 'zod';
import { Channel } from '../catalogue/service.ts';
import { AnswerValue, AttachmentRef, DraftApplicant } from '../drafts/draft.ts';
import { ApplicationStatus } from '../submissions/submission.ts';
import { Slug, Text } from '../text.ts';

/** One value, or several (a query string repeats its key: `?status=received&status=verifying`). */
export const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1).max(20)]);

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
  trackingNumber: Text.max(20).optional(),
  limit: z.number().int().min(1).max(QUEUE_PAGE_MAX).optional(),
  /** `nextCursor` of the previous page. */
  cursor: Text.max(200).optional(),
});
export type QueueFilters = z.infer<typeof QueueFilters>;

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
