// Who may know who complains: public, confidential or anonymous, and the name and phone number
// unless anonymous.
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import { useI18n } from '../i18n/index.ts';
import { ComplaintTextField } from './ComplaintTextField.tsx';
import type { ComplaintFieldError, ComplaintForm, SetComplaintField } from './complaint-form.ts';

export function ComplaintPrivacy({
  form,
  set,
  err,
}: {
  form: ComplaintForm;
  set: SetComplaintField;
  err: ComplaintFieldError;
}) {
  const { t } = useI18n();
  return (
    <>
      <div data-field="privacy">
        <FieldShell id="c-privacy" label={t('complaint.privacy.legend')} error={err('privacy')} required group>
          {(aria) =>
            (['public', 'confidential', 'anonymous'] as const).map((p) => (
              <div class="privacy-choice" key={p}>
                <label class="choice">
                  <input
                    type="radio"
                    name="c-privacy"
                    value={p}
                    checked={form.privacy === p}
                    aria-invalid={aria['aria-invalid']}
                    aria-describedby={`c-privacy-${p}-help`}
                    onChange={() => set('privacy', p)}
                  />
                  {t(`complaint.privacy.${p}`)}
                </label>
                <p id={`c-privacy-${p}-help`} class="field__help">
                  {t(`complaint.privacy.${p}Help`)}
                </p>
              </div>
            ))
          }
        </FieldShell>
      </div>
      {form.privacy !== 'anonymous' && (
        <>
          <ComplaintTextField
            field="name"
            id="c-name"
            type="text"
            autocomplete="name"
            label={t('complaint.field.name')}
            required
            form={form}
            set={set}
            err={err}
          />
          <ComplaintTextField
            field="phone"
            id="c-phone"
            type="tel"
            autocomplete="tel"
            label={t('complaint.field.phone')}
            form={form}
            set={set}
            err={err}
          />
        </>
      )}
    </>
  );
}
