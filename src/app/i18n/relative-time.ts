// "3 hari yang lalu" / "3 days ago": how old something is, in the UI language.
import { relativeTimeFormat } from '../../domain/format.ts';
import type { Language } from './index.ts';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

export function relativeTime(then: Date, now: Date, lang: Language): string {
  const diff = then.getTime() - now.getTime();
  const fmt = relativeTimeFormat(lang);
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'minute') return fmt.format(Math.round(diff / ms), unit);
  }
  return fmt.format(0, 'minute');
}
