// Who wrote an entry of a history (an application's moves, a complaint's answers), in words.
import type { Role } from '../../domain/accounts/account.ts';
import { keyFor, type MessageKey, type Translate } from '../i18n/index.ts';

/** An account's role, the resident (a corrected resubmission) or the system. */
const ROLE_TEXT: Record<Role | 'resident' | 'system', MessageKey> = {
  administrator: 'office.role.administrator',
  officer: 'office.role.officer',
  'field-officer': 'office.role.field-officer',
  kiosk: 'office.role.kiosk',
  resident: 'office.role.resident',
  system: 'office.role.system',
};

/** The role as stored (text); one this build does not know is shown as it is. */
export function roleName(role: string, t: Translate): string {
  const key = keyFor(ROLE_TEXT, role);
  return key ? t(key) : role;
}
