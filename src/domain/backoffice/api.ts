// The office HTTP API (issue #6): request and response shapes of every /api/office/* route and of
// PUT /api/admin/services/:id. The server validates with these; the /petugas UI codes against them.
//
//   GET    /api/office/offices                               → OfficeList
//   GET    /api/office/applications?QueueQuery               → QueuePageSchema
//   POST   /api/office/applications/search-nik  NikSearch    → QueuePageSchema     (audited)
//   GET    /api/office/applications/:id                      → ApplicationDetailSchema (audited; 404 out of scope)
//   GET    /api/office/applications/:id/files/:sha256        → the bytes            (audited)
//   POST   /api/office/applications/:id/moves   MoveBody     → MoveResponse; 409 MoveConflict
//   POST   /api/office/walk-ins                 WalkInBody   → WalkInReceipt (201); 422 WalkInRejection
//   POST   /api/office/applications/:id/correction CounterCorrectionBody → MoveResponse; 409; 422
//   POST   /api/office/applications/:id/forward ForwardBody  → ForwardResponse; 409; 422 (forwarding.ts)
//   GET    /api/office/dashboard?DashboardQuery              → DashboardResponse
//   GET    /api/office/dashboard.csv?DashboardQuery          → text/csv (attachment)
//   PATCH  /api/office/offices/:id              OfficeEdit   → OfficeContent-with-updatedAt
//   POST   /api/office/announcements            AnnouncementCreate → Announcement (201)
//   PATCH  /api/office/announcements/:id        AnnouncementEdit   → Announcement
//   DELETE /api/office/announcements/:id                     → { id, deleted: true }
//   PUT    /api/admin/services/:id              ServiceContent (administrators) → Service
//
// Errors are ApiError ({error:{code,message,fields?}}): 400 invalid_request (shape), 401
// unauthenticated, 403 forbidden / csrf, 404 not_found, 409 move conflicts, 422 walk-in rejections.
// Cookie sessions send the x-csrf-token header on every POST/PATCH/PUT/DELETE.
import { z } from 'zod';
import { Announcement, AnnouncementContent } from '../catalogue/announcement.ts';
import { IslandCode, Office, OfficeType, OpeningPeriod } from '../catalogue/office.ts';
import { Channel, CompletionTime, Service, ServiceContent } from '../catalogue/service.ts';
import { IssuedDocument } from '../documents/document.ts';
import { AnswerValue, AttachmentRef, DraftApplicant } from '../drafts/draft.ts';
import { ApplicationStatus, Pickup } from '../submissions/submission.ts';
import { Instant, LocalizedText, Slug, Text } from '../text.ts';
import { OfficerMove, ResidentMessage } from './application-status.ts';
import { IssuingInfo } from './forwarding.ts';
import { oneOrMany, QUEUE_PAGE_MAX, WalkInInput } from './queue.ts';

// ---------------------------------------------------------------------------------------------
// Common

