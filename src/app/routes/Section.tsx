// The landing page of an audience's area. Its screens arrive with their issues; until then it says
// so plainly instead of pretending.
import { type MessageKey, useI18n } from '../i18n/index.ts';

export type SectionProps = { title: MessageKey };

export default function Section({ title }: SectionProps) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t(title)}</h1>
      <p>{t('section.notYet')}</p>
      <p>
        <a href="/">{t('section.backHome')}</a>
      </p>
    </>
  );
}
