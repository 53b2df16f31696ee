// Accounts, roles and sign-in shapes shared by the back office, the field-officer app and the server.
// Four roles: administrator (regency), officer (bound to offices), field-officer (collects
// applications offline), kiosk (a tablet enrolled by an administrator; it has no password).
import { z } from 'zod';
import { Text } from '../text.ts';

export const Role = z.enum(['administrator', 'officer', 'field-officer', 'kiosk']);
export type Role = z.infer<typeof Role>;

/** Roles a person signs in as with a username and password (a kiosk is a device with a token). */
export const StaffRole = z.enum(['administrator', 'officer', 'field-officer']);
export type StaffRole = z.infer<typeof StaffRole>;

/** An office id as in the catalogue's `offices` collection. */
export const OfficeId = Text.min(1).max(80);

/** Who is asking: resolved by the server from a session cookie or a bearer token. No secrets. */
export const Principal = z.object({
  accountId: z.string().uuid(),
  role: Role,
  /** The offices an officer works for; a kiosk's one office; empty for administrators. */
  officeIds: z.array(OfficeId),
  name: z.string(),
});
export type Principal = z.infer<typeof Principal>;

/** The offices whose data an account may see: its own, or every office (administrators). */
export type OfficeScope = 'all' | readonly string[];

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'letters, digits, dot, dash and underscore');

export const PASSWORD_MIN_LENGTH = 12;
/** A new password: long rather than complicated. */
export const NewPassword = Text.min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`).max(256);

export const LoginBody = z.object({
  username: Text.trim().toLowerCase().min(1).max(64),
  password: Text.min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

/**
 * Answer of a back-office login and of /api/auth/me: send `csrfToken` as `x-csrf-token` on every
 * request that changes something. Null when the caller used a bearer token (no CSRF needed).
 */
export const SessionInfo = z.object({ principal: Principal, csrfToken: z.string().nullable() });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A field officer's bearer token, for the tablet that works offline for days. */
export const TokenResponse = z.object({
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: z.string().datetime(),
  principal: Principal,
  /** How long the offline PIN unlock stays valid on the device before it must sign in online. */
  pinValidityDays: z.number().int().positive(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Too many attempts: wait `retryAfterSeconds` (also in the Retry-After header). */
export const RateLimitedError = z.object({
  error: z.object({
    code: z.enum(['account_locked', 'too_many_attempts']),
    message: z.string(),
    retryAfterSeconds: z.number().int().positive(),
  }),
});
export type RateLimitedError = z.infer<typeof RateLimitedError>;

export const Account = z.object({
  id: z.string().uuid(),
  username: z.string(),
  name: z.string(),
  role: StaffRole,
  officeIds: z.array(OfficeId),
  disabled: z.boolean(),
  createdAt: z.string().datetime(),
});
export type Account = z.infer<typeof Account>;

export const AccountList = z.object({ accounts: z.array(Account) });

export const AccountCreate = z.object({
  username: Username,
  name: Text.trim().min(1).max(120),
  role: StaffRole,
  officeIds: z.array(OfficeId).max(50).default([]),
  password: NewPassword,
});
export type AccountCreate = z.infer<typeof AccountCreate>;

export const AccountUpdate = z
  .object({
    name: Text.trim().min(1).max(120),
    role: StaffRole,
    officeIds: z.array(OfficeId).max(50),
    disabled: z.boolean(),
    /** A new password; every session and token of the account ends. */
    password: NewPassword,
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, 'nothing to change');
export type AccountUpdate = z.infer<typeof AccountUpdate>;

/** Hours a password reset's one-time code stays valid. */
export const RESET_CODE_HOURS = 24;

/** A reset's one-time code, shown once to the administrator who reads it out to the account's owner. */
export const ResetCode = z.object({
  /** Twelve letters and digits in groups of four (no 0/O, 1/I/L), e.g. `K7QM-3XTD-W9PA`. */
  code: z.string(),
  expiresAt: z.string().datetime(),
  account: Account,
});
export type ResetCode = z.infer<typeof ResetCode>;

/** Signing in with a one-time code: the new password is set at once, and only then a session starts. */
export const ResetWithCode = z.object({
  username: LoginBody.shape.username,
  code: Text.min(1).max(64),
  newPassword: NewPassword,
});
export type ResetWithCode = z.infer<typeof ResetWithCode>;

/** Officers need at least one office; administrators have none (they see every office). */
export function officeRuleError(role: StaffRole, officeIds: readonly string[]): string | null {
  if (role === 'officer' && officeIds.length === 0) return 'An officer works for at least one office.';
  if (role === 'administrator' && officeIds.length > 0) return 'Administrators are not bound to offices.';
  return null;
}

export const DeviceEnrol = z.object({ name: Text.trim().min(1).max(120), officeId: OfficeId });
export type DeviceEnrol = z.infer<typeof DeviceEnrol>;

export const Device = z.object({
  id: z.string().uuid(),
  name: z.string(),
  officeId: OfficeId,
  enrolledAt: z.string().datetime(),
  revoked: z.boolean(),
});
export type Device = z.infer<typeof Device>;

export const DeviceList = z.object({ devices: z.array(Device) });

/** The kiosk's bearer token is shown once, here; the server keeps only its hash. */
export const DeviceEnrolment = z.object({ device: Device, token: z.string() });
export type DeviceEnrolment = z.infer<typeof DeviceEnrolment>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string().datetime(),
  accountId: z.string().uuid().nullable(),
  /** The actor's username (staff, not personal data); null for the system, a kiosk or nobody. */
  actorUsername: z.string().nullable(),
  role: Role.nullable(),
  action: z.string(),
  targetKind: z.string().nullable(),
  targetId: z.string().nullable(),
  officeId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

const Day = z.iso.date();

export const AuditQuery = z
  .object({
    /** Entries older than this id (the `next` of the previous page). */
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** Who acted (an account id). */
    actor: z.string().uuid().optional(),
    /** An action, or a family of them: `auth` matches auth.login, auth.logout… */
    action: z
      .string()
      .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'an action such as auth.login, or its first part')
      .max(80)
      .optional(),
    /** The first and last day (WIB) of the range, both included. */
    from: Day.optional(),
    to: Day.optional(),
    office: OfficeId.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from is after to', path: ['to'] });
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
