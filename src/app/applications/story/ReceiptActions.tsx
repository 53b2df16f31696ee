// The receipt's actions: copy it, share it (Web Share API, or the plain text to copy by hand where
// the browser has none or refuses), print it (print styles leave only the application on the page).
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
  const [shown, setShown] = useState<'copied' | 'fallback' | null>(null);
  const text = t('story.receipt.text', {
    service: serviceName,
    number: trackingNumber,
    date: formatDate(receivedAt, lang),
    url: `${location.origin}/lacak?nomor=${trackingNumber}`,
  });

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

  return (
    <div class="receipt-actions no-print">
      <p class="receipt-actions__buttons">
        <button type="button" class="btn" onClick={() => void copy()}>
          {t('story.receipt.copy')}
        </button>
        <button type="button" class="btn" onClick={() => void share()}>
          {t('story.receipt.share')}
        </button>
        <button type="button" class="btn" onClick={() => window.print()}>
          {t('story.receipt.print')}
        </button>
      </p>
      <div role="status">
        {shown === 'copied' && <p>{t('story.receipt.copied')}</p>}
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
