// One answer of the form, by field kind. The typed text is kept as typed — even when invalid — and
// handed up on every input, so it is saved at once and never lost.
import type { FormField } from '../../../domain/catalogue/form.ts';
import type { AnswerValue } from '../../../domain/drafts/draft.ts';
import { useI18n } from '../../i18n/index.ts';
import { FieldShell } from './FieldShell.tsx';

export type FieldInputProps = {
  field: Exclude<FormField, { kind: 'address' } | { kind: 'document' }>;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange(value: AnswerValue | undefined): void;
  onBlur(): void;
};

const INPUTS: Record<string, { type: string; inputMode?: string; autoComplete?: string }> = {
  text: { type: 'text' },
  number: { type: 'text', inputMode: 'decimal' },
  date: { type: 'date' },
  phone: { type: 'tel', inputMode: 'tel', autoComplete: 'tel' },
  email: { type: 'email', inputMode: 'email', autoComplete: 'email' },
  nik: { type: 'text', inputMode: 'numeric', autoComplete: 'off' },
  kk: { type: 'text', inputMode: 'numeric', autoComplete: 'off' },
};

export function FieldInput({ field, value, error, onChange, onBlur }: FieldInputProps) {
  const { t, lang } = useI18n();
  const id = `f-${field.key}`;
  const shell = { id, label: field.label[lang], help: field.help?.[lang], error, required: field.required };
  const text = typeof value === 'string' ? value : '';

  switch (field.kind) {
    case 'longText':
      return (
        <FieldShell {...shell}>
          {(aria) => (
            <textarea
              id={id}
              name={field.key}
              rows={4}
              value={text}
              onInput={(e) => onChange(e.currentTarget.value)}
              onBlur={onBlur}
              aria-required={field.required}
              {...aria}
            />
          )}
        </FieldShell>
      );
    case 'yesNo':
      return (
        <FieldShell {...shell} group>
          <div class="choices">
            {[true, false].map((v) => (
              <label key={String(v)} class="choice">
                <input
                  type="radio"
                  name={field.key}
                  checked={value === v}
                  onChange={() => onChange(v)}
                  onBlur={onBlur}
                />
                {v ? t('form.yes') : t('form.no')}
              </label>
            ))}
          </div>
        </FieldShell>
      );
    case 'choice':
      if (field.options.length <= 5) {
        return (
          <FieldShell {...shell} group>
            <div class="choices">
              {field.options.map((o) => (
                <label key={o.value} class="choice">
                  <input
                    type="radio"
                    name={field.key}
                    value={o.value}
                    checked={value === o.value}
                    onChange={() => onChange(o.value)}
                    onBlur={onBlur}
                  />
                  {o.label[lang]}
                </label>
              ))}
            </div>
          </FieldShell>
        );
      }
      return (
        <FieldShell {...shell}>
          {(aria) => (
            <select
              id={id}
              name={field.key}
              value={text}
              onChange={(e) => onChange(e.currentTarget.value || undefined)}
              onBlur={onBlur}
              aria-required={field.required}
              {...aria}
            >
              <option value="">{t('form.choose')}</option>
              {field.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label[lang]}
                </option>
              ))}
            </select>
          )}
        </FieldShell>
      );
    default: {
      const input = INPUTS[field.kind] ?? { type: 'text' };
      return (
        <FieldShell {...shell}>
          {(aria) => (
            <input
              id={id}
              name={field.key}
              type={input.type}
              inputMode={input.inputMode as never}
              autoComplete={input.autoComplete ?? 'on'}
              value={text}
              onInput={(e) => onChange(e.currentTarget.value)}
              onBlur={onBlur}
              aria-required={field.required}
              {...aria}
            />
          )}
        </FieldShell>
      );
    }
  }
}
