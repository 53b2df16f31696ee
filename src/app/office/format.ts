// Dates and times of the back office, in WIB (Asia/Jakarta) like the offices of the region, and said so:
// a clerk reading a deadline must not wonder whose clock it is.
import { formatDateTimeShort } from '../../domain/format.ts';
import type { Language } from '../i18n/index.ts';

/** An instant from the server as a table cell shows it; empty for none, as sent when it is not one. */
export function formatDateTime(value: string | null | undefined, lang: Language): string {
  if (!value) return '';
  if (Number.isNaN(Date.parse(value))) return value;
  return formatDateTimeShort(value, lang);
}

/** `<input type="datetime-local">` text (WIB) → an ISO instant with the +07:00 offset. */
export function wibLocalToInstant(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}
