// Kejelasan informasi: closures, changed hours and restrictions, announced where residents look.
import { z } from 'zod';
import { Instant, LocalizedText } from '../text.ts';
import { OpeningPeriod } from './office.ts';

export { isActive } from './glance.ts';

export const AnnouncementKind = z.enum(['closure', 'changed-hours', 'restriction', 'information']);
export type AnnouncementKind = z.infer<typeof AnnouncementKind>;

export const Announcement = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .min(2)
    .max(64),
  kind: AnnouncementKind,
  officeIds: z.array(z.string().min(1)).min(1),
  title: LocalizedText,
  body: LocalizedText,
  validFrom: Instant,
  /** Open-ended when absent. */
  validUntil: Instant.optional(),
  /** For changed hours: the hours that apply while the announcement is valid. */
  hours: z.array(OpeningPeriod).optional(),
  updatedAt: Instant,
});
export type Announcement = z.infer<typeof Announcement>;

/** What an author writes; the server stamps updatedAt. */
export const AnnouncementContent = Announcement.omit({ updatedAt: true });
export type AnnouncementContent = z.infer<typeof AnnouncementContent>;
