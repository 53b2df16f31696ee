// /survei: the community satisfaction survey (SKM, PermenPANRB 14/2017) — nine questions on a 1–4
// scale with the regulation's wording for each, and an optional coarse respondent profile. Opened
// from a completed application (/survei?permohonan=<id>: its service and office, one response per
// application) or by a walk-in choosing the service and office. "Kirim" queues it in the outbox;
// no name or other personal data is part of the response.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { combineLatest } from 'rxjs';
import { applicationUpdates$ } from '../../data/applications/sync.ts';
import { submitSurvey, surveyEntries$ } from '../../data/feedback/submit.ts';
import type { OutboxEntry, SurveyOutboxEntry } from '../../data/outbox/outbox-db.ts';
import { outbox$ } from '../../data/outbox/submit.ts';
import { uuidv7 } from '../../data/uuidv7.ts';
import type { Channel } from '../../domain/catalogue/service.ts';
import {
  AgeBand,
  Education,
  Occupation,
  type RespondentProfile,
  Sex,
  SKM_ELEMENTS,
  type SkmElement,
} from '../../domain/feedback/skm.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { FieldShell } from '../applications/fields/FieldShell.tsx';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { CodeOptions, namedCodes } from '../components/CodeOptions.tsx';
import { useObservable } from '../hooks/useObservable.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';

type Data = [OutboxEntry[], ApplicationUpdate[], SurveyOutboxEntry[]];

export default function SurveyPage({ channel = 'online' }: { channel?: Channel }) {
  const { t } = useI18n();
  const { query } = useLocation();
  const applicationId = query.permohonan;
  const catalogue = useCatalogue();
  const data = useObservable<Data>(() => combineLatest([outbox$(), applicationUpdates$(), surveyEntries$()]), []);
  const [sentId, setSentId] = useState<string | undefined>();

  if (catalogue.status !== 'ready' || data.status !== 'ready') return <p role="status">{t('loading')}</p>;
  const [applications, updates, surveys] = data.value;
  const sent = sentId ? surveys.find((s) => s.id === sentId) : undefined;

  let fixed:
    | { serviceId: string; officeId?: string | undefined; applicationId: string; trackingNumber: string }
    | undefined;
  let blocked: MessageKey | undefined;
  let already: SurveyOutboxEntry | undefined;
  if (applicationId) {
    const entry = applications.find((a) => a.id === applicationId);
    const update = updates.find((u) => u.id === applicationId);
    already = surveys.find((s) => s.record.applicationId === applicationId);
    if (entry?.result?.status !== 'accepted') blocked = 'survey.unknownApplication';
    else if (update?.status !== 'completed') blocked = 'survey.notCompleted';
    else
      fixed = {
        serviceId: entry.record.serviceId,
        officeId: entry.record.officeId,
        applicationId,
        trackingNumber: entry.result.trackingNumber,
      };
  }

  return (
    <article class="feedback survey-page">
      <h1>{t('survey.title')}</h1>
      {fixed && <p class="lead">{t('survey.forApplication', { trackingNumber: fixed.trackingNumber })}</p>}
      <p>{t('survey.intro')}</p>
      {sent ? (
        <section aria-live="polite">
          <p>{t('survey.thanks')}</p>
          <p class={`state state--${sent.state}`} role="status">
            {t(`survey.state.${sent.state}`)}
          </p>
          {!applicationId && (
            <button type="button" class="btn" onClick={() => setSentId(undefined)}>
              {t('survey.another')}
            </button>
          )}
        </section>
      ) : already ? (
        <>
          <p>{t('survey.alreadySent')}</p>
          <p class={`state state--${already.state}`} role="status">
            {t(`survey.state.${already.state}`)}
          </p>
        </>
      ) : blocked ? (
        <p role="status">{t(blocked)}</p>
      ) : (
        <SurveyForm key={applicationId ?? 'walk-in'} fixed={fixed} channel={channel} onSent={setSentId} />
      )}
    </article>
  );
}

type Answers = Partial<Record<SkmElement, number>>;

