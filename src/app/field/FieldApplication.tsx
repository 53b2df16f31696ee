// /lapangan/permohonan/:id: an application the officer fills for a resident — the residents' field
// components (same validation, photos and autosave to the draft), then a review with the resident's
// consent and "Kirim", which seals it into the outbox with channel 'field' (exactly-once delivery).
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { signCollection } from '../../data/field/collect.ts';
import { serverKey } from '../../data/field/keys-db.ts';
import { unlocked } from '../../data/field/officer.ts';
import { currentSealingKey } from '../../data/outbox/sealing-key.ts';
import { submitDraft } from '../../data/outbox/submit.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { DraftFields } from '../applications/DraftFields.tsx';
import { SealedReview } from '../applications/SealedReview.tsx';
import { useI18n } from '../i18n/index.ts';
import { useKioskDraft } from '../kiosk/useKioskDraft.ts';
import { FieldGate } from './FieldGate.tsx';
import { FieldNav } from './FieldNav.tsx';

export default function FieldApplicationPage() {
  const { params } = useRoute();
  return (
    <FieldGate>
      <FieldNav />
      <Application id={params.id ?? ''} />
    </FieldGate>
  );
}

type Props = { draft: Draft; service: Service; region: RegionDataset | undefined };

function Application({ id }: { id: string }) {
  const { t } = useI18n();
  const state = useKioskDraft(id);
  const [step, setStep] = useState<'form' | 'review'>('form');
  if (state.status === 'loading') return <p role="status">{t('lapangan.loading')}</p>;
  if (state.status === 'error' || !state.value.draft || !state.value.service)
    return <p role="alert">{t('lapangan.app.notFound')}</p>;
  const props = { draft: state.value.draft, service: state.value.service, region: state.value.region };
  return step === 'form' ? (
    <Form {...props} onReview={() => setStep('review')} />
  ) : (
    <Review {...props} onEdit={() => setStep('form')} />
  );
}

function Form({ draft, service, region, onReview }: Props & { onReview(): void }) {
  const { t, lang } = useI18n();
  return (
    <article class="application lapangan-form">
      <h1>{service.name[lang]}</h1>
      {draft.applicant.name && <p class="lead">{t('lapangan.app.for', { name: draft.applicant.name })}</p>}
      <DraftFields draft={draft} service={service} region={region} shared />
      <div class="lapangan__actions">
        <button type="button" class="btn btn--primary lapangan__big" onClick={onReview}>
          {t('lapangan.app.next')}
        </button>
        <a class="btn lapangan__big" href="/lapangan">
          {t('lapangan.app.later')}
        </a>
      </div>
    </article>
  );
}

/** The office key the online sign-in cached for exports is the key sealed boxes go to (GET /api/sealing-key serves the same). */
async function fieldSealingKey() {
  return (await serverKey()) ?? currentSealingKey();
}

function Review({ draft, service, region, onEdit }: Props & { onEdit(): void }) {
  const { route } = useLocation();
  return (
    <SealedReview
      area="lapangan"
      draft={draft}
      service={service}
      region={region}
      onEdit={onEdit}
      send={(d) =>
        submitDraft(d, 'field', {
          collect: signCollection,
          sealingKey: fieldSealingKey,
          collector: unlocked()?.accountId,
        })
      }
      onSent={() => route('/lapangan')}
    />
  );
}
