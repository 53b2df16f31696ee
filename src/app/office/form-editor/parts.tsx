// Small pieces the form editor's rows share: a text in both languages, and a row's problems.
import type { LocalizedText } from '../../../domain/text.ts';
import { useI18n } from '../../i18n/index.ts';

/** Two inputs, Indonesian and English; both emptied means absent (an optional text). */
export function TextPair({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: LocalizedText | undefined;
  onChange(v: LocalizedText | undefined): void;
}) {
  const { t } = useI18n();
  const set = (lang: 'id' | 'en', text: string) => {
    const next = { id: value?.id ?? '', en: value?.en ?? '', [lang]: text };
    onChange(next.id === '' && next.en === '' ? undefined : next);
  };
  return (
    <div class="forms-pair">
      {(['id', 'en'] as const).map((lang) => (
        <div class="field" key={lang}>
          <label for={`${id}-${lang}`}>{t(`forms.in.${lang}`, { what: label })}</label>
          <input id={`${id}-${lang}`} value={value?.[lang] ?? ''} onInput={(e) => set(lang, e.currentTarget.value)} />
        </div>
      ))}
    </div>
  );
}

/** What is wrong with one row, at its top (the save button lists them all). */
export function RowProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul class="field__error">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

export const rowClass = (problems: string[]) => `forms-item${problems.length ? ' forms-item--invalid' : ''}`;
