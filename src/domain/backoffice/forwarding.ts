// Receiving and issuing offices (issue 16): the service standard may say which office types issue
// its product (`Service.issuedBy`); its other serving offices receive applications and forward them
// to an issuing office, photos and history included. A receiving office can verify and send back
// for correction, but never mark the product ready or handed over: the server refuses that (403).
import { z } from 'zod';
import type { OfficeType } from '../catalogue/office.ts';
import { type ApplicationStatus, TrackingNumber } from '../submissions/submission.ts';
import { Slug } from '../text.ts';
import { ResidentMessage } from './application-status.ts';

/** Moves that issue the product: only an issuing office makes them. */
export const ISSUING_MOVES: readonly ApplicationStatus[] = ['ready', 'completed'];

/** Where an application may be forwarded from: received and in work, not sent back, not issued. */
export const FORWARDABLE: readonly ApplicationStatus[] = ['received', 'verifying', 'processing'];

/** Whether an office of `type` may issue a service's product; a standard that names no types lets every serving office. */
export const mayIssue = (issuedBy: readonly OfficeType[] | undefined, type: OfficeType | null | undefined): boolean =>
  !issuedBy || issuedBy.length === 0 || (type != null && issuedBy.includes(type));

/** POST /api/office/applications/:id/forward */
export const ForwardBody = z.object({
  toOfficeId: Slug,
  /** Shown to the resident with where it is now (e.g. "Diteruskan ke Disdukcapil untuk penerbitan akta"). */
  note: ResidentMessage.optional(),
  /** The status the officer was looking at: refused as stale (409) when it has changed. */
  expected: z.enum(['received', 'verifying', 'processing']).optional(),
});
export type ForwardBody = z.infer<typeof ForwardBody>;

export const ForwardResponse = z.object({
  id: z.uuid(),
  trackingNumber: TrackingNumber,
  fromOfficeId: z.string().nullable(),
  officeId: z.string(),
  eventId: z.number().int(),
});
export type ForwardResponse = z.infer<typeof ForwardResponse>;

/** On an application's detail: whether its office may issue, and the offices it may be forwarded to. */
export const IssuingInfo = z.object({
  mayIssue: z.boolean(),
  forwardTo: z.array(z.string()),
});
export type IssuingInfo = z.infer<typeof IssuingInfo>;
