// The progress indicator on every step: "Langkah 2 dari 5" and the five steps as an ordered list, the
// current one marked with aria-current="step", a finished one with a tick (and the word, for screen
// readers). Every other step is a link: a resident may go back, or ahead, at any time.
import { STEPS, type Step, stepNumber } from '../../../domain/forms/steps.ts';
import { useI18n } from '../../i18n/index.ts';
import { stepHref } from './paths.ts';

type Props = { draftId: string; current: Step; done: (step: Step) => boolean };

export function StepProgress({ draftId, current, done }: Props) {
  const { t } = useI18n();
  return (
    <nav class="steps" aria-label={t('steps.nav')}>
      <p class="steps__count">{t('steps.count', { n: stepNumber(current), total: STEPS.length })}</p>
      <ol class="steps__list">
        {STEPS.map((step, i) => {
          const finished = step !== current && done(step);
          const content = (
            <>
              <span class="steps__number" aria-hidden="true">
                {finished ? '✓' : i + 1}
              </span>
              <span class="steps__name">{t(`steps.name.${step}`)}</span>
              {finished && <span class="visually-hidden"> {t('steps.done')}</span>}
            </>
          );
          return (
            <li key={step} class={`steps__item${step === current ? ' steps__item--current' : ''}`}>
              {step === current ? (
                <span class="steps__step" aria-current="step">
                  {content}
                </span>
              ) : (
                <a class="steps__step" href={stepHref(draftId, step)}>
                  {content}
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
