// How long an office waits for a resident's correction before the application is abandoned, and how
// many days before that the resident is told (GET/PUT /api/office/offices/:id/correction-period).
import { z } from 'zod';

export const CorrectionPeriodSchema = z
  .object({
    /** Days in needs-correction after which the application is abandoned. */
    days: z.number().int().min(1).max(365),
    /** Days before that when the resident is told (they always get at least this long). */
    noticeDays: z.number().int().min(1).max(60),
  })
  .refine((p) => p.noticeDays < p.days, { message: 'noticeDays must be less than days', path: ['noticeDays'] });
export type CorrectionPeriod = z.infer<typeof CorrectionPeriodSchema>;
