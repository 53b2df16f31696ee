// Shows the catalogue once the device database has it; says plainly when it does not yet.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { Loadable } from '../hooks/useObservable.ts';
import { type MessageKey, useI18n } from '../i18n/index.ts';
import { markShown } from '../shell/first-screen.ts';
import type { Catalogue } from './useCatalogue.ts';

export function CatalogueGate({
  state,
  children,
}: {
  state: Loadable<Catalogue>;
  children: (c: Catalogue) => ComponentChildren;
}) {
  const { t } = useI18n();
  const settled = state.status !== 'loading';
  useEffect(() => {
    if (settled) markShown();
  }, [settled]);
  if (state.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.status === 'error') return <p role="alert">{t('catalogue.storageError')}</p>;
  if (state.value.services.length === 0) return <p role="status">{t('catalogue.empty')}</p>;
  return <>{children(state.value)}</>;
}

/** A catalogue address (from a poster, an old link) that names nothing on this device. */
export function CatalogueNotFound({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t(title)}</h1>
      <p>
        <a href="/layanan">{t('service.backToList')}</a>
      </p>
    </>
  );
}
