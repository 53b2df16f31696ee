// The state machine of an application on the office side (issue #6): which moves exist, who makes
// them, and what each officer move must say. The server enforces it; routes reuse the schemas.
//
//   received → verifying → needs-correction → (resident resubmits, or an officer records the
//                                              correction made at the counter) → verifying
//                        → processing → ready → completed
//                        → rejected      ↘ rejected
// Every open state → withdrawn (the resident gives it up, from their device or at the counter);
// needs-correction → abandoned (the system, past the office's period, after telling the resident).
import { z } from 'zod';
import { DocumentAttachment } from '../documents/document.ts';
import { type ApplicationStatus, Pickup } from '../submissions/submission.ts';
import { Text } from '../text.ts';

/**
 * Who makes a move: an officer of the office, the resident (a corrected resubmission, a withdrawal;
 * the system applies it), or the system itself (abandoning after the office's period).
 */
export type MoveActor = 'officer' | 'resident' | 'system';

type Transition = { to: ApplicationStatus; by: MoveActor };

/** Either side may end an open application by withdrawing it (the officer at the resident's request). */
const WITHDRAW: readonly Transition[] = [
  { to: 'withdrawn', by: 'officer' },
  { to: 'withdrawn', by: 'resident' },
];

const TRANSITIONS: Readonly<Record<ApplicationStatus, readonly Transition[]>> = {
  received: [{ to: 'verifying', by: 'officer' }, ...WITHDRAW],
  verifying: [
    { to: 'needs-correction', by: 'officer' },
    { to: 'processing', by: 'officer' },
    { to: 'rejected', by: 'officer' },
    ...WITHDRAW,
  ],
  // The resident's correction (sent from their device, or brought to the counter and recorded there
  // by an officer with the corrected content: never a bare status change) moves it on.
  'needs-correction': [{ to: 'verifying', by: 'resident' }, ...WITHDRAW, { to: 'abandoned', by: 'system' }],
  processing: [{ to: 'ready', by: 'officer' }, { to: 'rejected', by: 'officer' }, ...WITHDRAW],
  ready: [{ to: 'completed', by: 'officer' }, ...WITHDRAW],
  completed: [],
  rejected: [],
  withdrawn: [],
  abandoned: [],
};

/** The final states, in the order the dashboard tells them apart. */
export const FINAL_STATUSES = [
  'completed',
  'rejected',
  'withdrawn',
  'abandoned',
] as const satisfies readonly ApplicationStatus[];

/** Final states: nothing moves out of them. */
export const isFinal = (status: ApplicationStatus): boolean => TRANSITIONS[status].length === 0;

/** The states an actor may move an application to from `status` (officers by default). */
export function allowedMoves(status: ApplicationStatus, by: MoveActor = 'officer'): ApplicationStatus[] {
  return TRANSITIONS[status].filter((t) => t.by === by).map((t) => t.to);
}

/** Whether the resident's corrected resubmission may move an application in `status`. */
export const acceptsCorrection = (status: ApplicationStatus): boolean =>
  allowedMoves(status, 'resident').includes('verifying');

/** Whether the resident may withdraw an application in `status`. */
export const acceptsWithdrawal = (status: ApplicationStatus): boolean =>
  allowedMoves(status, 'resident').includes('withdrawn');

// ---------------------------------------------------------------------------------------------
// What an officer sends for each move

/** Text for the resident (shown on their device). */
export const ResidentMessage = Text.trim().min(1).max(2000);
/** An optional note with any move; it is shown to the resident too, so never internal remarks. */
const Note = ResidentMessage.optional();

/** A pickup as the officer enters it: the place trimmed, and not empty. */
const PickupInput = Pickup.extend({ place: Text.trim().min(1).max(300) });

export const MoveToVerifying = z.object({ to: z.literal('verifying'), note: Note });
/** Tells the resident what to correct; they resubmit the same application. */
export const MoveToNeedsCorrection = z.object({ to: z.literal('needs-correction'), message: ResidentMessage });
export const MoveToProcessing = z.object({ to: z.literal('processing'), note: Note });
/**
 * Ready for the resident: where and from when to collect it, or the issued document itself. Whether a
 * pickup is required depends on the service (pickupRequired): the move alone cannot tell.
 */
