// /pengaduan: this device's complaints (state, tracking number, the office's answers, pulled from
// the server) and the form to file one — offline like an application: "Kirim" queues it in the
// outbox, exactly once. The unsent form lives in localStorage, so a reload loses nothing. The
// service standard's complaint channels (and SP4N-LAPOR!) are shown beside it.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { combineLatest } from 'rxjs';
import { SealedAtRestError } from '../../data/attachments/store.ts';
import { complaintEntries$, discardComplaint, submitComplaint } from '../../data/feedback/submit.ts';
import { complaintUpdates$, followComplaints, refreshComplaints } from '../../data/feedback/sync.ts';
import { storesPlain } from '../../data/field/at-rest.ts';
import type { ComplaintOutboxEntry, OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { outbox$ } from '../../data/outbox/submit.ts';
import { uuidv7 } from '../../data/uuidv7.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { Complaint, type ComplaintUpdate } from '../../domain/feedback/complaint.ts';
import { formatDate } from '../../domain/format.ts';
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import { type Contact, ContactList } from '../catalogue/ContactList.tsx';
import { officeContacts } from '../catalogue/office-contacts.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { type MessageKey, type Translate, useI18n } from '../i18n/index.ts';
import {
  COMPLAINT_FIELD_ORDER,
  type ComplaintField,
  type ComplaintForm,
  clearComplaintForm,
  complaintErrors,
  loadComplaintForm,
  storeComplaintForm,
  toComplaintInput,
} from './complaint-form.ts';
import { PhotoField } from './PhotoField.tsx';

export default function ComplaintPage() {
  const { t } = useI18n();
  const catalogue = useCatalogue();
  const state = useObservable<[ComplaintOutboxEntry[], ComplaintUpdate[], OutboxEntry[]]>(
    () => combineLatest([complaintEntries$(), complaintUpdates$(), outbox$()]),
    [],
  );
  const entries = state.status === 'ready' ? state.value[0] : [];
  const delivered = entries.filter((e) => e.state === 'delivered').length;

  const hasComplaints = entries.length > 0;

  // Follow the office's answers while the page is open and there is a complaint to answer: the device
  // key they are pulled with exists from the first complaint on. Pull again whenever one is delivered.
  useEffect(() => {
    if (!hasComplaints) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void followComplaints()
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [hasComplaints]);
  useEffect(() => {
    if (delivered > 0) refreshComplaints();
  }, [delivered]);

  const services = catalogue.status === 'ready' ? catalogue.value.services : [];
  const offices = catalogue.status === 'ready' ? catalogue.value.offices : [];
  const applications = state.status === 'ready' ? state.value[2] : [];
  return (
    <article class="feedback complaint-page">
      <h1>{t('complaint.title')}</h1>
      <p class="lead">{t('complaint.intro')}</p>
      <section aria-labelledby="my-complaints">
        <h2 id="my-complaints">{t('complaint.mine.title')}</h2>
        {state.status === 'ready' && entries.length === 0 && <p>{t('complaint.mine.none')}</p>}
        <ul class="complaints">
          {entries.map((e) => (
            <MyComplaint
              key={e.id}
              entry={e}
              update={state.status === 'ready' ? state.value[1].find((u) => u.id === e.id) : undefined}
              services={services}
              offices={offices}
            />
          ))}
        </ul>
      </section>
      <ComplaintFormView services={services} offices={offices} applications={applications} />
    </article>
  );
}

function aboutLabel(entry: ComplaintOutboxEntry, services: Service[], offices: Office[], lang: 'id' | 'en'): string {
  const about = entry.record.about;
  if (about.kind === 'application') return about.trackingNumber;
  if (about.kind === 'office') return offices.find((o) => o.id === about.officeId)?.name[lang] ?? about.officeId;
  return services.find((s) => s.id === about.serviceId)?.name[lang] ?? about.serviceId;
}

function MyComplaint({
  entry,
  update,
  services,
  offices,
}: {
  entry: ComplaintOutboxEntry;
  update: ComplaintUpdate | undefined;
  services: Service[];
  offices: Office[];
}) {
  const { t, lang } = useI18n();
  const result = entry.result;
  return (
    <li class="complaint" data-id={entry.id}>
      <h3 class="complaint__about">{aboutLabel(entry, services, offices, lang)}</h3>
      <p class={`state state--${entry.state}`}>{t(`complaint.state.${entry.state}` as MessageKey)}</p>
      <dl class="receipt">
        <dt>{t('complaint.filedOn')}</dt>
        <dd>{formatDate(new Date(entry.queuedAt), lang)}</dd>
        {result?.status === 'accepted' && (
          <>
            <dt>{t('outbox.trackingNumber')}</dt>
            <dd class="receipt__number">{result.trackingNumber}</dd>
          </>
        )}
        {update && (
          <>
            <dt>{t('outbox.officeStatus')}</dt>
            <dd class="complaint__status">{t(`complaint.status.${update.status}` as MessageKey)}</dd>
            <dt>{t('complaint.dueAt')}</dt>
            <dd>{formatDate(update.dueAt, lang)}</dd>
          </>
        )}
      </dl>
      <p class="complaint__what">{entry.record.what}</p>
      {update && (
        <section class="office-update" aria-label={t('complaint.answers')}>
          <h4>{t('complaint.answers')}</h4>
          {update.answers.length === 0 ? (
            <p>{t('complaint.noAnswer')}</p>
          ) : (
            <ol class="complaint__answers">
              {update.answers.map((a) => (
                <li key={a.at}>
                  <p class="office-update__time">{formatDate(a.at, lang)}</p>
                  <p class="office-update__message">{a.text}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      {result?.status === 'rejected' && (
        <ul class="field__error">
          {Object.entries(result.errors).map(([field, e]) => (
            <li key={field}>{t(`complaint.error.${e.code.replace(/^complaint\./, '')}` as MessageKey)}</li>
          ))}
        </ul>
      )}
      {(entry.state === 'rejected' || entry.state === 'quarantined') && (
        <button type="button" class="btn" onClick={() => void discardComplaint(entry.id)}>
          {t('complaint.discard')}
        </button>
      )}
    </li>
  );
}

const LAPOR: (t: Translate) => Contact[] = (t) => [
  { kind: 'web', value: 'https://www.lapor.go.id', label: t('complaint.channels.lapor') },
  { kind: 'sms', value: '1708', label: t('complaint.channels.laporSms') },
];

function channelsFor(
  form: ComplaintForm,
  services: Service[],
  offices: Office[],
  applications: OutboxEntry[],
  t: Translate,
  lang: 'id' | 'en',
): Contact[] {
  const list: Contact[] = [];
  let serviceId = form.aboutKind === 'service' ? form.serviceId : '';
  if (form.aboutKind === 'application') {
    const own = applications.find(
      (a) => a.result?.status === 'accepted' && a.result.trackingNumber === form.trackingNumber.trim().toUpperCase(),
    );
    serviceId = own?.record.serviceId ?? '';
  }
  const service = services.find((s) => s.id === serviceId);
  if (service)
    list.push(...service.complaintChannels.map((c) => ({ kind: c.kind, value: c.value, label: c.label[lang] })));
  const office = form.officeId ? offices.find((o) => o.id === form.officeId) : undefined;
  if (office && form.aboutKind !== 'application') list.push(...officeContacts(office, t));
  list.push(...LAPOR(t));
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(`${c.kind}:${c.value}`) && seen.add(`${c.kind}:${c.value}`));
}

function ComplaintFormView({
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
  const set = <K extends keyof ComplaintForm>(key: K, value: ComplaintForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setNotice(undefined);
  };

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

  const err = (f: ComplaintField) => (errors[f] ? t(errors[f]!) : undefined);

  return (
    <div class="feedback__layout">
      <section aria-labelledby="complaint-form-title">
        <h2 id="complaint-form-title">{t('complaint.form.title')}</h2>
        <form ref={formRef} class="complaint-form" noValidate onSubmit={(e) => void submit(e)}>
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
                      onChange={(e) => setForm((f) => ({ ...f, serviceId: e.currentTarget.value, officeId: '' }))}
                    >
                      <option value="">{t('complaint.field.choose')}</option>
                      {services.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name[lang]}
                        </option>
                      ))}
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
                    <option value="">{t('complaint.field.unknownOffice')}</option>
                    {serviceOffices.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name[lang]}
                      </option>
                    ))}
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
                    <option value="">{t('complaint.field.choose')}</option>
                    {offices.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name[lang]}
                      </option>
                    ))}
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
              <div data-field="trackingNumber">
                <FieldShell
                  id="c-tracking"
                  label={t('complaint.field.trackingNumber')}
                  help={t('complaint.field.trackingNumberHelp')}
                  error={err('trackingNumber')}
                  required
                >
                  {(aria) => (
                    <input
                      id="c-tracking"
                      type="text"
                      autocomplete="off"
                      value={form.trackingNumber}
                      {...aria}
                      onInput={(e) => set('trackingNumber', e.currentTarget.value)}
                    />
                  )}
                </FieldShell>
              </div>
            </>
          )}
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
          <div data-field="when">
            <FieldShell id="c-when" label={t('complaint.field.when')} error={err('when')} required>
              {(aria) => (
                <input
                  id="c-when"
                  type="date"
                  value={form.when}
                  {...aria}
                  onInput={(e) => set('when', e.currentTarget.value)}
                />
              )}
            </FieldShell>
          </div>
          <PhotoField
            id="c-photo"
            label={t('complaint.field.photo')}
            photo={form.photo}
            onChange={(p) => set('photo', p)}
          />
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
              <div data-field="name">
                <FieldShell id="c-name" label={t('complaint.field.name')} error={err('name')} required>
                  {(aria) => (
                    <input
                      id="c-name"
                      type="text"
                      autocomplete="name"
                      value={form.name}
                      {...aria}
                      onInput={(e) => set('name', e.currentTarget.value)}
                    />
                  )}
                </FieldShell>
              </div>
              <div data-field="phone">
                <FieldShell id="c-phone" label={t('complaint.field.phone')} error={err('phone')}>
                  {(aria) => (
                    <input
                      id="c-phone"
                      type="tel"
                      autocomplete="tel"
                      value={form.phone}
                      {...aria}
                      onInput={(e) => set('phone', e.currentTarget.value)}
                    />
                  )}
                </FieldShell>
              </div>
            </>
          )}
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
