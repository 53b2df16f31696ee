// "Batalkan permohonan" on a delivered application that has not ended: asked twice (it cannot be
// undone), sent at once with the application's secret, and the outcome said in words (kept on screen
// when the withdrawn state arrives by the pull a moment later).
import { useState } from 'preact/hooks';
import { type WithdrawOutcome, withdrawApplication } from '../../data/applications/withdraw.ts';
import { useI18n } from '../i18n/index.ts';

export function Withdraw({ id, ended }: { id: string; ended: boolean }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<WithdrawOutcome | null>(null);

  const confirm = async () => {
    setBusy(true);
    const result = await withdrawApplication(id);
    setBusy(false);
    setOutcome(result);
    if (result !== 'offline' && result !== 'failed') setAsking(false);
  };

  if (ended && outcome === null) return null;
  return (
    <section class="withdraw" aria-labelledby={`withdraw-${id}`}>
      <h2 id={`withdraw-${id}`}>{t('withdraw.title')}</h2>
      {outcome && (
        <p
          class={outcome === 'withdrawn' ? 'withdraw__done' : 'field__error'}
          role={outcome === 'withdrawn' ? 'status' : 'alert'}
        >
          {t(`withdraw.outcome.${outcome}`)}
        </p>
      )}
      {asking ? (
        <>
          <p>{t('withdraw.confirmText')}</p>
          <div class="file-actions">
            <button type="button" class="btn btn--danger" disabled={busy} onClick={() => void confirm()}>
              {busy ? t('withdraw.busy') : t('withdraw.confirm')}
            </button>
            <button type="button" class="btn" disabled={busy} onClick={() => setAsking(false)}>
              {t('withdraw.keep')}
            </button>
          </div>
        </>
      ) : (
        !ended &&
        outcome !== 'withdrawn' && (
          <button type="button" class="btn" onClick={() => setAsking(true)}>
            {t('withdraw.start')}
          </button>
        )
      )}
    </section>
  );
}
