// How a service's product is issued: which office types may issue it (the standard's `issuedBy`: the
// serving offices of other types receive applications and forward them to an issuing one; none
// ticked, every serving office issues), and whether the product is electronic (`electronicProduct`:
// a file the resident downloads, so `ready` needs no pickup place).
import { useState } from 'preact/hooks';
import { OfficeType } from '../../../domain/catalogue/office.ts';
import type { Service } from '../../../domain/catalogue/service.ts';
import { useI18n } from '../../i18n/index.ts';

/** The standard's fields this form sets; undefined removes a field. */
export type Issuing = Pick<Service, 'issuedBy' | 'electronicProduct'>;

export function IssuingOffices({
  service,
  busy,
  onSave,
}: {
  service: Service;
  busy: boolean;
  onSave(issuing: Issuing): void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<ReadonlySet<OfficeType>>(new Set(service.issuedBy ?? []));
  const [electronic, setElectronic] = useState(service.electronicProduct === true);
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
        onSave({
          issuedBy: chosen.size ? OfficeType.options.filter((o) => chosen.has(o)) : undefined,
          electronicProduct: electronic || undefined,
        });
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
      <fieldset>
        <legend>{t('forms.issuers.product')}</legend>
        <div class="field field__confirm">
          <input
            id="issuer-electronic"
            type="checkbox"
            checked={electronic}
            aria-describedby="issuer-electronic-help"
            onChange={(e) => setElectronic(e.currentTarget.checked)}
          />
          <label for="issuer-electronic">{t('forms.issuers.electronic')}</label>
        </div>
        <p id="issuer-electronic-help" class="field__help">
          {t('forms.issuers.electronicHelp')}
        </p>
      </fieldset>
      <button type="submit" class="btn" disabled={busy}>
        {t('forms.issuers.save')}
      </button>
    </form>
  );
}