export const MoveToReady = z.object({
  to: z.literal('ready'),
  pickup: PickupInput.optional(),
  note: Note,
  document: DocumentAttachment.optional(),
});
export const MoveToCompleted = z.object({
  to: z.literal('completed'),
  note: Note,
  document: DocumentAttachment.optional(),
});
/** The reason is stored as the message to the resident. */
export const MoveToRejected = z.object({ to: z.literal('rejected'), reason: ResidentMessage });
/** At the resident's request (at the counter, by phone): a note for them is optional. */
export const MoveToWithdrawn = z.object({ to: z.literal('withdrawn'), note: Note });

/** The body of an officer's move (e.g. `POST /api/office/applications/:id/moves`). */
export const OfficerMove = z.discriminatedUnion('to', [
  MoveToVerifying,
  MoveToNeedsCorrection,
  MoveToProcessing,
  MoveToReady,
  MoveToCompleted,
  MoveToRejected,
  MoveToWithdrawn,
]);
export type OfficerMove = z.infer<typeof OfficerMove>;

/** What a move writes on the application (and replicates to the resident's device). */
export type StatusChange = {
  status: ApplicationStatus;
  message?: string | undefined;
  pickup?: Pickup | undefined;
};

/** The document a move issues, if any (moves to "ready" and "completed" may carry one). */
export const documentOf = (move: OfficerMove): DocumentAttachment | undefined =>
  move.to === 'ready' || move.to === 'completed' ? move.document : undefined;

export function changeOf(move: OfficerMove): StatusChange {
  switch (move.to) {
    case 'needs-correction':
      return { status: move.to, message: move.message };
    case 'rejected':
      return { status: move.to, message: move.reason };
    case 'ready':
      return { status: move.to, message: move.note, pickup: move.pickup };
    default:
      return { status: move.to, message: move.note };
  }
}

// ---------------------------------------------------------------------------------------------
// Checking a move

export type MoveErrorCode =
  /** The body is not a move (unknown target, missing message, pickup or reason). */
  | 'move.invalid'
  /** The application is completed, rejected, withdrawn or abandoned. */
  | 'move.final'
  /** Only the resident's correction (from their device, or recorded at the counter) makes this move. */
  | 'move.resident-only'
  /** Not a move from this state. */
  | 'move.not-allowed';

export type MoveCheck =
  | { ok: true; move: OfficerMove; change: StatusChange }
  | { ok: false; code: MoveErrorCode; allowed: ApplicationStatus[]; issues?: z.core.$ZodIssue[] };

/** What of the application's service a move depends on. */
export type MoveContext = {
  /** The service's product is electronic (Service.electronicProduct): the document is the product. */
  electronicProduct?: boolean | undefined;
};

/**
 * Whether a move to `ready` lacks its pickup: a product collected in person needs the place and time,
 * unless the issued document comes with the move; an electronic product needs no pickup at all (it
 * reaches the resident's device, at ready or with the completion).
 */
export function pickupRequired(move: Pick<z.infer<typeof MoveToReady>, 'pickup' | 'document'>, ctx: MoveContext) {
  return !ctx.electronicProduct && move.pickup === undefined && move.document === undefined;
}

/** Checks an officer's move (a parsed body or anything from a request) from the current state. */
export function validateMove(from: ApplicationStatus, move: unknown, ctx: MoveContext = {}): MoveCheck {
  const allowed = allowedMoves(from);
  const parsed = OfficerMove.safeParse(move);
  if (!parsed.success) return { ok: false, code: 'move.invalid', allowed, issues: parsed.error.issues };
  if (parsed.data.to === 'ready' && pickupRequired(parsed.data, ctx)) {
    const issue = {
      code: 'custom' as const,
      path: ['pickup'],
      message: 'a pickup place and time, or the issued document',
      input: move,
    };
    return { ok: false, code: 'move.invalid', allowed, issues: [issue] };
  }
  const to = parsed.data.to;
  if (allowed.includes(to)) return { ok: true, move: parsed.data, change: changeOf(parsed.data) };
  if (isFinal(from)) return { ok: false, code: 'move.final', allowed };
  if (allowedMoves(from, 'resident').includes(to)) return { ok: false, code: 'move.resident-only', allowed };
  return { ok: false, code: 'move.not-allowed', allowed };
}
