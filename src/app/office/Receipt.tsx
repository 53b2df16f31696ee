// The printable receipt of a walk-in application: tracking number, service, office, date and a QR
// code that opens /lacak with the number. Printing shows only this (see the office block of styles.css).
import { QrCode } from '../catalogue/QrCode.tsx';
import { useI18n } from '../i18n/index.ts';
import { formatDateTime } from './format.ts';

type Props = { trackingNumber: string; serviceName: string; officeName: string; receivedAt: string; onAnother(): void };

export function Receipt({ trackingNumber, serviceName, officeName, receivedAt, onAnother }: Props) {
  const { t, lang } = useI18n();
  const url = `${location.origin}/lacak?nomor=${encodeURIComponent(trackingNumber)}`;
  return (
    <>
      <section class="office-receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title">{t('office.receipt.title')}</h2>
        <dl class="receipt">
          <dt>{t('office.receipt.tracking')}</dt>
          <dd class="receipt__number office-receipt__number">{trackingNumber}</dd>
          <dt>{t('office.receipt.service')}</dt>
          <dd>{serviceName}</dd>
          <dt>{t('office.receipt.office')}</dt>
          <dd>{officeName}</dd>
          <dt>{t('office.receipt.date')}</dt>
          <dd>{formatDateTime(receivedAt, lang)}</dd>
        </dl>
        <QrCode text={url} label={t('office.receipt.qr', { number: trackingNumber })} size={160} />
        <p>{t('office.receipt.howTo')}</p>
      </section>
      <div class="office-receipt__actions office-noprint">
        <button type="button" class="btn btn--primary" onClick={() => window.print()}>
          {t('office.receipt.print')}
        </button>
        <button type="button" class="btn" onClick={onAnother}>
          {t('office.receipt.another')}
        </button>
      </div>
    </>
  );
}
