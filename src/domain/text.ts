// Text: what any client may send (Text), and what is shown to people, in both languages of the app.
import { z } from 'zod';

/**
 * Whether PostgreSQL can store the string and JSON carry it intact: no NUL (text and jsonb refuse
 * \u0000) and no UTF-16 surrogate without its pair (not Unicode: jsonb refuses it, UTF-8 cannot
 * encode it). A loop rather than String#isWellFormed or a lookbehind regex: both are missing on the
 * older phones the app runs on.
 */
export function isStorableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return false;
    if (unit >= 0xdc00 && unit <= 0xdfff) return false;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

/** The error code of text that cannot be stored (see isStorableText); the app translates it. */
export const TEXT_INVALID = 'text.invalid';

/**
 * Any text a person or a device sends: every string field of what clients send is built on it, so
 * one NUL or lone surrogate is refused where it stands (a per-record rejection naming the field, a
 * 400 naming it) instead of failing the database statement of a whole batch.
 */
export const Text = z.string().refine(isStorableText, TEXT_INVALID);

export const LocalizedText = z.object({
  id: Text.min(1),
  en: Text.min(1),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

/** A stable identifier that can appear in a URL or a QR code: lowercase words joined by hyphens. */
export const Slug = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens');

/** Wall-clock time in the office's zone, "HH:MM" (24 h). */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** An instant, always stamped by the server (device clocks are not trusted). */
export const Instant = z.iso.datetime({ offset: true });
