// /permohonan/baru/<slug>: starts an application for a service — for oneself or for someone else —
// and asks the browser to keep the device's data (persistent storage) at the first draft.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { requestPersistence } from '../../data/attachments/store.ts';
import { createDraft } from '../../data/drafts/drafts.ts';
import { isQuotaError } from '../../data/storage-errors.ts';
import { CatalogueGate, CatalogueNotFound } from '../catalogue/CatalogueGate.tsx';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useI18n } from '../i18n/index.ts';

export default function NewDraft() {
  const catalogue = useCatalogue();
  const { params } = useRoute();
  return (
    <CatalogueGate state={catalogue}>
      {(c) => {
        const service = c.services.find((s) => s.id === params.slug);
        return service ? (
          <Start serviceId={service.id} name={service.name} formVersion={service.form.version} />
        ) : (
          <CatalogueNotFound title="service.notFound" />
        );
      }}
    </CatalogueGate>
  );
}

function Start({
  serviceId,
  name,
  formVersion,
}: {
  serviceId: string;
  name: { id: string; en: string };
  formVersion: number;
}) {
  const { t, lang } = useI18n();
  const { route } = useLocation();
  const [forWhom, setForWhom] = useState<'self' | 'resident'>('self');
  const [otherName, setOtherName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const start = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const id = await createDraft({
        serviceId,
        formVersion,
        applicant: forWhom === 'self' ? { kind: 'self' } : { kind: 'resident', name: otherName.trim() },
      });
      void requestPersistence();
      route(`/permohonan/${id}`, true);
    } catch (err) {
      setProblem(t(isQuotaError(err) ? 'storage.full' : 'storage.failed'));
      setBusy(false);
    }
  };

  return (
    <form class="new-draft" onSubmit={(e) => void start(e)}>
      <h1>{t('drafts.newTitle', { service: name[lang] })}</h1>
      <fieldset class="field field--group">
        <legend>{t('drafts.forWhom')}</legend>
        <div class="choices">
          <label class="choice">
            <input type="radio" name="for" checked={forWhom === 'self'} onChange={() => setForWhom('self')} />
            {t('drafts.forSelf')}
          </label>
          <label class="choice">
            <input type="radio" name="for" checked={forWhom === 'resident'} onChange={() => setForWhom('resident')} />
            {t('drafts.forOther')}
          </label>
        </div>
      </fieldset>
      {forWhom === 'resident' && (
        <div class="field">
          <label for="other-name">{t('drafts.otherName')}</label>
          <input
            id="other-name"
            type="text"
            autoComplete="off"
            value={otherName}
            onInput={(e) => setOtherName(e.currentTarget.value)}
          />
        </div>
      )}
      {problem && (
        <p role="alert" class="field__error">
          {problem}
        </p>
      )}
      <p>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('drafts.start')}
        </button>
      </p>
    </form>
  );
}
