// The rule language of application forms, as data: conditions on the answers that decide whether a
// field is shown and required (relevance) and whether answers agree with each other (constraints).
// A definition is JSON checked by these zod schemas, never code: nothing is evaluated but this tree
// (evaluate.ts), written as text in the editor and spreadsheets (syntax.ts).
import { z } from 'zod';

export const FieldKey = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, 'camelCase field key')
  .max(48);

/**
 * A constant. Strings may not hold a single quote: the text syntax writes them in single quotes, and
 * option values, dates and sexes never need one.
 */
export const Literal = z.union([
  z
    .string()
    .max(200)
    .regex(/^[^']*$/, 'no single quote'),
  z.number().finite(),
  z.boolean(),
]);
export type Literal = z.infer<typeof Literal>;

/** A value a condition compares: an answer, a value derived from one, or a constant. */
export const Expr = z.discriminatedUnion('fn', [
  /** The answer, by the field's kind: text, a number, a YYYY-MM-DD date, an option, yes/no, a count of files. */
  z.object({ fn: z.literal('answer'), field: FieldKey }),
  /** Whole years from a date answer to today (WIB calendar). */
  z.object({ fn: z.literal('age'), field: FieldKey }),
  /** The date of birth a NIK answer encodes (digits 7–12), as YYYY-MM-DD. */
  z.object({ fn: z.literal('nikBirthDate'), field: FieldKey }),
  /** The sex a NIK answer encodes ('laki-laki', or 'perempuan' when 40 was added to the day). */
  z.object({ fn: z.literal('nikSex'), field: FieldKey }),
  z.object({ fn: z.literal('value'), value: Literal }),
]);
export type Expr = z.infer<typeof Expr>;

export const COMPARISONS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export type Condition =
  | { op: Comparison; left: Expr; right: Expr }
  | { op: 'in'; left: Expr; values: Literal[] }
  | { op: 'answered'; field: string }
  | { op: 'and' | 'or'; of: Condition[] }
  | { op: 'not'; of: Condition };

/** How deep conditions may nest: deep enough for any form, shallow enough that no input can exhaust the stack. */
export const MAX_CONDITION_DEPTH = 8;

const depth = (c: Condition): number =>
  c.op === 'and' || c.op === 'or' ? 1 + Math.max(...c.of.map(depth)) : c.op === 'not' ? 1 + depth(c.of) : 1;

const ConditionNode: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    z.object({ op: z.enum(COMPARISONS), left: Expr, right: Expr }),
    z.object({ op: z.literal('in'), left: Expr, values: z.array(Literal).min(1).max(50) }),
    z.object({ op: z.literal('answered'), field: FieldKey }),
    z.object({ op: z.enum(['and', 'or']), of: z.array(ConditionNode).min(2).max(20) }),
    z.object({ op: z.literal('not'), of: ConditionNode }),
  ]),
);

export const Condition: z.ZodType<Condition> = ConditionNode.refine((c) => depth(c) <= MAX_CONDITION_DEPTH, {
  message: `conditions nest at most ${MAX_CONDITION_DEPTH} deep`,
});

/** Every field a condition reads. */
export function conditionFields(c: Condition): string[] {
  switch (c.op) {
    case 'and':
    case 'or':
      return c.of.flatMap(conditionFields);
    case 'not':
      return conditionFields(c.of);
    case 'answered':
      return [c.field];
    case 'in':
      return exprFields(c.left);
    default:
      return [...exprFields(c.left), ...exprFields(c.right)];
  }
}

const exprFields = (e: Expr): string[] => (e.fn === 'value' ? [] : [e.field]);
