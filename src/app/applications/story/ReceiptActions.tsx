// The receipt's actions: copy it, share it (Web Share API, or the plain text to copy by hand where
// the browser has none or refuses), save it as a PNG (drawn on demand: its code is loaded only then),
// print it (print styles leave only the application on the page, on A4).
import { useState } from 'preact/hooks';
import { formatDate } from '../../../domain/format.ts';
import { useI18n } from '../../i18n/index.ts';

export function ReceiptActions({
  serviceName,
  trackingNumber,
  receivedAt,
}: {
  serviceName: string;
  trackingNumber: string;
  receivedAt: string;
}) {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<'copied' | 'fallback' | 'saved' | 'imageFailed' | null>(null);
  const date = formatDate(receivedAt, lang);
  const url = `${location.origin}/lacak?nomor=${trackingNumber}`;
  const text = t('story.receipt.text', { service: serviceName, number: trackingNumber, date, url });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setShown('copied');
    } catch {
      setShown('fallback');
    }
  };
  const share = async () => {
    if (typeof navigator.share !== 'function') return setShown('fallback');
    try {
      await navigator.share({ title: serviceName, text });
    } catch (err) {
      // The resident closed the share sheet: nothing to say. Anything else: the text to copy by hand.
      if ((err as { name?: string }).name !== 'AbortError') setShown('fallback');
    }
  };

  const saveImage = async () => {
    try {
      const { receiptImage, download } = await import('./receipt-image.ts');
      const blob = await receiptImage({
        appName: t('app.name'),
        title: t('story.receipt.imageTitle'),
        service: serviceName,
        numberLabel: t('outbox.trackingNumber'),
        number: trackingNumber,
        dateLabel: t('outbox.receivedAt'),
        date,
        trackLabel: t('story.receipt.imageTrack'),
        url,
      });
      download(blob, t('story.receipt.imageFile', { number: trackingNumber }));
      setShown('saved');
    } catch {
      setShown('imageFailed');
    }
  };

  return (
    <div class="receipt-actions no-print">
      <p class="receipt-actions__buttons">
        <button type="button" class="btn" onClick={() => void copy()}>
          {t('story.receipt.copy')}
        </button>
        <button type="button" class="btn" onClick={() => void share()}>
          {t('story.receipt.share')}
        </button>
        <button type="button" class="btn" onClick={() => void saveImage()}>
          {t('story.receipt.image')}
        </button>
        <button type="button" class="btn" onClick={() => window.print()}>
          {t('story.receipt.print')}
        </button>
      </p>
      <div role="status">
        {shown === 'copied' && <p>{t('story.receipt.copied')}</p>}
        {shown === 'saved' && <p>{t('story.receipt.imageSaved')}</p>}
        {shown === 'imageFailed' && <p>{t('story.receipt.imageFailed')}</p>}
        {shown === 'fallback' && (
          <div class="field">
            <label for="receipt-text">{t('story.receipt.fallback')}</label>
            <textarea id="receipt-text" class="receipt-actions__text" readOnly rows={5} value={text} />
          </div>
        )}
      </div>
    </div>
  );
}
