// Shows a draft's screen once the draft and its service are on the device; says plainly otherwise.
import type { ComponentChildren } from 'preact';
import type { FormDefinition } from '../../domain/catalogue/form.ts';
import { formForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { useI18n } from '../i18n/index.ts';
import { CorrectionNotice, Submitted } from './Submitted.tsx';
import { useServiceDraft } from './useServiceDraft.ts';

/** `form` is the version the draft was begun with, while that version is open. */
type Ready = { draft: Draft; service: Service; form: FormDefinition; region: RegionDataset | undefined };

/** A draft's editing screen; once sent, every such screen shows the sent application instead. */

export function DraftGate({ id, children }: { id: string; children: (v: Ready) => ComponentChildren }) {
  const { t } = useI18n();
  const state = useServiceDraft(id);
  if (state.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.status === 'error') return <p role="alert">{t('catalogue.storageError')}</p>;
  const { draft, service, region, sent, update } = state.value;
  if (!draft) {
    return (
      <>
        <h1>{t('drafts.notFound')}</h1>
        <p>
          <a href="/permohonan">{t('form.backToList')}</a>
        </p>
      </>
    );
  }
  if (!service) return <p role="alert">{t('drafts.serviceMissing')}</p>;
  // Sent back by the office and taken back by the resident: editable again, with the office's request on top.
  if (sent && sent.state !== 'correcting')
    return <Submitted entry={sent} update={update} service={service} region={region} />;
  return (
    <>
      {sent && <CorrectionNotice update={update} />}
      {children({ draft, service, form: formForVersion(service, draft.formVersion), region })}
    </>
  );
}
