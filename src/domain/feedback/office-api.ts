// The back office's view of complaints and the SKM index (issue #8): request and response schemas of
// /api/office/complaints… and /api/office/skm…, shared by the server and the /petugas screens.
//
//   GET  /api/office/complaints?ComplaintListQuery          → ComplaintList (no complainant, no text)
//   GET  /api/office/complaints/:id                         → ComplaintDetail (audited)
//   POST /api/office/complaints/:id/answers  AnswerBody     → ComplaintDetail (audited; 409 closed)
//   POST /api/office/complaints/:id/category CategoryBody   → ComplaintDetail (audited; new due time)
//   POST /api/office/complaints/:id/transfer TransferBody   → TransferResult (audited; 400 unknown office)
//   GET  /api/office/skm?SkmQuery                           → SkmReport
//   GET  /api/office/skm.csv?SkmQuery                       → text/csv (attachment)
import { z } from 'zod';
import { Channel } from '../catalogue/service.ts';
import { AttachmentRef } from '../drafts/draft.ts';
import { TrackingNumber } from '../submissions/submission.ts';
import { Instant, Slug, Text } from '../text.ts';
import {
  Complainant,
  ComplaintAbout,
  ComplaintCategory,
  ComplaintEvent,
  ComplaintPrivacy,
  ComplaintStatus,
} from './complaint.ts';
import { SKM_ELEMENTS, type SkmElement } from './skm.ts';

export const ComplaintListQuery = z.object({
  status: ComplaintStatus.optional(),
  /** 'true': only those past their target time and not closed; 'false': only the others. */
  overdue: z.enum(['true', 'false']).optional(),
  officeId: Slug.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuery>;

export const ComplaintRow = z.object({
  id: z.uuid(),
  trackingNumber: TrackingNumber,
  officeId: z.string(),
  serviceId: z.string().nullable(),
  aboutKind: z.enum(['service', 'office', 'application']),
  category: ComplaintCategory,
  privacy: ComplaintPrivacy,
  status: ComplaintStatus,
  receivedAt: Instant,
  dueAt: Instant,
  overdue: z.boolean(),
  answers: z.number().int(),
});
export type ComplaintRow = z.infer<typeof ComplaintRow>;

export const ComplaintList = z.object({ rows: z.array(ComplaintRow) });

export const ComplaintParams = z.object({ id: z.uuid() });

export const ComplaintDetail = ComplaintRow.omit({ answers: true }).extend({
  about: ComplaintAbout,
  what: z.string(),
  when: z.iso.date(),
  photo: AttachmentRef.nullable(),
  channel: Channel,
  /** Null when anonymous (never stored) or withheld (confidential, for officers). */
  complainant: Complainant.nullable(),
  /** True when a complainant is stored but this account may not see it (confidential). */
  complainantWithheld: z.boolean(),
  closedAt: Instant.nullable(),
  answers: z.array(z.object({ at: Instant, text: z.string(), role: z.string() })),
  /** Reclassifications, transfers (with their note), the resident's replies and reopenings, oldest first. */
  history: z.array(ComplaintEvent.extend({ role: z.string() })),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetail>;

export const AnswerBody = z.object({ text: Text.trim().min(1).max(4000), close: z.boolean().optional() });
export type AnswerBody = z.infer<typeof AnswerBody>;

/** Reclassify: the new category; the due time is recomputed from the complaint's start. */
export const CategoryBody = z.object({ category: ComplaintCategory });
export type CategoryBody = z.infer<typeof CategoryBody>;

/** Transfer to the office the complaint concerns, with a note for that office (not shown to the resident). */
export const TransferBody = z.object({ officeId: Slug, note: Text.trim().min(1).max(1000) });
export type TransferBody = z.infer<typeof TransferBody>;

/** After a transfer the sending office's officers no longer see the complaint: only where it went. */
export const TransferResult = z.object({ id: z.uuid(), officeId: z.string() });
export type TransferResult = z.infer<typeof TransferResult>;

/** A period [from, to) of received responses; instants or dates; optionally one office and/or service. */
export const SkmQuery = z.object({
  from: z.union([Instant, z.iso.date()]),
  to: z.union([Instant, z.iso.date()]),
  officeId: Slug.optional(),
  serviceId: Slug.optional(),
});
export type SkmQuery = z.infer<typeof SkmQuery>;

const ElementIndexSchema = z.object({
  answered: z.number().int(),
  sum: z.number().int(),
  nrr: z.number().nullable(),
  weightedNrr: z.number().nullable(),
});

export const SkmIndex = z.object({
  respondents: z.number().int(),
  elements: z.object(
    Object.fromEntries(SKM_ELEMENTS.map((e) => [e, ElementIndexSchema])) as Record<
      SkmElement,
      typeof ElementIndexSchema
    >,
  ),
  ikm: z.number().nullable(),
  unitValue: z.number().nullable(),
  grade: z.enum(['A', 'B', 'C', 'D']).nullable(),
});

export const SkmRow = SkmIndex.extend({
  officeId: z.string(),
  officeName: z.string().nullable(),
  serviceId: z.string(),
  serviceName: z.string().nullable(),
});
export type SkmRow = z.infer<typeof SkmRow>;

export const SkmReport = z.object({ from: z.string(), to: z.string(), rows: z.array(SkmRow), total: SkmIndex });
export type SkmReport = z.infer<typeof SkmReport>;
