// Dates and times of the back office, in WIB (Asia/Jakarta) like the offices of the region, and said so:
// a clerk reading a deadline must not wonder whose clock it is.
import type { Language } from '../i18n/index.ts';

export function formatDateTime(value: string | null | undefined, lang: Language): string {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .concat(' WIB');
}

/** `<input type="datetime-local">` text (WIB) → an ISO instant with the +07:00 offset. */
export function wibLocalToInstant(local: string): string {
  return `${local.length === 16 ? `${local}:00` : local}+07:00`;
}