function SurveyForm({
  fixed,
  channel,
  onSent,
}: {
  fixed: { serviceId: string; officeId?: string | undefined; applicationId: string } | undefined;
  channel: Channel;
  onSent(id: string): void;
}) {
  const { t, lang } = useI18n();
  const catalogue = useCatalogue();
  const services = catalogue.status === 'ready' ? catalogue.value.services : [];
  const offices = catalogue.status === 'ready' ? catalogue.value.offices : [];
  const [serviceId, setServiceId] = useState(fixed?.serviceId ?? '');
  const service = services.find((s) => s.id === serviceId);
  const serving = service ? offices.filter((o) => service.officeIds.includes(o.id)) : [];
  const [chosenOffice, setOffice] = useState(fixed?.officeId ?? '');
  const officeId = chosenOffice || (serving.length === 1 ? serving[0]!.id : '');
  const [answers, setAnswers] = useState<Answers>({});
  const [profile, setProfile] = useState<RespondentProfile>({});
  const [errors, setErrors] = useState<{ service?: MessageKey; office?: MessageKey; answers?: MessageKey }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const found: typeof errors = {};
    if (!serviceId) found.service = 'survey.error.choose';
    if (!officeId) found.office = 'survey.error.choose';
    if (!SKM_ELEMENTS.some((el) => answers[el] !== undefined)) found.answers = 'survey.error.noAnswer';
    setErrors(found);
    if (Object.keys(found).length) {
      const first = found.service ? '#s-service' : found.office ? '#s-office' : 'input[name="s-U1"]';
      document.querySelector<HTMLElement>(first)?.focus();
      return;
    }
    setBusy(true);
    try {
      const id = uuidv7();
      const cleanProfile = Object.fromEntries(Object.entries(profile).filter(([, v]) => v));
      await submitSurvey({
        id,
        serviceId,
        officeId,
        ...(fixed ? { applicationId: fixed.applicationId } : {}),
        channel,
        answers,
        ...(Object.keys(cleanProfile).length ? { profile: cleanProfile } : {}),
      });
      onSent(id);
    } finally {
      setBusy(false);
    }
  };

  const profileSelect = <K extends keyof RespondentProfile, V extends string>(
    key: K,
    values: readonly V[],
    textOf: (value: V) => MessageKey,
    label: MessageKey,
  ) => (
    <FieldShell id={`s-${key}`} label={t(label)}>
      <select
        id={`s-${key}`}
        value={profile[key] ?? ''}
        onChange={(e) => setProfile((p) => ({ ...p, [key]: e.currentTarget.value || undefined }))}
      >
        <option value="">{t('survey.profile.none')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(textOf(v))}
          </option>
        ))}
      </select>
    </FieldShell>
  );

  return (
    <form class="survey-form" noValidate onSubmit={(e) => void submit(e)}>
      {!fixed && (
        <FieldShell
          id="s-service"
          label={t('survey.field.service')}
          error={errors.service && t(errors.service)}
          required
        >
          {(aria) => (
            <select
              id="s-service"
              value={serviceId}
              {...aria}
              onChange={(e) => {
                setServiceId(e.currentTarget.value);
                setOffice('');
              }}
            >
              <CodeOptions empty={t('survey.field.choose')} items={namedCodes(services, lang)} />
            </select>
          )}
        </FieldShell>
      )}
      {serving.length > 0 && (!fixed?.officeId || !serving.some((o) => o.id === fixed.officeId)) && (
        <FieldShell id="s-office" label={t('survey.field.office')} error={errors.office && t(errors.office)} required>
          {(aria) => (
            <select id="s-office" value={officeId} {...aria} onChange={(e) => setOffice(e.currentTarget.value)}>
              <CodeOptions empty={t('survey.field.choose')} items={namedCodes(serving, lang)} />
            </select>
          )}
        </FieldShell>
      )}
      <p class="field__help">{t('survey.scaleHint')}</p>
      {errors.answers && (
        <p class="field__error" role="alert">
          {t(errors.answers)}
        </p>
      )}
      {SKM_ELEMENTS.map((el, i) => (
        <fieldset class="field field--group skm-question" key={el}>
          <legend>{`${i + 1}. ${t(`survey.${el}.question`)}`}</legend>
          <div class="choices">
            {([1, 2, 3, 4] as const).map((score) => (
              <label class="choice" key={score}>
                <input
                  type="radio"
                  name={`s-${el}`}
                  value={score}
                  checked={answers[el] === score}
                  onChange={() => setAnswers((a) => ({ ...a, [el]: score }))}
                />
                {t(`survey.${el}.${score}`)}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset class="field field--group">
        <legend>{t('survey.profile.title')}</legend>
        <p class="field__help">{t('survey.profile.explain')}</p>
        {profileSelect('ageBand', AgeBand.options, (v) => `survey.age.${v}`, 'survey.profile.ageBand')}
        {profileSelect('sex', Sex.options, (v) => `survey.sex.${v}`, 'survey.profile.sex')}
        {profileSelect('education', Education.options, (v) => `survey.education.${v}`, 'survey.profile.education')}
        {profileSelect('occupation', Occupation.options, (v) => `survey.occupation.${v}`, 'survey.profile.occupation')}
      </fieldset>
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {t('survey.submit')}
      </button>
    </form>
  );
}
