// The form to file a complaint, offline like an application: "Kirim" queues it in the outbox,
// exactly once. The unsent form lives in localStorage (except on a field officer's tablet), so a
// reload loses nothing. The places the complaint could also go are shown beside it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { SealedAtRestError } from '../../data/attachments/store.ts';
import { submitComplaint } from '../../data/feedback/submit.ts';
import { storesPlain } from '../../data/field/at-rest.ts';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { uuidv7 } from '../../data/uuidv7.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { Complaint } from '../../domain/feedback/complaint.ts';
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import { ContactList } from '../catalogue/ContactList.tsx';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { ComplaintAbout } from './ComplaintAbout.tsx';
import { ComplaintPrivacy } from './ComplaintPrivacy.tsx';
import { ComplaintTextField } from './ComplaintTextField.tsx';
import { channelsFor } from './complaint-channels.ts';
import {
  COMPLAINT_FIELD_ORDER,
  type ComplaintField,
  type ComplaintFieldError,
  type ComplaintForm,
  clearComplaintForm,
  complaintErrors,
  loadComplaintForm,
  type SetComplaintField,
  storeComplaintForm,
  toComplaintInput,
} from './complaint-form.ts';
import { PhotoField } from './PhotoField.tsx';

export function ComplaintFormView({
  services,
  offices,
  applications,
}: {
  services: Service[];
  offices: Office[];
  applications: OutboxEntry[];
}) {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<ComplaintForm>(() => {
    const loaded = loadComplaintForm(globalThis.localStorage, uuidv7);
    const wanted = new URLSearchParams(location.search).get('layanan');
    return wanted && !loaded.aboutKind ? { ...loaded, aboutKind: 'service', serviceId: wanted } : loaded;
  });
  const [errors, setErrors] = useState<Partial<Record<ComplaintField, MessageKey>>>({});
  const [notice, setNotice] = useState<MessageKey | undefined>();
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // Kept across reloads in web storage, except on a field officer's tablet (nothing plain at rest there).
  const [persist, setPersist] = useState(false);
  useEffect(() => {
    void storesPlain().then((plain) => {
      if (!plain) clearComplaintForm(globalThis.localStorage);
      setPersist(plain);
    });
  }, []);
  useEffect(() => {
    if (persist) storeComplaintForm(globalThis.localStorage, form);
  }, [form, persist]);
  const set: SetComplaintField = (key, value) => {
    setForm((f) => ({ ...f, [key]: value }));
    setNotice(undefined);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const found = complaintErrors(form);
    setErrors(found);
    const first = COMPLAINT_FIELD_ORDER.find((f) => found[f]);
    if (first) {
      setNotice('complaint.fixErrors');
      formRef.current
        ?.querySelector<HTMLElement>(
          `[data-field="${first}"] input, [data-field="${first}"] select, [data-field="${first}"] textarea`,
        )
        ?.focus();
      return;
    }
    setSending(true);
    try {
      const input = toComplaintInput(form);
      const { secretHash: _placeholder, ...rest } = Complaint.parse(input);
      await submitComplaint(rest);
      clearComplaintForm(globalThis.localStorage);
      setForm(loadComplaintForm(undefined, uuidv7));
      setErrors({});
      setNotice('complaint.sent');
    } catch (err) {
      setNotice(err instanceof SealedAtRestError ? 'complaint.sendSharedTablet' : 'complaint.sendFailed');
    } finally {
      setSending(false);
    }
  };

  const err: ComplaintFieldError = (f) => (errors[f] ? t(errors[f]!) : undefined);

  return (
    <div class="feedback__layout">
      <section aria-labelledby="complaint-form-title">
        <h2 id="complaint-form-title">{t('complaint.form.title')}</h2>
        <form ref={formRef} class="complaint-form" noValidate onSubmit={(e) => void submit(e)}>
          <ComplaintAbout
            form={form}
            set={set}
            onService={(serviceId) => setForm((f) => ({ ...f, serviceId, officeId: '' }))}
            err={err}
            services={services}
            offices={offices}
            applications={applications}
          />
          <FieldShell id="c-category" label={t('complaint.field.category')} required>
            <select
              id="c-category"
              value={form.category}
              onChange={(e) => set('category', e.currentTarget.value as ComplaintForm['category'])}
            >
              {(['information', 'service-quality', 'misconduct'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`complaint.category.${c}`)}
                </option>
              ))}
            </select>
          </FieldShell>
          <div data-field="what">
            <FieldShell
              id="c-what"
              label={t('complaint.field.what')}
              help={t('complaint.field.whatHelp')}
              error={err('what')}
              required
            >
              {(aria) => (
                <textarea
                  id="c-what"
                  rows={6}
                  maxLength={4000}
                  value={form.what}
                  {...aria}
                  onInput={(e) => set('what', e.currentTarget.value)}
                />
              )}
            </FieldShell>
          </div>
          <ComplaintTextField
            field="when"
            id="c-when"
            type="date"
            label={t('complaint.field.when')}
            required
            form={form}
            set={set}
            err={err}
          />
          <PhotoField
            id="c-photo"
            label={t('complaint.field.photo')}
            photo={form.photo}
            onChange={(p) => set('photo', p)}
          />
          <ComplaintPrivacy form={form} set={set} err={err} />
          <p class="field__help">{t('complaint.saved')}</p>
          {notice && (
            <p
              role={notice === 'complaint.sent' ? 'status' : 'alert'}
              class={notice === 'complaint.sent' ? 'notice' : 'field__error'}
            >
              {t(notice)}
            </p>
          )}
          <button type="submit" class="btn btn--primary" disabled={sending}>
            {t('complaint.submit')}
          </button>
        </form>
      </section>
      <aside class="feedback__channels" aria-labelledby="complaint-channels">
        <h2 id="complaint-channels">{t('complaint.channels.title')}</h2>
        <p>{t('complaint.channels.intro')}</p>
        <ContactList contacts={channelsFor(form, services, offices, applications, t, lang)} />
      </aside>
    </div>
  );
}
