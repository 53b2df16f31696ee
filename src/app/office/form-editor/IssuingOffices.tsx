// Which office types may issue a service's product (the standard's `issuedBy`): the serving offices of
// other types receive applications and forward them to an issuing one. None ticked: every serving
// office issues.
import { useState } from 'preact/hooks';
import { OfficeType } from '../../../domain/catalogue/office.ts';
import type { Service } from '../../../domain/catalogue/service.ts';
import { useI18n } from '../../i18n/index.ts';

export function IssuingOffices({
  service,
  busy,
  onSave,
}: {
  service: Service;
  busy: boolean;
  onSave(issuedBy: OfficeType[] | undefined): void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<ReadonlySet<OfficeType>>(new Set(service.issuedBy ?? []));
  const toggle = (type: OfficeType, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(type);
    else next.delete(type);
    setChosen(next);
  };
  return (
    <form
      class="office-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(chosen.size ? OfficeType.options.filter((o) => chosen.has(o)) : undefined);
      }}
    >
      <fieldset>
        <legend>{t('forms.issuers.title')}</legend>
        <p class="field__help">{t('forms.issuers.help')}</p>
        {OfficeType.options.map((type) => (
          <div class="field field__confirm" key={type}>
            <input
              id={`issuer-${type}`}
              type="checkbox"
              checked={chosen.has(type)}
              onChange={(e) => toggle(type, e.currentTarget.checked)}
            />
            <label for={`issuer-${type}`}>{t(`forms.issuers.type.${type}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" class="btn" disabled={busy}>
        {t('forms.issuers.save')}
      </button>
    </form>
  );
}
