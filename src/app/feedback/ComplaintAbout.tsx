// What a complaint is about: a service (and, when known, its office), an office, or an application
// by its tracking number (offered from this device's own sent applications).
import { useMemo } from 'preact/hooks';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import { CodeOptions, namedCodes } from '../components/CodeOptions.tsx';
import { useI18n } from '../i18n/index.ts';
import { ComplaintTextField } from './ComplaintTextField.tsx';
import type { ComplaintFieldError, ComplaintForm, SetComplaintField } from './complaint-form.ts';

export function ComplaintAbout({
  form,
  set,
  onService,
  err,
  services,
  offices,
  applications,
}: {
  form: ComplaintForm;
  set: SetComplaintField;
  /** A service was chosen: its office, chosen for the previous one, no longer applies. */
  onService(serviceId: string): void;
  err: ComplaintFieldError;
  services: Service[];
  offices: Office[];
  applications: OutboxEntry[];
}) {
  const { t, lang } = useI18n();
  const tracked = useMemo(
    () =>
      applications.flatMap((a) =>
        a.result?.status === 'accepted'
          ? [
              {
                number: a.result.trackingNumber,
                service: services.find((s) => s.id === a.record.serviceId)?.name[lang] ?? a.record.serviceId,
              },
            ]
          : [],
      ),
    [applications, services, lang],
  );
  const service = services.find((s) => s.id === form.serviceId);
  const serviceOffices = service ? offices.filter((o) => service.officeIds.includes(o.id)) : [];
  return (
    <>
      <div data-field="aboutKind">
        <FieldShell id="c-about" label={t('complaint.about.legend')} error={err('aboutKind')} required group>
          {(aria) => (
            <div class="choices">
              {(['service', 'office', 'application'] as const).map((k) => (
                <label class="choice" key={k}>
                  <input
                    type="radio"
                    name="c-about"
                    value={k}
                    checked={form.aboutKind === k}
                    aria-invalid={aria['aria-invalid']}
                    onChange={() => set('aboutKind', k)}
                  />
                  {t(`complaint.about.${k}`)}
                </label>
              ))}
            </div>
          )}
        </FieldShell>
      </div>
      {form.aboutKind === 'service' && (
        <>
          <div data-field="serviceId">
            <FieldShell id="c-service" label={t('complaint.field.service')} error={err('serviceId')} required>
              {(aria) => (
                <select
                  id="c-service"
                  value={form.serviceId}
                  {...aria}
                  onChange={(e) => onService(e.currentTarget.value)}
                >
                  <CodeOptions empty={t('complaint.field.choose')} items={namedCodes(services, lang)} />
                </select>
              )}
            </FieldShell>
          </div>
          {serviceOffices.length > 1 && (
            <FieldShell id="c-service-office" label={t('complaint.field.serviceOffice')}>
              <select
                id="c-service-office"
                value={form.officeId}
                onChange={(e) => set('officeId', e.currentTarget.value)}
              >
                <CodeOptions empty={t('complaint.field.unknownOffice')} items={namedCodes(serviceOffices, lang)} />
              </select>
            </FieldShell>
          )}
        </>
      )}
      {form.aboutKind === 'office' && (
        <div data-field="officeId">
          <FieldShell id="c-office" label={t('complaint.field.office')} error={err('officeId')} required>
            {(aria) => (
              <select
                id="c-office"
                value={form.officeId}
                {...aria}
                onChange={(e) => set('officeId', e.currentTarget.value)}
              >
                <CodeOptions empty={t('complaint.field.choose')} items={namedCodes(offices, lang)} />
              </select>
            )}
          </FieldShell>
        </div>
      )}
      {form.aboutKind === 'application' && (
        <>
          {tracked.length > 0 && (
            <FieldShell id="c-application" label={t('complaint.field.application')}>
              <select
                id="c-application"
                value={tracked.some((a) => a.number === form.trackingNumber) ? form.trackingNumber : ''}
                onChange={(e) => set('trackingNumber', e.currentTarget.value)}
              >
                <option value="">{t('complaint.field.otherNumber')}</option>
                {tracked.map((a) => (
                  <option key={a.number} value={a.number}>
                    {`${a.number} · ${a.service}`}
                  </option>
                ))}
              </select>
            </FieldShell>
          )}
          <ComplaintTextField
            field="trackingNumber"
            id="c-tracking"
            type="text"
            autocomplete="off"
            label={t('complaint.field.trackingNumber')}
            help={t('complaint.field.trackingNumberHelp')}
            required
            form={form}
            set={set}
            err={err}
          />
        </>
      )}
    </>
  );
}
