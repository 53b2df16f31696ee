// An office's correction period on /petugas/katalog (its officers and administrators): how many days
// the office waits for a resident's correction before the application is abandoned, and how many
// days before that the resident is told.
import { useEffect, useState } from 'preact/hooks';
import type { CorrectionPeriod } from '../../domain/backoffice/correction-period.ts';
import { useI18n } from '../i18n/index.ts';
import { AdminMessage } from './admin/AdminMessage.tsx';
import { useAdminAction, useAdminData } from './admin/useAdminData.ts';
import { officeFetch } from './api.ts';
import { OfficeError } from './OfficeError.tsx';
import type { OfficeSummary } from './types.ts';

export function CorrectionPeriodForm({ office }: { office: OfficeSummary }) {
  const { t, lang } = useI18n();
  const url = `/api/office/offices/${encodeURIComponent(office.id)}/correction-period`;
  const { loaded, reload } = useAdminData<CorrectionPeriod>(url);
  const { busy, message, run } = useAdminAction(reload);
  const [days, setDays] = useState('');
  const [noticeDays, setNoticeDays] = useState('');
  useEffect(() => {
    if (loaded.status !== 'ready') return;
    setDays(String(loaded.data.days));
    setNoticeDays(String(loaded.data.noticeDays));
  }, [loaded]);
  const tooLate = Number(noticeDays) >= Number(days);

  return (
    <form
      class="office-form"
      aria-labelledby="correction-period-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (tooLate) return;
        void run(async () => {
          const saved = await officeFetch<CorrectionPeriod>(url, {
            method: 'PUT',
            body: { days: Number(days), noticeDays: Number(noticeDays) },
          });
          return t('office.correctionPeriod.saved', { days: saved.days, notice: saved.noticeDays });
        });
      }}
    >
      <h2 id="correction-period-title">{t('office.correctionPeriod.title', { office: office.name[lang] })}</h2>
      <p>{t('office.correctionPeriod.intro')}</p>
      {loaded.status === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.status === 'error' && <OfficeError error={loaded.error} onRetry={reload} />}
      {loaded.status === 'ready' && (
        <>
          <div class="field">
            <label for="correction-days">{t('office.correctionPeriod.days')}</label>
            <input
              id="correction-days"
              type="number"
              inputMode="numeric"
              min={2}
              max={365}
              required
              value={days}
              onInput={(e) => setDays(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for="correction-notice">{t('office.correctionPeriod.notice')}</label>
            <input
              id="correction-notice"
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
              required
              aria-invalid={tooLate}
              aria-describedby={tooLate ? 'correction-notice-error' : undefined}
              value={noticeDays}
              onInput={(e) => setNoticeDays(e.currentTarget.value)}
            />
            {tooLate && (
              <p id="correction-notice-error" class="field__error">
                {t('office.correctionPeriod.noticeTooLong')}
              </p>
            )}
          </div>
          <button type="submit" class="btn btn--primary" disabled={busy || tooLate}>
            {t('office.correctionPeriod.save')}
          </button>
        </>
      )}
      <AdminMessage message={message} />
    </form>
  );
}
