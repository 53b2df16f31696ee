// The definition of an application form, carried by each service. Drafts, validation and the
// review step are generated from it (see the drafts issue); here is only its shape.
import { z } from 'zod';
import { LocalizedText, Text } from '../text.ts';

const FieldKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase field key')
  .max(48);

const FieldBase = z.object({
  key: FieldKey,
  label: LocalizedText,
  help: LocalizedText.optional(),
  required: z.boolean(),
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

export const FormDefinition = z.object({
  version: z.number().int().positive(),
  fields: z.array(FormField).min(1),
});
export type FormDefinition = z.infer<typeof FormDefinition>;
