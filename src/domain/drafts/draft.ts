// An application being filled on the device (a draft), before it is submitted. Answers are kept as
// typed (strings for text-like fields), so nothing the user entered is ever lost to parsing; the form
// definition's validation decides what is valid. Photos and files are referenced by their SHA-256.
import { z } from 'zod';
import { Slug, Text } from '../text.ts';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

export const AttachmentRef = z.object({
  sha256: Sha256,
  type: z.enum(['image/jpeg', 'application/pdf']),
  size: z.number().int().positive(),
  /** The file name the user picked, for display only. */
  name: Text.max(200),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** An address inside the region: district and village codes from the region dataset, plus the street. */
export const AddressAnswer = z.object({
  provinceCode: Text.max(2),
  regencyCode: Text.max(5),
  districtCode: Text.max(8),
  villageCode: Text.max(13),
  street: Text.max(200),
});
export type AddressAnswer = z.infer<typeof AddressAnswer>;

export const AnswerValue = z.union([Text.max(5000), z.boolean(), AddressAnswer]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const DraftApplicant = z.object({
  /** The resident applies for themself, or an officer (later: field officer) for a resident. */
  kind: z.enum(['self', 'resident']),
  name: Text.max(120).optional(),
});

export const Draft = z.object({
  id: z.uuid(),
  serviceId: Slug,
  formVersion: z.number().int().positive(),
  applicant: DraftApplicant,
  answers: z.record(z.string(), AnswerValue),
  /** Attachments per document field key. */
  attachments: z.record(z.string(), z.array(AttachmentRef)),
  consent: z.boolean(),
  /** Device times (ms since epoch): for "last changed" in the list, never trusted by the server. */
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Draft = z.infer<typeof Draft>;
