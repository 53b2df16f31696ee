// /permohonan/<id>: the application form, generated from the service's form definition. Every change
// is written to the device at once (no save button); the typed value stays on screen even when it is
// invalid or the device is full, and the error says why beside the field.
import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { isQuotaError } from '../../data/storage-errors.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { DraftFields } from './DraftFields.tsx';
import { DraftGate } from './DraftGate.tsx';

export default function DraftForm() {
  const { params } = useRoute();
  return <DraftGate id={params.id ?? ''}>{(v) => <FormBody key={v.draft.id} {...v} />}</DraftGate>;
}

type SaveState = 'saved' | 'saving' | 'full' | 'failed';

function FormBody({ draft, service, region }: { draft: Draft; service: Service; region: RegionDataset | undefined }) {
  const { t, lang } = useI18n();
  const [save, setSave] = useState<SaveState>('saved');

  const track = (write: Promise<void>) => {
    // Input-to-durable-write time as a User Timing measure, for a PerformanceObserver (`npm run
    // bench` reports p50/p95); cleared at once so a long session does not grow the timeline.
    const start = performance.now();
    setSave('saving');
    write.then(
      () => {
        performance.measure('nusa:autosave', { start });
        performance.clearMeasures('nusa:autosave');
        setSave('saved');
      },
      (err: unknown) => setSave(isQuotaError(err) ? 'full' : 'failed'),
    );
  };

  return (
    <article class="application">
      <h1>{service.name[lang]}</h1>
      <p class="save-state" role="status" data-state={save}>
        {t(`form.save.${save}`)}
      </p>
      <DraftFields draft={draft} service={service} region={region} onWrite={track} />
      <p class="application__next">
        <a class="btn btn--primary" href={`/permohonan/${draft.id}/tinjau`}>
          {t('form.toReview')}
        </a>{' '}
        <a href="/permohonan">{t('form.backToList')}</a>
      </p>
    </article>
  );
}
