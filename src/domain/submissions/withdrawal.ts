// A resident withdraws their application from their device (POST /api/applications/:id/withdrawal):
// the device proves it is the applicant's with the application's secret, the one whose SHA-256 the
// submission carried. The answer names no person; the status reaches the device by replication too.
import { z } from 'zod';
import { ApplicationStatus, TrackingNumber } from './submission.ts';

export const WithdrawalParams = z.object({ id: z.uuid() });

export const WithdrawalBody = z.object({
  /** The application's secret as the device made it (hex); never stored, only its hash is. */
  secret: z.string().regex(/^[0-9a-f]{64}$/, 'the application secret (64 hex digits)'),
});
export type WithdrawalBody = z.infer<typeof WithdrawalBody>;

export const WithdrawalResponse = z.object({
  id: z.uuid(),
  trackingNumber: TrackingNumber,
  status: z.literal('withdrawn'),
});
export type WithdrawalResponse = z.infer<typeof WithdrawalResponse>;

/** 409: the application is already in a final state (`current`). */
export const WithdrawalConflict = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
  current: ApplicationStatus,
});
