// /permohonan/<id>/tinjau: the review before sending — every answer that applies, the requirements
// checklist of the standard (attached here, or to bring in person; a group of alternatives as met by
// the one attached), and consent to the processing of personal data. "Kirim" puts the application in the outbox; until everything is valid and consented it stays
// disabled and says why.
import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { SealedAtRestError } from '../../data/attachments/store.ts';
import { setConsent } from '../../data/drafts/drafts.ts';
import { submitDraft } from '../../data/outbox/submit.ts';
import { isQuotaError } from '../../data/storage-errors.ts';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import { type Requirement, requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { type ChecklistItem, requirementChecklist } from '../../domain/forms/checklist.ts';
import { groupErrorKey, relevantFields, validateDraft } from '../../domain/forms/validate.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { requirementFormKey } from '../catalogue/labels.ts';
import { type Language, type Translate, useI18n } from '../i18n/index.ts';
import { answerText } from './answer-text.ts';
import { DraftGate } from './DraftGate.tsx';
import { errorMessage } from './error-messages.ts';
import { validationContext } from './validation.ts';

export default function Review() {
  const { params } = useRoute();
  return <DraftGate id={params.id ?? ''}>{(v) => <ReviewBody key={v.draft.id} {...v} />}</DraftGate>;
}

type BodyProps = { draft: Draft; service: Service; form: FormDefinition; region: RegionDataset | undefined };

function ReviewBody({ draft, service, form, region }: BodyProps) {
  const { t, lang } = useI18n();
  const [consent, setConsentState] = useState(draft.consent);
  // Shown once the resident ticks or unticks: the choice is on the device only when this says so.
  const [consentSave, setConsentSave] = useState<'idle' | 'saving' | 'saved' | 'full' | 'failed'>('idle');
  const ctx = useMemo(() => validationContext(region), [region]);
  const errors = validateDraft(form, draft.answers, draft.attachments, ctx);
  const fields = relevantFields(form, draft.answers, draft.attachments, ctx.today);
  const requirements = requirementsForVersion(service, draft.formVersion);
  const checklist = requirementChecklist(requirements, form, draft.answers, draft.attachments, ctx.today);
  const problems = Object.keys(errors).length;
  const canSend = problems === 0 && consent;
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<'review.sendSharedTablet' | 'review.sendFailed' | null>(null);

  return (
    <article class="review">
      <h1>{t('review.title', { service: service.name[lang] })}</h1>

      <section aria-labelledby="answers-title">
        <h2 id="answers-title">{t('review.answers')}</h2>
        <dl class="answers">
          {fields
            .filter((f) => f.kind !== 'document')
            .map((f) => (
              <div key={f.key} class={errors[f.key] ? 'answer answer--invalid' : 'answer'}>
                <dt>{f.label[lang]}</dt>
                <dd>
                  {answerText(f, draft.answers[f.key], region, t, lang)}
                  {errors[f.key] && <span class="field__error"> {errorMessage(errors[f.key]!, t, lang)}</span>}
                </dd>
              </div>
            ))}
        </dl>
        <p>
          <a href={`/permohonan/${draft.id}`}>{t('review.edit')}</a>
        </p>
      </section>

      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t('review.checklist')}</h2>
        <ul class="checklist">
          {checklist.map((item) => (
            <ChecklistEntry
              key={item.kind === 'group' ? groupErrorKey(item.group.id) : item.requirement.id}
              item={item}
            />
          ))}
        </ul>
      </section>

      <section aria-labelledby="consent-title">
        <h2 id="consent-title">{t('review.consentTitle')}</h2>
        <p>{t('review.consentPurpose', { service: service.name[lang] })}</p>
        <label class="choice">
          <input
            type="checkbox"
            checked={consent}
            onChange={(e) => {
              const v = e.currentTarget.checked;
              setConsentState(v);
              setConsentSave('saving');
              setConsent(draft.id, v).then(
                () => setConsentSave('saved'),
                (err: unknown) => setConsentSave(isQuotaError(err) ? 'full' : 'failed'),
              );
            }}
          />
          {t('review.consent')}
        </label>
        <p class="save-state" role="status" data-state={consentSave}>
          {consentSave === 'idle' ? '' : t(`form.save.${consentSave}`)}
        </p>
      </section>

      <section aria-labelledby="send-title">
        <h2 id="send-title" class="visually-hidden">
          {t('review.send')}
        </h2>
        {problems > 0 && <p class="field__error">{t('review.problems', { n: problems })}</p>}
        <button
          type="button"
          class="btn btn--primary"
          disabled={!canSend || sending}
          aria-describedby="send-reason"
          onClick={() => {
            setSending(true);
            setSendError(null);
            submitDraft({ ...draft, consent: true })
              // The device has a key now: follow the office's updates of what it sends.
              .then(() => import('../../data/applications/sync.ts').then((m) => m.followApplications()))
              .catch((err: unknown) => {
                setSending(false);
                setSendError(err instanceof SealedAtRestError ? 'review.sendSharedTablet' : 'review.sendFailed');
              });
          }}
        >
          {t('review.send')}
        </button>
        {sendError && (
          <p role="alert" class="field__error">
            {t(sendError)}
          </p>
        )}
        <p id="send-reason" class="send-reason">
          {t(problems > 0 ? 'review.sendNeedsFixes' : !consent ? 'review.sendNeedsConsent' : 'review.sendReady')}
        </p>
      </section>
    </article>
  );
}

/** "Bring the original": only for what the resident hands in (not for a copy). */
function BringOriginal({ requirement }: { requirement: Requirement }) {
  const { t } = useI18n();
  if (requirement.form === 'copy') return null;
  return (
    <span class="check__bring"> {t('review.bringOriginal', { form: t(requirementFormKey(requirement.form)) })}</span>
  );
}

const names = (list: readonly Requirement[], lang: Language, t: Translate) =>
  list.map((r) => r.name[lang]).join(t('review.or'));

function ChecklistEntry({ item }: { item: ChecklistItem }) {
  const { t, lang } = useI18n();
  if (item.kind === 'requirement') {
    const r = item.requirement;
    return (
      <li class={item.files ? 'check check--done' : 'check'}>
        <strong>{r.name[lang]}</strong>{' '}
        <span>
          {item.files
            ? t('review.attached', { n: item.files })
            : item.upload === 'required'
              ? t('review.notAttached')
              : t('review.bringIt')}
        </span>
        <BringOriginal requirement={r} />
      </li>
    );
  }
  if (!item.checked)
    return (
      <li class="check">
        <span>{t('review.groupBring', { names: names(item.options, lang, t) })}</span>
      </li>
    );
  if (item.satisfied) {
    // Met: only what met it is listed; the alternatives not used are not asked for.
    return (
      <li class="check check--done">
        <strong>{item.used.map((u) => u.requirement.name[lang]).join(', ')}</strong>{' '}
        <span>{t('review.attached', { n: item.used.reduce((n, u) => n + u.files, 0) })}</span>
        {item.used.map((u) => (
          <BringOriginal key={u.requirement.id} requirement={u.requirement} />
        ))}
      </li>
    );
  }
  const options = names(item.options, lang, t);
  return (
    <li class="check">
      <span>
        {item.group.rule === 'oneOf'
          ? t('review.groupOneOf', { names: options })
          : item.group.rule === 'allOf'
            ? t('review.groupAllOf', { names: options })
            : t('review.groupAtLeast', { names: options, min: item.needed })}
      </span>
    </li>
  );
}
