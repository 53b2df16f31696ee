// An answer as words for a review screen (the resident's, the kiosk's, the field officer's): yes/no,
// a choice's label, a date in words, an address with its village and district names.
import type { FormField } from '../../domain/catalogue/form.ts';
import type { AnswerValue } from '../../domain/drafts/draft.ts';
import { formatDateAnswer } from '../../domain/format.ts';
import type { RegionDataset } from '../../domain/region.ts';
import type { Translate } from '../i18n/index.ts';

export function answerText(
  field: FormField,
  value: AnswerValue | undefined,
  region: RegionDataset | undefined,
  t: Translate,
  lang: 'id' | 'en',
): string {
  if (value === undefined) return t('review.empty');
  if (typeof value === 'boolean') return value ? t('form.yes') : t('form.no');
  if (typeof value === 'object') {
    const district = region?.districts.find(([c]) => c === value.districtCode)?.[1];
    const village = region?.villages.find(([c]) => c === value.villageCode)?.[1];
    return [value.street, village, district].filter(Boolean).join(', ');
  }
  if (field.kind === 'choice') return field.options.find((o) => o.value === value)?.label[lang] ?? value;
  if (field.kind === 'date') return formatDateAnswer(value, lang);
  return value;
}
