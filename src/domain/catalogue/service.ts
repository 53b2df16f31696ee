// A public service and its service standard (Standar Pelayanan, UU 25/2009 art. 21;
// PermenPANRB 15/2014): what a resident must bring, the steps, the time, the cost, the product and
// how to complain — plus the channels it accepts, the offices that serve it and its form.
import { z } from 'zod';
import { FieldKey } from '../forms/rules/condition.ts';
import { Instant, LocalizedText, Slug, Text } from '../text.ts';
import { FormDefinition } from './form.ts';
import { CHANNELS } from './glance.ts';
import { OfficeType } from './office.ts';

export { isFree, needsVisit } from './glance.ts';

/** How many superseded form versions a service keeps open at most; the oldest closes first. */
export const MAX_EARLIER_FORMS = 10;

/** The parallel model's four doors: a phone, a village kiosk, a field officer, the office counter. */
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const ServiceCategory = z.enum(['civil-registration', 'village', 'health']);
export type ServiceCategory = z.infer<typeof ServiceCategory>;

export const Requirement = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(48),
  name: LocalizedText,
  /** Whether the office needs to see the original, keep a copy, or both. */
  form: z.enum(['original', 'copy', 'original-and-copy']),
  count: z.number().int().min(1).max(20),
  notes: LocalizedText.optional(),
  // Alternatives and other combinations are the form's requirement groups (FormDefinition.groups).
});
export type Requirement = z.infer<typeof Requirement>;

export const ProcedureStep = z.object({
  text: LocalizedText,
  actor: z.enum(['resident', 'officer']),
  /** The resident must come to an office for this step (e.g. biometric recording for KTP-el). */
  inPerson: z.boolean(),
});
export type ProcedureStep = z.infer<typeof ProcedureStep>;

export const CompletionTime = z.object({
  value: z.number().int().positive(),
  unit: z.enum(['minutes', 'hours', 'working-days']),
});
export type CompletionTime = z.infer<typeof CompletionTime>;

export const Cost = z.object({
  /** In rupiah; 0 means free of charge ("Gratis"). */
  amount: z.number().int().nonnegative(),
  legalBasis: LocalizedText,
});

export const ContactKind = z.enum(['phone', 'whatsapp', 'email', 'sms', 'web', 'in-person']);
export const ComplaintChannel = z.object({
  kind: ContactKind,
  /** Phone number (+62…), e-mail address, URL or place, as the resident would use it. */
  value: Text.min(1).max(200),
  label: LocalizedText,
  /** A sample channel (the seed's), not yet confirmed by an administrator: shown marked as an example. */
  example: z.boolean().optional(),
});
export type ComplaintChannel = z.infer<typeof ComplaintChannel>;

/** The internal ("manufacturing") components: shown to officers and on the printed standard. */
export const InternalStandard = z.object({
  legalBasis: z.array(LocalizedText).min(1),
  facilities: LocalizedText,
  staffCompetence: LocalizedText,
  supervision: LocalizedText,
  staffCount: z.number().int().positive(),
  guarantee: LocalizedText,
  securityGuarantee: LocalizedText,
  evaluation: LocalizedText,
});

/** A superseded form version, with the requirements of the standard it was published with. */
export const EarlierForm = FormDefinition.extend({ requirements: z.array(Requirement).min(1) });
export type EarlierForm = z.infer<typeof EarlierForm>;

/**
 * An appointment service (a Puskesmas visit booked for a later day): the service clock starts at the
 * visit date the resident chose in this date field of the form, not when the booking arrived.
 */
export const Appointment = z.object({ visitDateField: FieldKey });
export type Appointment = z.infer<typeof Appointment>;

export const Service = z.object({
  id: Slug,
  name: LocalizedText,
  summary: LocalizedText,
  category: ServiceCategory,
  /** Abbreviations and other words residents search with (KTP, KK, KIA, SKTM…). */
  keywords: z.array(Text.min(1).max(40)).max(30),
  requirements: z.array(Requirement).min(1),
  procedure: z.array(ProcedureStep).min(1),
  completionTime: CompletionTime,
  cost: Cost,
  product: LocalizedText,
  /**
   * The product is an electronic document (a PDF with a verification code): it reaches the resident's
   * device, so "ready" needs no pickup place. Absent: the product is collected in person.
   */
  electronicProduct: z.boolean().optional(),
  complaintChannels: z.array(ComplaintChannel).min(1),
  channels: z.array(Channel).min(1),
  /** The offices that serve it: they receive applications (and issue, unless `issuedBy` says otherwise). */
  officeIds: z.array(Slug).min(1),
  /**
   * The office types that may issue the product (e.g. only Disdukcapil signs a birth certificate).
   * Serving offices of other types receive applications and forward them to an issuing one. Absent:
   * every serving office issues.
   */
  issuedBy: z.array(OfficeType).min(1).optional(),
  /** Present for appointment services only: a field merely named like a visit date does not make one. */
  appointment: Appointment.optional(),
  form: FormDefinition,
  /**
   * Earlier versions of the form still open: drafts begun with one keep it, and the server accepts
   * them against it, until an administrator closes it (then they are checked against `form`).
   */
  earlierForms: z.array(EarlierForm).max(MAX_EARLIER_FORMS).optional(),
  internal: InternalStandard,
  updatedAt: Instant,
});
export type Service = z.infer<typeof Service>;

/** What an author writes; the server stamps updatedAt. */
export const ServiceContent = Service.omit({ updatedAt: true });
export type ServiceContent = z.infer<typeof ServiceContent>;

/**
 * The form a draft of `version` is filled and checked with: that version while it is open, else the
 * current one (a closed version's drafts continue on the current form, keeping the answers by key).
 */
export function formForVersion(
  s: { form: FormDefinition; earlierForms?: readonly FormDefinition[] | undefined },
  version: number,
): FormDefinition {
  if (version === s.form.version) return s.form;
  return s.earlierForms?.find((f) => f.version === version) ?? s.form;
}

/** The requirements a draft of `version` was shown with (those of its form version), as formForVersion. */
export function requirementsForVersion(
  s: Pick<Service, 'form' | 'earlierForms' | 'requirements'>,
  version: number,
): Requirement[] {
  if (version === s.form.version) return s.requirements;
  return s.earlierForms?.find((f) => f.version === version)?.requirements ?? s.requirements;
}
