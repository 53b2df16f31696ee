// /petugas/katalog: hours, contacts and announcements of the officer's offices (not built yet).
import { useI18n } from '../i18n/index.ts';
import { OfficeGate } from './OfficeGate.tsx';
import { useHeadingFocus } from './useHeadingFocus.ts';

export default function CatalogueEditor() {
  return <OfficeGate>{() => <Placeholder />}</OfficeGate>;
}

function Placeholder() {
  const { t } = useI18n();
  const heading = useHeadingFocus();
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.catalogue.title')}
      </h1>
      <p>{t('section.notYet')}</p>
    </>
  );
}
