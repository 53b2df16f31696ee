// The holiday calendar the administrator keeps (national holidays, cuti bersama, a regency's own
// days): the working days of every service standard's completion time (service-clock.ts).
import { z } from 'zod';
import { Text } from '../text.ts';

export const HolidayKind = z.enum(['national', 'cuti-bersama', 'regional']);
export type HolidayKind = z.infer<typeof HolidayKind>;

/** A WIB calendar day, YYYY-MM-DD, that exists. */
export const HolidayDay = z.iso.date();

export const HolidayInput = z.object({
  kind: HolidayKind,
  name: Text.trim().min(1).max(200),
});
export type HolidayInput = z.infer<typeof HolidayInput>;

export const Holiday = HolidayInput.extend({ day: HolidayDay });
export type Holiday = z.infer<typeof Holiday>;

export const HolidayList = z.object({
  holidays: z.array(Holiday),
  /** The years with at least one entry: a year missing here counts Monday to Friday only. */
  years: z.array(z.number().int()),
});
export type HolidayList = z.infer<typeof HolidayList>;

/** What a change of the calendar answers: the day, and how many applications' due times it moved. */
export const HolidayChange = z.object({ holiday: Holiday.nullable(), recomputed: z.number().int() });
export type HolidayChange = z.infer<typeof HolidayChange>;
