// Who may say a record came in by which channel. Anyone may send an 'online' record; 'kiosk' only an
// enrolled kiosk (its bearer token on the request), for its own office; 'counter' only the counter
// route of a signed-in officer; 'field' a field officer: an application proves it with the officer's
// device signature (store.ts), a complaint or survey response with the officer's bearer token. A
// claim nobody proves is rejected under `channel`, never stored as made by staff.
import type { Principal } from '../../domain/accounts/account.ts';
import type { Channel } from '../../domain/catalogue/service.ts';
import type { SubmissionRejection } from '../../domain/submissions/submission.ts';

/** Who is sending, as far as the channel of what they send is concerned. */
export type Submitter =
  | { kind: 'anonymous' }
  | { kind: 'kiosk'; officeIds: readonly string[] }
  | { kind: 'field-officer' }
  /** The counter route, for the officer's office. */
  | { kind: 'counter' };

export const ANONYMOUS: Submitter = { kind: 'anonymous' };

/** The submitter of a device request: its bearer token's kiosk or field officer, else anonymous. */
export function submitterOf(principal: Principal | null): Submitter {
  if (principal?.role === 'kiosk') return { kind: 'kiosk', officeIds: principal.officeIds };
  if (principal?.role === 'field-officer') return { kind: 'field-officer' };
  return ANONYMOUS;
}

export const CHANNEL_UNVERIFIED = 'channel.unverified' satisfies SubmissionRejection;

/**
 * Whether `submitter` may make a record of `channel` (for `officeId`, when the record names one).
 * Field applications are left to their signature check (`signedField`).
 */
export function channelAllowed(
  channel: Channel,
  submitter: Submitter,
  opts: { officeId?: string | undefined; signedField?: boolean } = {},
): boolean {
  switch (channel) {
    case 'online':
      return true;
    case 'kiosk':
      return submitter.kind === 'kiosk' && (opts.officeId === undefined || submitter.officeIds.includes(opts.officeId));
    case 'counter':
      return submitter.kind === 'counter';
    case 'field':
      return opts.signedField === true || submitter.kind === 'field-officer';
  }
}
