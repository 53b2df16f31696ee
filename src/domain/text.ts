// Text shown to people comes in both languages of the app.
import { z } from 'zod';

export const LocalizedText = z.object({
  id: z.string().min(1),
  en: z.string().min(1),
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