export const IdParams = z.object({ id: z.string().min(1).max(80) });
export const ApplicationParams = z.object({ id: z.string().uuid() });
export const FileParams = z.object({ id: z.string().uuid(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

// ---------------------------------------------------------------------------------------------
// Offices in scope

export const OfficeSummary = z.object({
  id: Slug,
  name: LocalizedText,
  type: OfficeType,
  island: z.object({ code: IslandCode, name: z.string() }).nullable(),
  /** Current hours and contacts, for the edit form. */
  hours: z.array(OpeningPeriod),
  contacts: Office.shape.contacts,
});
export type OfficeSummary = z.infer<typeof OfficeSummary>;
export const OfficeList = z.object({ offices: z.array(OfficeSummary) });
export type OfficeList = z.infer<typeof OfficeList>;

// ---------------------------------------------------------------------------------------------
// Queue

/** The query string of GET /api/office/applications: QueueFilters as text. */
export const QueueQuery = z.object({
  officeId: oneOrMany(Slug).optional(),
  service: oneOrMany(Slug).optional(),
  status: oneOrMany(ApplicationStatus).optional(),
  channel: oneOrMany(Channel).optional(),
  island: IslandCode.optional(),
  /** "true": only open applications past due; "false": all but those. */
  overdue: z.enum(['true', 'false']).optional(),
  trackingNumber: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(QUEUE_PAGE_MAX).optional(),
  cursor: z.string().max(200).optional(),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

/** One application in a list: enough to pick it, nothing that identifies the person. */
export const QueueRowSchema = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  serviceId: z.string(),
  officeId: z.string().nullable(),
  channel: Channel,
  status: ApplicationStatus,
  /** Initials only, e.g. "S. A."; null when the application names nobody. */
  applicantInitials: z.string().nullable(),
  /** The first NIK of the form, masked ("3529••••••••0003"); null when none was asked for. */
  nikMasked: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  /** Null when the standard's completion time is unknown. */
  dueAt: z.string().nullable(),
  /** Its service clock still runs (not ready, not final) and passed `dueAt` (before any pause under way). */
  overdue: z.boolean(),
});
export type QueueRow = z.infer<typeof QueueRowSchema>;
export const QueuePageSchema = z.object({ rows: z.array(QueueRowSchema), nextCursor: z.string().nullable() });
export type QueuePage = z.infer<typeof QueuePageSchema>;

export const NikSearch = z.object({
  nik: Text.min(1).max(40),
  cursor: Text.max(200).optional(),
  limit: z.number().int().min(1).max(QUEUE_PAGE_MAX).optional(),
});
export type NikSearch = z.infer<typeof NikSearch>;

// ---------------------------------------------------------------------------------------------
// One application

/**
 * What a history entry records: a move of the state machine, a correction an officer recorded at the
 * counter (the resident's corrected answers and photos, entered there), a withdrawal, a forward to
 * another office, the notice that an application awaiting a correction will be abandoned, or the
 * abandonment.
 */
export const HistoryKind = z.enum([
  'move',
  'counter-correction',
  'withdrawal',
  'forward',
  'abandon-notice',
  'abandoned',
]);
export type HistoryKind = z.infer<typeof HistoryKind>;

export const HistoryEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorAccountId: z.string().nullable(),
  /** An account's role, or "resident" for a corrected resubmission. */
  actorRole: z.string(),
  from: ApplicationStatus.nullable(),
  to: ApplicationStatus,
  message: z.string().nullable(),
  pickup: Pickup.nullable(),
  kind: HistoryKind,
  /** A forward's offices (null for other kinds). */
  fromOfficeId: z.string().nullable(),
  toOfficeId: z.string().nullable(),
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

/** Everything an officer of the handling office may read about one application. */
export const ApplicationDetailSchema = QueueRowSchema.extend({
  formVersion: z.number().int(),
  applicant: DraftApplicant,
  answers: z.record(z.string(), AnswerValue),
  /** Fetch each with GET /api/office/applications/:id/files/:sha256. */
  attachments: z.array(AttachmentRef.extend({ field: z.string() })),
  message: z.string().nullable(),
  pickup: Pickup.nullable(),
  completedAt: z.string().nullable(),
  completionTime: CompletionTime.nullable(),
  /** The service's product is electronic: "ready" needs no pickup place. */
  electronicProduct: z.boolean(),
  /** The field officer whose registered device signed the application (channel 'field' only). */
  collectedBy: z.object({ accountId: z.uuid(), name: z.string() }).optional(),
  history: z.array(HistoryEventSchema),
  /** Issued documents: fetch each with GET /api/office/applications/:id/documents/:code. */
  documents: z.array(IssuedDocument).optional(),
  /** Whether its office may issue the product, and the issuing offices it may be forwarded to. */
  issuing: IssuingInfo,
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

// ---------------------------------------------------------------------------------------------
// Moves

/**
 * An OfficerMove plus `expected`: the status the officer was looking at. When it is no longer the
 * status, the move is refused as stale (409 code "stale") even if it would be allowed now.
 */
export const MoveBody = z.intersection(OfficerMove, z.object({ expected: ApplicationStatus.optional() }));
export type MoveBody = z.infer<typeof MoveBody>;

export const MoveResponse = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  officeId: z.string().nullable(),
  from: ApplicationStatus,
  status: ApplicationStatus,
  /** The history entry the move wrote. */
  eventId: z.number().int(),
});
export type MoveResponse = z.infer<typeof MoveResponse>;

/**
 * 409 of a move: code "stale" with `current` (someone moved it first, or `expected` was wrong), or a
 * move the state machine refuses — code "move.not-allowed", "move.final", "move.resident-only" or
 * "move.invalid" — with `allowed`, the moves possible from `current`.
 */
export const MoveConflict = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
  current: ApplicationStatus,
  allowed: z.array(ApplicationStatus),
});
export type MoveConflict = z.infer<typeof MoveConflict>;

// ---------------------------------------------------------------------------------------------
// Counter (walk-ins)

/** WalkInInput plus the office (one of the officer's) whose counter takes it. */
export const WalkInBody = WalkInInput.extend({ officeId: Slug });
export type WalkInBody = z.infer<typeof WalkInBody>;

/** For the printed receipt: the tracking number, and the secret for its QR code (shown once). */
export const WalkInReceipt = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  receivedAt: z.string(),
  officeId: z.string(),
  secret: z.string(),
});
export type WalkInReceipt = z.infer<typeof WalkInReceipt>;

