// On a completed application's screen: the invitation to the satisfaction survey, until a response
// for that application has been sent from this device.
import { surveyEntries$ } from '../../data/feedback/submit.ts';
import type { SurveyOutboxEntry } from '../../data/outbox/outbox-db.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';

export function SurveyOffer({
  applicationId,
  update,
}: {
  applicationId: string;
  update: ApplicationUpdate | undefined;
}) {
  const { t } = useI18n();
  const surveys = useObservable<SurveyOutboxEntry[]>(() => surveyEntries$(), []);
  if (update?.status !== 'completed' || surveys.status !== 'ready') return null;
  if (surveys.value.some((s) => s.record.applicationId === applicationId)) return null;
  return (
    <section class="survey-offer" aria-labelledby={`survey-offer-${applicationId}`}>
      <h2 id={`survey-offer-${applicationId}`}>{t('survey.title')}</h2>
      <p>{t('survey.offerExplain')}</p>
      <a class="btn btn--primary" href={`/survei?permohonan=${applicationId}`}>
        {t('survey.offer')}
      </a>
    </section>
  );
}
