// The receipt after "Kirim": the tracking number (a provisional code until the tablet has synced,
// which /lacak answers once the application is delivered), a QR code to /lacak with the code, "Cetak" (only the receipt is printed) and "Selesai", which ends the session.
// The number comes from the sealed outbox entry's result: the one thing of it the tablet can read.
import { receiptCode, receiptQrPath } from '../../data/kiosk/receipt.ts';
import type { OutboxEntry, SealedOutboxEntry } from '../../data/outbox/outbox-db.ts';
import { channelOutbox$ } from '../../data/outbox/submit.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { QrCode } from '../catalogue/QrCode.tsx';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useObservable } from '../hooks/useObservable.ts';
import { useI18n } from '../i18n/index.ts';

export function KioskReceipt({
  applicationId,
  service,
  onDone,
}: {
  applicationId: string;
  service: Service | undefined;
  onDone(): void;
}) {
  const { t, lang } = useI18n();
  const heading = useHeadingFocus(applicationId);
  const outbox = useObservable<Array<OutboxEntry | SealedOutboxEntry>>(() => channelOutbox$('kiosk'), []);
  const entry = outbox.status === 'ready' ? outbox.value.find((e) => e.id === applicationId) : undefined;
  const tracking = entry?.result?.status === 'accepted' ? entry.result.trackingNumber : undefined;
  const { code, provisional } = receiptCode(applicationId, tracking);
  const url = `${location.origin}${receiptQrPath(applicationId, tracking)}`;

  return (
    <article class="kiosk-receipt" aria-labelledby="kiosk-receipt-title">
      <h1 id="kiosk-receipt-title" ref={heading} tabIndex={-1}>
        {t('kiosk.receipt.title')}
      </h1>
      {service && <p class="kiosk-receipt__service">{service.name[lang]}</p>}
      <p>{t('kiosk.receipt.thanks')}</p>
      <dl class="receipt">
        <dt>{provisional ? t('kiosk.receipt.provisional') : t('kiosk.receipt.tracking')}</dt>
        <dd class="kiosk-receipt__code" data-provisional={provisional ? 'true' : 'false'}>
          {code}
        </dd>
      </dl>
      {provisional && <p>{t('kiosk.receipt.provisionalNote')}</p>}
      <QrCode text={url} label={t('kiosk.receipt.qr', { code })} size={200} />
      <p>{provisional ? t('kiosk.receipt.scanLater') : t('kiosk.receipt.scan')}</p>
      <div class="kiosk__actions kiosk-receipt__actions">
        <button type="button" class="btn kiosk__big" onClick={() => window.print()}>
          {t('kiosk.receipt.print')}
        </button>
        <button type="button" class="btn btn--primary kiosk__big" onClick={onDone}>
          {t('kiosk.receipt.done')}
        </button>
      </div>
      <p class="kiosk-receipt__note">{t('kiosk.receipt.doneNote')}</p>
    </article>
  );
}
