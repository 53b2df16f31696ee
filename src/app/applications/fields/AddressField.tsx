// An address inside the region, chosen offline from the region dataset: province and regency are the
// region's; district and village are picked from lists; the street is typed.
import type { FormField } from '../../../domain/catalogue/form.ts';
import type { AddressAnswer, AnswerValue } from '../../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../../domain/region.ts';
import { CodeOptions } from '../../components/CodeOptions.tsx';
import { useI18n } from '../../i18n/index.ts';
import { FieldShell } from './FieldShell.tsx';

type Props = {
  field: Extract<FormField, { kind: 'address' }>;
  value: AnswerValue | undefined;
  region: RegionDataset | undefined;
  error: string | undefined;
  onChange(value: AnswerValue | undefined): void;
  onBlur(): void;
};

export function AddressField({ field, value, region, error, onChange, onBlur }: Props) {
  const { t, lang } = useI18n();
  const id = `f-${field.key}`;
  const current: AddressAnswer =
    typeof value === 'object'
      ? value
      : {
          provinceCode: region?.province.code ?? '',
          regencyCode: region?.id ?? '',
          districtCode: '',
          villageCode: '',
          street: '',
        };
  const set = (patch: Partial<AddressAnswer>) => onChange({ ...current, ...patch });
  const villages = region?.villages.filter(([code]) => code.startsWith(`${current.districtCode}.`)) ?? [];
  return (
    <FieldShell
      id={id}
      label={field.label[lang]}
      help={field.help?.[lang]}
      error={error}
      required={field.required}
      group
    >
      {(aria) => (
        <>
          <p class="address__region">{region ? `${region.name}, ${region.province.name}` : t('form.regionMissing')}</p>
          <div class="field">
            <label for={`${id}-district`}>{t('form.district')}</label>
            <select
              id={`${id}-district`}
              value={current.districtCode}
              aria-describedby={aria['aria-describedby']}
              onChange={(e) => set({ districtCode: e.currentTarget.value, villageCode: '' })}
              onBlur={onBlur}
            >
              <CodeOptions empty={t('form.choose')} items={region?.districts ?? []} />
            </select>
          </div>
          <div class="field">
            <label for={`${id}-village`}>{t('form.village')}</label>
            <select
              id={`${id}-village`}
              value={current.villageCode}
              disabled={!current.districtCode}
              onChange={(e) => set({ villageCode: e.currentTarget.value })}
              onBlur={onBlur}
            >
              <CodeOptions empty={t('form.choose')} items={villages} />
            </select>
          </div>
          <div class="field">
            <label for={`${id}-street`}>{t('form.street')}</label>
            <textarea
              id={`${id}-street`}
              rows={2}
              value={current.street}
              onInput={(e) => set({ street: e.currentTarget.value })}
              onBlur={onBlur}
            />
          </div>
        </>
      )}
    </FieldShell>
  );
}