/**
 * 422 of a walk-in. `errors` has the shape of a submission rejection (field key → {code, params});
 * code "missing-attachments" lists in `sha256` the photos to upload first; codes "service.unknown",
 * "office.not-serving", "channel.not-accepted" come without either.
 */
export const WalkInRejection = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  errors: z
    .record(
      z.string(),
      z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }),
    )
    .optional(),
  sha256: z.array(z.string()).optional(),
});
export type WalkInRejection = z.infer<typeof WalkInRejection>;

// ---------------------------------------------------------------------------------------------
// A correction brought to the counter

/**
 * The resident brought the correction to the counter (a walk-in has no device to resend from): the
 * officer enters the whole corrected content — answers, and the photos they took (uploaded first,
 * as a walk-in's) — checked as a device's record is. The application goes back to verifying and the
 * history says an officer recorded it. Answered with MoveResponse; 409 MoveConflict when it is not
 * awaiting a correction; 422 WalkInRejection when the form's rules refuse it (`errors`), photos are
 * missing (`sha256`), or nothing changed (code "correction.unchanged").
 */
export const CounterCorrectionBody = z.object({
  formVersion: z.number().int().positive(),
  answers: z.record(z.string(), AnswerValue),
  attachments: z.record(z.string(), z.array(AttachmentRef)),
  /** Shown to the resident (e.g. "KK asli sudah diperiksa di loket"). */
  note: ResidentMessage.optional(),
  expected: z.literal('needs-correction').optional(),
});
export type CounterCorrectionBody = z.infer<typeof CounterCorrectionBody>;

// ---------------------------------------------------------------------------------------------
// Dashboard

/** A period [from, to); instants or dates ("2025-01-01"). */
export const DashboardQuery = z.object({
  from: z.union([Instant, z.iso.date()]),
  to: z.union([Instant, z.iso.date()]),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

export const DashboardRowSchema = z.object({
  officeId: z.string(),
  officeName: z.string().nullable(),
  serviceId: z.string(),
  serviceName: z.string().nullable(),
  received: z.number().int(),
  completed: z.number().int(),
  medianCompletionSeconds: z.number().nullable(),
  standard: CompletionTime.nullable(),
  /** Became ready in the period: the service clock stops there, not at handover. */
  ready: z.number().int(),
  readyLate: z.number().int(),
  openAtEnd: z.number().int(),
  openOverdue: z.number().int(),
  overdueShare: z.number().nullable(),
  /** Final states counted apart, in the period they ended in. */
  withdrawn: z.number().int(),
  abandoned: z.number().int(),
});
export const DashboardResponse = z.object({ from: z.string(), to: z.string(), rows: z.array(DashboardRowSchema) });
export type DashboardResponse = z.infer<typeof DashboardResponse>;

// ---------------------------------------------------------------------------------------------
// Catalogue editing (reaches devices through the catalogue replication)

/** Officers of the office (or administrators) change its hours and contacts; omitted keys stay. */
export const OfficeEdit = z
  .object({ hours: z.array(OpeningPeriod).max(50).optional(), contacts: Office.shape.contacts.optional() })
  .refine((e) => e.hours !== undefined || e.contacts !== undefined, 'hours or contacts');
export type OfficeEdit = z.infer<typeof OfficeEdit>;

/** The stored office document after an edit. */
export const OfficeDoc = Office;

/** A new announcement; every office must be in the author's scope. The id is the author's (a slug). */
export const AnnouncementCreate = AnnouncementContent;
export type AnnouncementCreate = z.infer<typeof AnnouncementCreate>;
/** Replaces the given keys; `validUntil: null` makes it open-ended, `hours: null` removes changed hours. */
export const AnnouncementEdit = AnnouncementContent.omit({ id: true })
  .partial()
  .extend({ validUntil: Instant.nullable().optional(), hours: z.array(OpeningPeriod).nullable().optional() });
export type AnnouncementEdit = z.infer<typeof AnnouncementEdit>;
export const AnnouncementDoc = Announcement;
export const Deleted = z.object({ id: z.string(), deleted: z.literal(true) });

/** PUT /api/admin/services/:id: the whole service (its id must match); the form version is bumped when the form changes. */
export const ServicePut = ServiceContent;
export type ServicePut = z.infer<typeof ServicePut>;
export const ServiceDoc = Service;
