// The kiosk's application form: the residents' field components (same validation, photos and
// autosave to the session's draft), with large controls and no way out but "check" or "cancel".
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { DraftFields } from '../applications/DraftFields.tsx';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';

type Props = { draft: Draft; service: Service; region: RegionDataset | undefined; onReview(): void; onCancel(): void };

export function KioskForm({ draft, service, region, onReview, onCancel }: Props) {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus(draft.id);
  return (
    <article class="application kiosk-form">
      <h1 ref={heading} tabIndex={-1}>
        {service.name[lang]}
      </h1>
      <DraftFields draft={draft} service={service} region={region} shared />
      <div class="kiosk__actions">
        <button type="button" class="btn btn--primary kiosk__big" onClick={onReview}>
          {t('kiosk.form.next')}
        </button>
        <button type="button" class="btn kiosk__big" onClick={onCancel}>
          {t('kiosk.form.cancel')}
        </button>
      </div>
    </article>
  );
}
