// /petugas/loket: the counter. An officer enters a walk-in resident's application (same form, same
// checks, same queue — channel "counter") and prints a receipt with the tracking number and a QR code.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { regions$ } from '../../data/catalogue/queries.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { AnswerValue, AttachmentRef } from '../../domain/drafts/draft.ts';
import { type FieldError, validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { validationContext } from '../applications/validation.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeApiError, officeFetch } from './api.ts';
import { CounterFields } from './CounterFields.tsx';
import { useOfficeCatalogue } from './catalogue-labels.ts';
import { errorText, OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { forgetPhotos, uploadPhotos } from './photo-uploads.ts';
import { Receipt } from './Receipt.tsx';
import type { OfficeList, OfficeSummary, WalkInReceipt, WalkInRejection } from './types.ts';

type Offices =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; offices: OfficeSummary[] };

export default function Counter() {
  return <OfficeGate>{() => <CounterScreen />}</OfficeGate>;
}

function CounterScreen() {
  const { t, lang } = useI18n();
  const catalogue = useOfficeCatalogue(lang);
  const [offices, setOffices] = useState<Offices>({ status: 'loading' });
  const [officeId, setOfficeId] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [receipt, setReceipt] = useState<{ receipt: WalkInReceipt; serviceId: string } | null>(null);
  const heading = useHeadingFocus(receipt ? 'receipt' : 'form');

  const loadOffices = useCallback(() => {
    officeFetch<OfficeList>('/api/office/offices').then(
      (list) => {
        setOffices({ status: 'ready', offices: list.offices });
        if (list.offices.length === 1) setOfficeId(list.offices[0]!.id);
      },
      (error: unknown) => setOffices({ status: 'error', error }),
    );
  }, []);
  useEffect(() => loadOffices(), [loadOffices]);

  if (receipt) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1} class="office-noprint">
          {t('office.counter.title')}
        </h1>
        <Receipt
          trackingNumber={receipt.receipt.trackingNumber}
          serviceName={catalogue.serviceName(receipt.serviceId)}
          officeName={catalogue.officeName(receipt.receipt.officeId)}
          receivedAt={receipt.receipt.receivedAt}
          onAnother={() => setReceipt(null)}
        />
      </>
    );
  }

  const services = catalogue.services.filter(
    (s) => s.channels.includes('counter') && (!officeId || s.officeIds.includes(officeId)),
  );
  const service = services.find((s) => s.id === serviceId);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.counter.title')}
      </h1>
      <p>{t('office.counter.intro')}</p>
      {offices.status === 'loading' && <p role="status">{t('loading')}</p>}
      {offices.status === 'error' && <OfficeError error={offices.error} onRetry={loadOffices} />}
      {offices.status === 'ready' && (
        <div class="office-form">
          <div class="field">
            <label for="counter-office">{t('office.counter.office')}</label>
            <select id="counter-office" value={officeId} onChange={(e) => setOfficeId(e.currentTarget.value)}>
              <option value="">{t('office.counter.chooseOffice')}</option>
              {offices.offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name[lang]}
                </option>
              ))}
            </select>
          </div>
          {!catalogue.ready && <p role="status">{t('office.counter.noCatalogue')}</p>}
          <div class="field">
            <label for="counter-service">{t('office.counter.service')}</label>
            <select
              id="counter-service"
              value={serviceId}
              disabled={!officeId}
              onChange={(e) => setServiceId(e.currentTarget.value)}
            >
              <option value="">{t('office.counter.chooseService')}</option>
              {services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name[lang]}
                </option>
              ))}
            </select>
          </div>
        </div>
      )}
      {service && officeId && (
        <WalkInForm
          key={`${officeId}/${service.id}`}
          service={service}
          officeId={officeId}
          onDone={(r) => setReceipt({ receipt: r, serviceId: service.id })}
        />
      )}
    </>
  );
}

type Rejection = { code: string; fields: Record<string, FieldError> };

function WalkInForm({
  service,
  officeId,
  onDone,
}: {
  service: Service;
  officeId: string;
  onDone(r: WalkInReceipt): void;
}) {
  const { t } = useI18n();
  const regions = useObservable<RegionDataset[]>(() => regions$(), []);
  const region = regions.status === 'ready' ? regions.value[0] : undefined;
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [attachments, setAttachments] = useState<Record<string, AttachmentRef[]>>({});
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Rejection | { error: unknown } | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const ctx = useMemo(() => validationContext(region), [region]);
  // The same rules as every device: only the fields that apply, checked before the server sees them.
  const local = validateDraft(service.form, answers, attachments, ctx);

  const set = (key: string, value: AnswerValue | undefined) =>
    setAnswers((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (Object.keys(local).length > 0) {
      setTouched(new Set(Object.keys(local)));
      return;
    }
    setBusy(true);
    setProblem(null);
    const refs = Object.values(attachments).flat();
    try {
      // Document photos first (content-addressed, resumable, the same uploads as a device's), then the record.
      await uploadPhotos(refs);
      const receipt = await officeFetch<WalkInReceipt>('/api/office/walk-ins', {
        method: 'POST',
        body: {
          officeId,
          serviceId: service.id,
          formVersion: service.form.version,
          applicant: { kind: 'resident', ...(name.trim() ? { name: name.trim() } : {}) },
          answers,
          attachments: Object.fromEntries(Object.entries(attachments).filter(([, list]) => list.length > 0)),
          consent: true,
        },
      });
      await forgetPhotos(refs);
      onDone(receipt);
    } catch (error) {
      if (error instanceof OfficeApiError && error.status === 422) {
        const body = error.body as WalkInRejection;
        setProblem({ code: body.error.code, fields: (body.errors ?? {}) as Record<string, FieldError> });
      } else {
        setProblem({ error });
      }
    } finally {
      setBusy(false);
    }
  };

  const serverErrors = problem && 'fields' in problem ? problem.fields : {};
  const errors: Record<string, FieldError> = { ...serverErrors, ...local };
  const touchedOrServer = new Set([...touched, ...Object.keys(serverErrors)]);
  return (
    <form class="office-form office-counter__form" onSubmit={(e) => void submit(e)} noValidate>
      <div class="field">
        <label for="counter-name">{t('office.counter.applicantName')}</label>
        <input id="counter-name" autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <CounterFields
        form={service.form}
        requirements={service.requirements}
        region={region}
        ctx={ctx}
        answers={answers}
        attachments={attachments}
        errors={errors}
        touched={touchedOrServer}
        onAnswer={set}
        onAttachments={(key, list) =>
          // Photos picked in quick succession finish compressing out of order, each after renders
          // it did not see: merge into the newest state, or a later photo drops an earlier one.
          setAttachments((current) => ({ ...current, [key]: list }))
        }
        onTouched={(keys) => setTouched((s) => new Set([...s, ...keys]))}
      />
      <label class="choice">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />
        {t('office.counter.consent')}
      </label>
      {problem && (
        <p class="field__error" role="alert">
          {'fields' in problem
            ? Object.keys(problem.fields).length > 0
              ? t('office.counter.fixErrors')
              : t('office.counter.refused', { code: problem.code })
            : null}
          {'error' in problem ? errorText(problem.error, t) : null}
        </p>
      )}
      <button type="submit" class="btn btn--primary" disabled={busy || !consent}>
        {busy ? t('office.counter.busy') : t('office.counter.submit')}
      </button>
    </form>
  );
}
