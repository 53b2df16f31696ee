// HTTP shapes of the field officer's export files: the server key devices encrypt to, the device
// signing keys officers register, and the back office's import answer (results as /api/submissions).
import { z } from 'zod';
import { EcPublicJwk, KeyId } from '../crypto/keys.ts';
import { SubmissionResult } from '../submissions/submission.ts';
import { Instant } from '../text.ts';
import { EXPORT_FORMAT, EXPORT_VERSION } from './export-format.ts';

/** GET /api/field/export-key: the public key export files are encrypted to; cached on the device at sign-in. */
export const ExportKeyResponse = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  keyId: KeyId,
  publicKey: EcPublicJwk,
});
export type ExportKeyResponse = z.infer<typeof ExportKeyResponse>;

/** POST /api/field/device-keys: the device's ECDSA P-256 public signing key. */
export const DeviceKeyBody = z.object({ publicKey: EcPublicJwk });
export type DeviceKeyBody = z.infer<typeof DeviceKeyBody>;

export const DeviceKeyResponse = z.object({ keyId: KeyId, accountId: z.uuid() });
export type DeviceKeyResponse = z.infer<typeof DeviceKeyResponse>;

export const DeviceKeyParams = z.object({ keyId: KeyId });

/**
 * GET /api/field/device-keys: registered signing keys, newest first — an administrator sees every
 * officer's (to revoke the key of a lost tablet), a field officer their own.
 */
export const RegisteredDeviceKey = z.object({
  keyId: KeyId,
  accountId: z.uuid(),
  username: z.string().nullable(),
  name: z.string(),
  registeredAt: Instant,
  revokedAt: Instant.nullable(),
  /** Signs acceptably now: not revoked, and the account is an enabled field officer. */
  active: z.boolean(),
});
export type RegisteredDeviceKey = z.infer<typeof RegisteredDeviceKey>;
export const DeviceKeyList = z.object({ keys: z.array(RegisteredDeviceKey) });
export const DeviceKeyListQuery = z.object({ accountId: z.uuid().optional() });

/** POST /api/office/imports: one result per application in the file, as POST /api/sealed answers. */
export const ImportResponse = z.object({
  keyId: KeyId,
  officerAccountId: z.uuid(),
  /** The device's clock when the file was made (informative). */
  exportCreatedAt: Instant,
  /** The sealed photo boxes in the file: all of them, those this import stored, those the server already held. */
  files: z.object({
    total: z.number().int().nonnegative(),
    stored: z.number().int().nonnegative(),
    present: z.number().int().nonnegative(),
  }),
  results: z.array(SubmissionResult),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

// The error codes of a refused file are ExportErrorCode (export-format.ts); routes/field-import.ts
// gives each its status (413 above the size limit).
