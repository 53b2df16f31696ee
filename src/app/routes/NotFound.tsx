import { useI18n } from '../i18n/index.ts';

export function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('section.backHome')}</a>
      </p>
    </>
  );
}
