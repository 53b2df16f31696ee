// A service office: Disdukcapil, the public-service mall (MPP), a district (kecamatan) office, a
// village office (kantor desa, where kiosks stand) or a community health centre (Puskesmas).
import { z } from 'zod';
import { ClockTime, Instant, LocalizedText, Slug, Text } from '../text.ts';

export const OfficeType = z.enum(['disdukcapil', 'mpp', 'kecamatan', 'kantor-desa', 'puskesmas']);
export type OfficeType = z.infer<typeof OfficeType>;

/** Opening hours on one weekday; ISO numbering, 1 = Monday … 7 = Sunday. A day may have breaks. */
export const OpeningPeriod = z.object({
  day: z.number().int().min(1).max(7),
  open: ClockTime,
  close: ClockTime,
});
export type OpeningPeriod = z.infer<typeof OpeningPeriod>;

/** Administrative codes as in idn-area-data: "35.29.22" (district), "35.29.22.2001" (village). */
export const AreaCode = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/);
export const IslandCode = z.string().regex(/^\d{2}\.\d{2}\.\d{5}$/);

export const Office = z.object({
  id: Slug,
  type: OfficeType,
  name: LocalizedText,
  regencyCode: AreaCode,
  districtCode: AreaCode,
  villageCode: AreaCode.optional(),
  /** The island it stands on (idn-area-data island code and name); absent on the mainland. */
  island: z.object({ code: IslandCode, name: Text.min(1) }).optional(),
  address: Text.min(1).max(300),
  hours: z.array(OpeningPeriod),
  contacts: z.object({
    phone: z
      .string()
      .regex(/^\+62\d{6,13}$/)
      .optional(),
    whatsapp: z
      .string()
      .regex(/^\+62\d{6,13}$/)
      .optional(),
    email: z.email().optional(),
    /**
     * Sample contacts (the seed's), not yet confirmed by the office: shown marked as examples so that
     * nobody calls a stranger. Saving the contacts from the back office confirms them (drops the flag).
     */
    example: z.boolean().optional(),
  }),
  hasKiosk: z.boolean(),
  updatedAt: Instant,
});
export type Office = z.infer<typeof Office>;

/** What an author writes; the server stamps updatedAt. */
export const OfficeContent = Office.omit({ updatedAt: true });
export type OfficeContent = z.infer<typeof OfficeContent>;
