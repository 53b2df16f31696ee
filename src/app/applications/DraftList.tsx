// /permohonan: the applications on this device — service, last change, what is still missing —
// with deletion behind a confirmation, and how much of the device's storage they use.
import { useEffect, useRef, useState } from 'preact/hooks';
import { applicationUpdates$ } from '../../data/applications/sync.ts';
import { storageEstimate } from '../../data/attachments/store.ts';
import { deleteDraft, drafts$ } from '../../data/drafts/drafts.ts';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { awaitsCorrection, outbox$ } from '../../data/outbox/submit.ts';
import { formForVersion, requirementsForVersion, type Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { formatNumber } from '../../domain/format.ts';
import { missingFields } from '../../domain/forms/validate.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useNow } from '../hooks/useNow.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { DeliveryMark, deliveryStage } from './DeliveryMark.tsx';
import { keyLabel } from './form-labels.ts';
import { OutboxPanel } from './OutboxPanel.tsx';
import { CorrectionRequest, SendingProgress } from './Submitted.tsx';

export default function DraftList() {
  const { t } = useI18n();
  const drafts = useObservable<Draft[]>(() => drafts$(), []);
  const outbox = useObservable<OutboxEntry[]>(() => outbox$(), []);
  const updates = useObservable<ApplicationUpdate[]>(() => applicationUpdates$(), []);
  const officeUpdates = new Map(updates.status === 'ready' ? updates.value.map((u) => [u.id, u]) : []);
  const sent = new Map(outbox.status === 'ready' ? outbox.value.map((e) => [e.id, e]) : []);
  const catalogue = useCatalogue();
  const services = catalogue.status === 'ready' ? catalogue.value.services : [];
  const [confirming, setConfirming] = useState<Draft | null>(null);

  return (
    <>
      <h1>{t('drafts.title')}</h1>
      <p>
        <a href="/layanan">{t('drafts.startFromCatalogue')}</a>
      </p>
      {drafts.status === 'ready' && drafts.value.length === 0 && <p>{t('drafts.none')}</p>}
      {drafts.status === 'ready' && (
        <ul class="cards drafts">
          {drafts.value.map((d) => (
            <DraftCard
              key={d.id}
              draft={d}
              sent={sent.get(d.id)}
              update={officeUpdates.get(d.id)}
              service={services.find((s) => s.id === d.serviceId)}
              onDelete={() => setConfirming(d)}
            />
          ))}
        </ul>
      )}
      {outbox.status === 'ready' && <OutboxPanel entries={outbox.value} />}
      <p>
        <a href="/lacak">{t('outbox.track')}</a>
      </p>
      <StorageUse />
      {confirming && (
        <ConfirmDelete
          draft={confirming}
          service={services.find((s) => s.id === confirming.serviceId)}
          onClose={() => setConfirming(null)}
        />
      )}
    </>
  );
}

type CardProps = {
  draft: Draft;
  sent: OutboxEntry | undefined;
  update: ApplicationUpdate | undefined;
  service: Service | undefined;
  onDelete(): void;
};

function DraftCard({ draft, sent, update, service, onDelete }: CardProps) {
  const officeStatus = update?.status;
  const { t, lang } = useI18n();
  const now = useNow();
  const form = service ? formForVersion(service, draft.formVersion) : undefined;
  const missing = service && form ? missingFields(form, draft.answers, draft.attachments, now) : [];
  const requirements = service ? requirementsForVersion(service, draft.formVersion) : [];
  const labels = service && form ? missing.map((k) => keyLabel(requirements, form, k, lang)) : [];
  return (
    <li class="card draft">
      <a class="card__title" href={`/permohonan/${draft.id}`}>
        {service?.name[lang] ?? draft.serviceId}
      </a>
      {draft.applicant.kind === 'resident' && (
        <span>{t('drafts.for', { name: draft.applicant.name || t('drafts.otherUnnamed') })}</span>
      )}
      <span class="card__body">{t('drafts.changed', { ago: relativeTime(new Date(draft.updatedAt), now, lang) })}</span>
      {sent ? (
        <span class={`state state--${sent.state}`}>
          {/* "received" is the server's stamp at storage, not the office's word: one tick until a move. */}
          <DeliveryMark stage={deliveryStage(sent.state, officeStatus !== undefined && officeStatus !== 'received')} />
          {t(`outbox.state.${sent.state}`)}
          {sent.result?.status === 'accepted' && ` ${t('outbox.trackingNumber')}: ${sent.result.trackingNumber}`}
          {officeStatus && ` ${t('outbox.officeStatus')}: ${t(`status.${officeStatus}`)}`}
          <SendingProgress entry={sent} />
          {awaitsCorrection(sent, update) && <CorrectionRequest entry={sent} update={update!} compact />}
          {sent.state === 'correcting' && (
            <a href={`/permohonan/${draft.id}`}>{t('application.correction.continue')}</a>
          )}
        </span>
      ) : (
        <>
          <span class={missing.length ? 'draft__missing' : 'draft__complete'}>
            <DeliveryMark stage="draft" />
            {missing.length
              ? t('drafts.missing', {
                  n: missing.length,
                  fields: labels.slice(0, 3).join(', ') + (labels.length > 3 ? ', …' : ''),
                })
              : t('drafts.complete')}
          </span>
          <span class="draft__actions">
            <button type="button" class="btn btn--small" onClick={onDelete}>
              {t('drafts.delete')}
            </button>
          </span>
        </>
      )}
    </li>
  );
}

function ConfirmDelete({ draft, service, onClose }: { draft: Draft; service: Service | undefined; onClose(): void }) {
  const { t, lang } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="confirm-title" onClose={onClose}>
      <h2 id="confirm-title">{t('drafts.confirmTitle')}</h2>
      <p>{t('drafts.confirmBody', { service: service?.name[lang] ?? draft.serviceId })}</p>
      <div class="dialog__actions">
        <button type="button" class="btn" onClick={() => dialog.current?.close()}>
          {t('drafts.keep')}
        </button>
        <button
          type="button"
          class="btn btn--danger"
          onClick={() => {
            void deleteDraft(draft.id).then(() => dialog.current?.close());
          }}
        >
          {t('drafts.confirmDelete')}
        </button>
      </div>
    </dialog>
  );
}

function StorageUse() {
  const { t, lang } = useI18n();
  const [estimate, setEstimate] = useState<{ usage: number; quota: number } | undefined>();
  useEffect(() => void storageEstimate().then(setEstimate), []);
  if (!estimate) return null;
  const mb = (n: number) => formatNumber(n / (1024 * 1024), lang, 1);
  return (
    <p class="storage-use">
      {t('storage.use', { used: mb(estimate.usage), free: mb(Math.max(0, estimate.quota - estimate.usage)) })}
    </p>
  );
}
