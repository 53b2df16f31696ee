// What a device sends when the resident taps "Kirim", and what the server answers. The id is the
// device-made UUIDv7 and the idempotency key: sending the same record again returns the same result
// and the same tracking number. Photos travel separately, content-addressed, before the record.
import { z } from 'zod';
import { Channel } from '../catalogue/service.ts';
import { IssuedDocument } from '../documents/document.ts';
import { AnswerValue, AttachmentRef, DraftApplicant, Sha256 } from '../drafts/draft.ts';
import { Instant, Slug } from '../text.ts';

/** Short, unambiguous over the phone: Crockford base32 (no I, L, O, U), e.g. "7K3Q-9XW2". */
export const TrackingNumber = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'tracking number like 7K3Q-9XW2');
export type TrackingNumber = z.infer<typeof TrackingNumber>;

/**
 * The field officer who collected a record (channel 'field' only): the officer's registered device
 * key (its RFC 7638 thumbprint) and its ECDSA P-256 signature (base64url r‖s) over
 * collectionStatement(record) (src/domain/field/collection.ts). The server stores the key's account.
 */
export const CollectedBy = z.object({
  keyId: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'key id'),
  signature: z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'signature'),
});
export type CollectedBy = z.infer<typeof CollectedBy>;

export const SubmissionRecord = z.object({
  id: z.uuid({ version: 'v7' }),
  serviceId: Slug,
  formVersion: z.number().int().positive(),
  channel: Channel,
  applicant: DraftApplicant,
  answers: z.record(z.string(), AnswerValue),
  attachments: z.record(z.string(), z.array(AttachmentRef)),
  consent: z.literal(true),
  /** SHA-256 of a secret only the submitting device knows: later status reads prove they are the applicant's. */
  secretHash: Sha256,
  /**
   * SHA-256 of the submitting device's key, so the device can pull the office's updates of all its
   * applications with one credential. Absent for applications entered without a resident device.
   */
  deviceKeyHash: Sha256.optional(),
  /** The office asked to handle it (a kiosk's village office, the counter's office); used when it serves the service. */
  officeId: Slug.optional(),
  /** Channel 'field' only, and required there: proves which field officer collected it. */
  collectedBy: CollectedBy.optional(),
});
export type SubmissionRecord = z.infer<typeof SubmissionRecord>;

/**
 * What a batch itself checks of each of its records: an id to answer under. The rest is checked record
 * by record (checkShape with the record's schema), so one malformed record is rejected alone, naming
 * its field, while the others of its batch are stored.
 */
export const RecordEnvelope = z.looseObject({ id: z.uuid({ version: 'v7' }) });
export type RecordEnvelope = z.infer<typeof RecordEnvelope>;

export const SubmissionBatch = z.object({
  records: z.array(RecordEnvelope.describe('A SubmissionRecord, checked on its own')).min(1).max(100),
});

export const SubmissionResult = z.discriminatedUnion('status', [
  z.object({ id: z.uuid(), status: z.literal('accepted'), trackingNumber: TrackingNumber, receivedAt: Instant }),
  /** The server does not have every photo the record names yet: upload them, then send the record again. */
  z.object({ id: z.uuid(), status: z.literal('missing-attachments'), sha256: z.array(Sha256).min(1) }),
  /** The record breaks the service's rules: it returns to the resident as a draft with these reasons. */
  z.object({
    id: z.uuid(),
    status: z.literal('rejected'),
    errors: z.record(
      z.string(),
      z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
    ),
  }),
]);
export type SubmissionResult = z.infer<typeof SubmissionResult>;

export const SubmissionBatchResult = z.object({ results: z.array(SubmissionResult) });

/**
 * Codes a rejected record may carry besides the form's rules (FieldErrorCode); the app translates
 * them as well:
 *   submission.conflict  the id is stored with another device's secret: nothing about it is told
 *   channel.unverified   a kiosk or counter channel claimed by a request no enrolled kiosk or officer sent
 *   document.mismatch    a document field names an uploaded file as another type or size than it is
 */
export const SUBMISSION_REJECTIONS = ['submission.conflict', 'channel.unverified', 'document.mismatch'] as const;
export type SubmissionRejection = (typeof SUBMISSION_REJECTIONS)[number];

/** The office's side of an application (the office owns it once the application is submitted). */
export const ApplicationStatus = z.enum([
  'received',
  'verifying',
  'needs-correction',
  'processing',
  'ready',
  'completed',
  'rejected',
  /** The resident (from their device or at the counter) gave it up: final. */
  'withdrawn',
  /** Left in needs-correction past the office's period, after the resident was told: final. */
  'abandoned',
]);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** What anyone holding a tracking number may see: the state, never the content or the applicant. */
export const TrackingStatus = z.object({
  trackingNumber: TrackingNumber,
  serviceId: Slug,
  status: ApplicationStatus,
  /** The office that holds it now (public: an office, not a person); absent when none is assigned. */
  officeId: Slug.optional(),
  receivedAt: Instant,
  updatedAt: Instant,
  /** The kiosk receipt's provisional code it was found by (then `trackingNumber` is its permanent number). */
  provisionalCode: z.string().optional(),
});
export type TrackingStatus = z.infer<typeof TrackingStatus>;

/** Where and from when the resident collects the product: set by the office's move to "ready". */
export const Pickup = z.object({
  /** Where to collect the product, e.g. "Loket 2, Kantor Kecamatan Ra'as". */
  place: z.string().max(300),
  /** From when it can be collected. */
  from: Instant,
});
export type Pickup = z.infer<typeof Pickup>;

/** One step of an application's history as its resident sees it: when, to which state, what they were told. */
export const TimelineStep = z.object({
  at: Instant,
  status: ApplicationStatus,
  message: z.string().max(2000).optional(),
  pickup: Pickup.optional(),
});
export type TimelineStep = z.infer<typeof TimelineStep>;
/** The newest steps a device keeps (a long back-and-forth of corrections is cut at the old end). */
export const TIMELINE_MAX = 50;
/** An application moves to "ready" and to "completed" once each: at most one document with each. */
export const DOCUMENTS_MAX = 2;

/**
 * The office's side of an application as replicated to the device that sent it: the state, the
 * office's message to the resident, and where and when to collect the product. Times are the server's.
 */
export const ApplicationUpdate = z.object({
  id: z.uuid(),
  trackingNumber: TrackingNumber,
  serviceId: Slug,
  status: ApplicationStatus,
  message: z.string().max(2000).optional(),
  pickup: Pickup.optional(),
  /** The office that holds it now (it changes when a receiving office forwards it to an issuing one). */
  officeId: Slug.optional(),
  /**
   * While it waits for the resident's correction: when it becomes abandoned if nothing comes, once
   * the office has told the resident so (the notice before the end of the office's period).
   */
  abandonsAt: Instant.optional(),
  receivedAt: Instant,
  updatedAt: Instant,
  /** Every move the office made (and the resident's corrections), oldest first: the resident's timeline. */
  timeline: z.array(TimelineStep).max(TIMELINE_MAX).optional(),
  /** What the office issued electronically (the bytes are fetched once with the application's secret). */
  documents: z.array(IssuedDocument).max(DOCUMENTS_MAX).optional(),
});
export type ApplicationUpdate = z.infer<typeof ApplicationUpdate>;
