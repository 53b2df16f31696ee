// Names of weekdays, channels, office types and requirement forms, in both languages.
import type { Language, MessageKey } from '../i18n/index.ts';

const DAYS: Record<Language, string[]> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** ISO weekday (1 = Monday) to its name. */
export const dayName = (day: number, lang: Language): string => DAYS[lang][day - 1] ?? String(day);

export const channelKey = (c: 'online' | 'kiosk' | 'field' | 'counter'): MessageKey => `channel.${c}`;
export const officeTypeKey = (t: 'disdukcapil' | 'mpp' | 'kecamatan' | 'kantor-desa' | 'puskesmas'): MessageKey =>
  `officeType.${t}`;
export const requirementFormKey = (f: 'original' | 'copy' | 'original-and-copy'): MessageKey => `requirement.${f}`;
export const announcementKindKey = (k: 'closure' | 'changed-hours' | 'restriction' | 'information'): MessageKey =>
  `announcement.${k}`;
