// A record's problems as the API answers them per record: one code (and its parameters) per field,
// which the app translates. Batches check each record on its own with these, so one malformed record
// is rejected alone, naming its field, and the others of the batch are stored.
import type { z } from 'zod';

export type FieldErrors = Record<string, { code: string; params?: Record<string, string | number> }>;

/** Where a record keeps answers by field key: an issue inside them is reported under the field's key. */
export const KEYED = new Set(['answers', 'attachments']);

/**
 * The first problem per field. Custom issues carry their code as the message (the domain's rules
 * are written that way: 'text.invalid', 'nik.length', …) and their params; a string over its limit is
 * 'text.tooLong'; any other shape problem is 'value.type' (a bug or a forged request).
 */
export function fieldErrorsOf(error: z.ZodError, keyedUnder: ReadonlySet<string> = KEYED): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path;
    const key = String((keyedUnder.has(String(first)) && second !== undefined ? second : first) ?? 'record');
    if (key in errors) continue;
    errors[key] = codeOf(issue);
  }
  return errors;
}

function codeOf(issue: z.core.$ZodIssue): FieldErrors[string] {
  if (issue.code === 'custom') {
    const params = issue.params ? scalars(issue.params) : undefined;
    return params ? { code: issue.message, params } : { code: issue.message };
  }
  if (issue.code === 'too_big' && issue.origin === 'string')
    return { code: 'text.tooLong', params: { max: Number(issue.maximum) } };
  return { code: 'value.type' };
}

function scalars(params: Record<string, unknown>): Record<string, string | number> | undefined {
  const kept = Object.entries(params).filter(
    (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The record parsed by `schema`, or its field errors. */
export function checkShape<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}
