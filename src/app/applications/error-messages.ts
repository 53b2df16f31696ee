// Error codes in words: a field's validation error (checked on the device or sent back by the
// server) and why a picked photo or file was not stored.
import { AttachmentError } from '../../data/attachments/errors.ts';
import { FieldLockedError } from '../../data/field/locked-error.ts';
import type { FieldError } from '../../domain/forms/validate.ts';
import type { Language, MessageKey, Translate } from '../i18n/index.ts';

/** An error in words: a constraint's own message from the definition, else the code's. */
export function errorMessage(error: FieldError, t: Translate, lang?: Language): string {
  return error.message && lang ? error.message[lang] : t(`error.${error.code}`, error.params);
}

/**
 * A field error the server sent: the codes of errorMessage, but text on the wire, so the key is data
 * here (a newer server may send a code this build lacks; it then shows as its key).
 */
export function serverErrorMessage(
  error: { code: string; params?: Record<string, string | number> | undefined },
  t: Translate,
): string {
  return t(`error.${error.code}` as MessageKey, error.params);
}

/** Why a picked photo or file was not stored, in words; the picker keeps what was attached before. */
export function attachmentProblem(err: unknown, t: Translate): string {
  // A field officer's tablet while the officer's PIN has not opened it: nothing may be stored plain.
  if (err instanceof FieldLockedError) return t('attachment.locked');
  const code = err instanceof AttachmentError ? err.code : 'unreadable';
  return t(`attachment.${code}`, err instanceof AttachmentError ? err.params : undefined);
}
