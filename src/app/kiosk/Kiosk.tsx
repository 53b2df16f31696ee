// /kios: the village-office kiosk. One resident at a time: pick a service (large tiles), fill the
// form, review and consent, "Kirim", receipt. The session ends when the receipt is dismissed or after
// the idle time-out (with a warning and a countdown), and wipeSession removes everything personal of
// it; the screen starts over with fresh in-memory state. An unenrolled tablet says how to enrol.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { requestPersistence } from '../../data/attachments/store.ts';
import { startSessionDraft, wipeSession } from '../../data/kiosk/session.ts';
import { refreshSealingKey } from '../../data/outbox/sealing-key.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { CatalogueGate } from '../catalogue/CatalogueGate.tsx';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { IdleWarning } from './IdleWarning.tsx';
import { idleSettings, useIdleTimeout } from './idle.ts';
import { KioskForm } from './KioskForm.tsx';
import { KioskFrame } from './KioskFrame.tsx';
import { KioskReceipt } from './KioskReceipt.tsx';
import { KioskReview } from './KioskReview.tsx';
import { useKioskDevice } from './useKioskDevice.ts';
import { useKioskDraft } from './useKioskDraft.ts';

export default function Kiosk() {
  const { t, lang } = useI18n();
  const device = useKioskDevice();
  const catalogue = useCatalogue();
  const officeId = device.status === 'ready' ? device.value?.officeId : undefined;
  const office =
    catalogue.status === 'ready' ? catalogue.value.offices.find((o) => o.id === officeId)?.name[lang] : undefined;

  if (device.status === 'loading')
    return (
      <KioskFrame staffLink={false}>
        <p role="status">{t('kiosk.loading')}</p>
      </KioskFrame>
    );
  if (device.status === 'error')
    return (
      <KioskFrame staffLink={false}>
        <p role="alert">{t('kiosk.storageError')}</p>
      </KioskFrame>
    );
  if (!device.value) return <NotEnrolled />;
  return (
    <KioskFrame office={office ?? officeId}>
      <Session />
    </KioskFrame>
  );
}

function NotEnrolled() {
  const { t } = useI18n();
  return (
    <KioskFrame staffLink={false}>
      <h1>{t('kiosk.notEnrolled.title')}</h1>
      <p class="lead">{t('kiosk.notEnrolled.body')}</p>
      <p>
        <a class="btn btn--primary kiosk__big" href="/kios/daftar">
          {t('kiosk.notEnrolled.link')}
        </a>
      </p>
    </KioskFrame>
  );
}

type Step = { kind: 'start' } | { kind: 'form' | 'review' | 'receipt'; draftId: string; serviceId: string };

function Session() {
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const [generation, setGeneration] = useState(0);
  const [ready, setReady] = useState(false);
  const [wiped, setWiped] = useState(false);
  const settings = useMemo(() => idleSettings(), []);
  const ending = useRef(false);

  // A session cut off by a reload or a crash is wiped before anyone else sees the screen. Online, the
  // server's sealing key is fetched again, so a rotated key reaches the tablet before the next "Kirim".
  useEffect(() => {
    if (navigator.onLine) void refreshSealingKey().catch(() => undefined);
    void wipeSession()
      .catch(() => undefined)
      .then(() => setReady(true));
  }, []);

  const end = async () => {
    if (ending.current) return;
    ending.current = true;
    try {
      await wipeSession();
    } finally {
      ending.current = false;
      setStep({ kind: 'start' });
      setGeneration((g) => g + 1); // remounts the screens: no in-memory state of the resident survives
      setWiped(true);
    }
  };
  const idle = useIdleTimeout(step.kind !== 'start', settings, () => void end());

  if (!ready) return <Loading />;
  return (
    <div key={generation} class="kiosk-session" data-step={step.kind}>
      {step.kind === 'start' && (
        <Start wiped={wiped} onPick={(s, draftId) => setStep({ kind: 'form', draftId, serviceId: s.id })} />
      )}
      {step.kind === 'form' && (
        <DraftStep
          id={step.draftId}
          render={(v) => (
            <KioskForm {...v} onReview={() => setStep({ ...step, kind: 'review' })} onCancel={() => void end()} />
          )}
        />
      )}
      {step.kind === 'review' && (
        <DraftStep
          id={step.draftId}
          render={(v) => (
            <KioskReview
              {...v}
              onEdit={() => setStep({ ...step, kind: 'form' })}
              onSent={() => setStep({ ...step, kind: 'receipt' })}
            />
          )}
        />
      )}
      {step.kind === 'receipt' && (
        <ReceiptStep id={step.draftId} serviceId={step.serviceId} onDone={() => void end()} />
      )}
      {idle.secondsLeft !== null && <IdleWarning seconds={idle.secondsLeft} onStay={idle.reset} />}
    </div>
  );
}

function Loading() {
  const { t } = useI18n();
  return <p role="status">{t('kiosk.loading')}</p>;
}

function Start({ wiped, onPick }: { wiped: boolean; onPick(service: Service, draftId: string): void }) {
  const { t, lang } = useI18n();
  const catalogue = useCatalogue();
  const heading = useHeadingFocus(wiped);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  const pick = async (service: Service) => {
    setBusy(true);
    setFailed(false);
    try {
      const id = await startSessionDraft({
        serviceId: service.id,
        formVersion: service.form.version,
        applicant: { kind: 'self' },
      });
      void requestPersistence();
      onPick(service, id);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <section class="kiosk-start" aria-labelledby="kiosk-start-title">
      <h1 id="kiosk-start-title" ref={heading} tabIndex={-1}>
        {t('kiosk.start.title')}
      </h1>
      {wiped && (
        <p role="status" class="kiosk-start__wiped">
          {t('kiosk.wiped')}
        </p>
      )}
      <p class="lead">{t('kiosk.start.intro')}</p>
      <h2>{t('kiosk.start.services')}</h2>
      <CatalogueGate state={catalogue}>
        {(c) => {
          const services = c.services.filter((s) => s.channels.includes('kiosk'));
          if (services.length === 0) return <p role="status">{t('kiosk.start.empty')}</p>;
          return (
            <ul class="kiosk-tiles">
              {services.map((s) => (
                <li key={s.id}>
                  <button type="button" class="kiosk-tile" disabled={busy} onClick={() => void pick(s)}>
                    <span class="kiosk-tile__name">{s.name[lang]}</span>
                    <span class="kiosk-tile__summary">{s.summary[lang]}</span>
                  </button>
                </li>
              ))}
            </ul>
          );
        }}
      </CatalogueGate>
      {busy && <p role="status">{t('kiosk.start.busy')}</p>}
      {failed && (
        <p role="alert" class="field__error">
          {t('kiosk.start.failed')}
        </p>
      )}
    </section>
  );
}

type Ready = { draft: Draft; service: Service; region: RegionDataset | undefined };

function DraftStep({ id, render }: { id: string; render(v: Ready): ComponentChildren }) {
  const { t } = useI18n();
  const state = useKioskDraft(id);
  if (state.status === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.status === 'error' || !state.value.draft || !state.value.service)
    return <p role="alert">{t('kiosk.storageError')}</p>;
  return <>{render({ draft: state.value.draft, service: state.value.service, region: state.value.region })}</>;
}

function ReceiptStep({ id, serviceId, onDone }: { id: string; serviceId: string; onDone(): void }) {
  const catalogue = useCatalogue();
  const service = catalogue.status === 'ready' ? catalogue.value.services.find((s) => s.id === serviceId) : undefined;
  return <KioskReceipt applicationId={id} service={service} onDone={onDone} />;
}
