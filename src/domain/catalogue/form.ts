// The definition of an application form, carried by each service. Drafts, validation and the
// review step are generated from it; its rules (relevance, constraints, requirement groups) are
// written in the rule language of forms/rules and checked the same way on the device and the server.
import { z } from 'zod';
import { Condition, FieldKey } from '../forms/rules/condition.ts';
import { LocalizedText, Text } from '../text.ts';

/** A rule between answers, shown beside its field when the answers break it (XLSForm's `constraint`). */
export const FieldConstraint = z.object({
  /** Must not be false; a check that cannot be judged yet (an answer missing or invalid) passes. */
  check: Condition,
  message: LocalizedText,
});
export type FieldConstraint = z.infer<typeof FieldConstraint>;

const FieldBase = z.object({
  key: FieldKey,
  label: LocalizedText,
  help: LocalizedText.optional(),
  /** Required while relevant. A document of a requirement group is required by its group instead. */
  required: z.boolean(),
  /** Shown, checked and kept only while this holds (XLSForm's `relevant`); always when absent. */
  relevant: Condition.optional(),
  constraint: FieldConstraint.optional(),
  /** When the field is relevant and answered, the office sees this note on the application. */
  flag: LocalizedText.optional(),
});

export const FormField = z.discriminatedUnion('kind', [
  FieldBase.extend({ kind: z.literal('text'), maxLength: z.number().int().positive().max(500).optional() }),
  FieldBase.extend({ kind: z.literal('longText'), maxLength: z.number().int().positive().max(5000).optional() }),
  FieldBase.extend({ kind: z.literal('number'), min: z.number().optional(), max: z.number().optional() }),
  FieldBase.extend({
    kind: z.literal('date'),
    /** e.g. a date of birth or of death cannot lie in the future */
    notInFuture: z.boolean().optional(),
  }),
  FieldBase.extend({
    kind: z.literal('choice'),
    options: z.array(z.object({ value: Text.min(1).max(48), label: LocalizedText })).min(2),
  }),
  FieldBase.extend({ kind: z.literal('yesNo') }),
  FieldBase.extend({ kind: z.literal('phone') }),
  FieldBase.extend({ kind: z.literal('email') }),
  FieldBase.extend({ kind: z.literal('nik') }),
  FieldBase.extend({ kind: z.literal('kk') }),
  FieldBase.extend({ kind: z.literal('address') }),
  FieldBase.extend({
    kind: z.literal('document'),
    /** The requirement of the service standard this photo or file satisfies. */
    requirementId: z.string().min(1),
    accept: z.array(z.enum(['image', 'pdf'])).min(1),
  }),
]);
export type FormField = z.infer<typeof FormField>;
export type FieldKind = FormField['kind'];

export const GroupRule = z.enum(['oneOf', 'allOf', 'atLeast']);
export type GroupRule = z.infer<typeof GroupRule>;

/**
 * Requirements of the standard that are met together: any one of them, all of them, or at least
 * `min`. A group whose requirements all have a document field is checked on the device and the
 * server by the files attached; one with none (papers shown at the counter) only tells the resident.
 */
export const RequirementGroup = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .max(48),
  rule: GroupRule,
  /** For `atLeast` only. */
  min: z.number().int().min(1).max(20).optional(),
  requirementIds: z.array(z.string().min(1).max(48)).min(2).max(20),
  relevant: Condition.optional(),
});
export type RequirementGroup = z.infer<typeof RequirementGroup>;

export const FormDefinition = z.object({
  version: z.number().int().positive(),
  fields: z.array(FormField).min(1).max(200),
  groups: z.array(RequirementGroup).max(50).optional(),
});
export type FormDefinition = z.infer<typeof FormDefinition>;
