// The community satisfaction survey (SKM, PermenPANRB 14/2017): the nine elements, the 1–4 scale,
// and what a device sends. The question wording per element is UI text (i18n dictionaries), not here.
//
// A response names its service and office, and — when offered after an application was completed —
// the application's id (one response per application). It carries NO personal data: no name, NIK,
// address or contact; the optional respondent profile is coarse bands only. Unknown keys a device
// might add are stripped by the schema (never stored), so an old or buggy client cannot leak a name.
import { z } from 'zod';
import { Channel } from '../catalogue/service.ts';
import { Sha256 } from '../drafts/draft.ts';
import { RecordEnvelope } from '../submissions/submission.ts';
import { Instant, Slug } from '../text.ts';

/**
 * U1 requirements, U2 system/mechanism/procedure, U3 completion time, U4 cost/tariff, U5 product
 * specification, U6 staff competence, U7 staff behaviour, U8 handling of complaints, suggestions and
 * input, U9 facilities.
 */
export const SKM_ELEMENTS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'] as const;
export type SkmElement = (typeof SKM_ELEMENTS)[number];

/** 1 not good (tidak baik) … 4 very good (sangat baik). */
export const SkmScore = z.number().int().min(1).max(4);
export type SkmScore = z.infer<typeof SkmScore>;

/**
 * One respondent's answers. An element may be left unanswered (the NRR of an element divides by the
 * responses that answered it), but a response must answer at least one element.
 */
export const SkmAnswers = z
  .object(
    Object.fromEntries(SKM_ELEMENTS.map((e) => [e, SkmScore.optional()])) as Record<
      SkmElement,
      z.ZodOptional<typeof SkmScore>
    >,
  )
  .refine((a) => SKM_ELEMENTS.some((e) => a[e] !== undefined), { message: 'survey.no-answer' });
export type SkmAnswers = z.infer<typeof SkmAnswers>;

export const AgeBand = z.enum(['under-20', '20-29', '30-39', '40-49', '50-59', '60-plus']);
export const Sex = z.enum(['male', 'female']);
/** Highest schooling completed: none/SD, SMP, SMA/SMK, D1–D3, D4/S1, S2 and above. */
export const Education = z.enum(['none', 'sd', 'smp', 'sma', 'diploma', 'bachelor', 'postgraduate']);
export const Occupation = z.enum([
  'civil-servant',
  'military-police',
  'private-employee',
  'entrepreneur',
  'fisher',
  'farmer',
  'student',
  'homemaker',
  'other',
]);

/** Optional, each part optional: the bands the regulation's report breaks respondents down by. */
export const RespondentProfile = z.object({
  ageBand: AgeBand.optional(),
  sex: Sex.optional(),
  education: Education.optional(),
  occupation: Occupation.optional(),
});
export type RespondentProfile = z.infer<typeof RespondentProfile>;

export const SurveyResponse = z
  .object({
    /** Device-made UUIDv7: the idempotency key, as for applications. */
    id: z.uuid({ version: 'v7' }),
    serviceId: Slug,
    officeId: Slug,
    /** The completed application this response is about (at most one response each); absent for walk-ins. */
    applicationId: z.uuid().optional(),
    channel: Channel,
    answers: SkmAnswers,
    profile: RespondentProfile.optional(),
    /**
     * SHA-256 of the sending device's key. Required without an application: a walk-in response
     * counts once per device, office and month (the server keeps only a hash of the three).
     */
    deviceKeyHash: Sha256.optional(),
  })
  .refine((r) => r.applicationId !== undefined || r.deviceKeyHash !== undefined, {
    path: ['deviceKeyHash'],
    message: 'survey.device-required',
  });
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/** Each record is checked on its own (see RecordEnvelope): one malformed response is rejected alone. */
export const SurveyBatch = z.object({
  records: z.array(RecordEnvelope.describe('A SurveyResponse, checked on its own')).min(1).max(100),
});

const FieldErrors = z.record(z.string(), z.object({ code: z.string() }));

export const SurveyResult = z.discriminatedUnion('status', [
  z.object({ id: z.uuid(), status: z.literal('accepted'), receivedAt: Instant }),
  /**
   * The application already has a response (sent from another device, or under another id): this one
   * is not stored; the answer is the first one's acceptance time. The device treats it as delivered.
   */
  z.object({ id: z.uuid(), status: z.literal('duplicate-application'), receivedAt: Instant }),
  /**
   * A response without an application from a device that already answered for this office this month
   * (WIB): not stored; the answer is the first one's acceptance time. The device treats it as delivered.
   */
  z.object({ id: z.uuid(), status: z.literal('duplicate-period'), receivedAt: Instant }),
  /** Codes: survey.service-unknown, survey.office-not-serving, survey.application-unknown, survey.application-not-completed, survey.application-mismatch. */
  z.object({ id: z.uuid(), status: z.literal('rejected'), errors: FieldErrors }),
]);
export type SurveyResult = z.infer<typeof SurveyResult>;

export const SurveyBatchResult = z.object({ results: z.array(SurveyResult) });
