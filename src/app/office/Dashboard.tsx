// /petugas/dasbor: per office and service in a period — received, completed, median completion time
// against the standard, share overdue — with the same table as CSV.
import { useEffect, useState } from 'preact/hooks';
import type { CompletionTime } from '../../domain/catalogue/service.ts';
import { formatCompletionTime, formatDate, formatNumber } from '../../domain/format.ts';
import { addDays, wibClock } from '../../domain/time/wib.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { type Translate, useI18n } from '../i18n/index.ts';
import { apiUrl, officeFetch } from './api.ts';
import { useOfficeCatalogue } from './catalogue-labels.ts';
import { OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { TableScroller } from './TableScroller.tsx';
import type { DashboardResponse } from './types.ts';

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: DashboardResponse };

export default function Dashboard() {
  return <OfficeGate>{() => <DashboardScreen />}</OfficeGate>;
}

type Period = { from: string; to: string };

/** The period [from, to) as dates; `to` is inclusive on screen, so the query asks up to the next day. */
const queryOf = (period: Period) => ({ from: period.from, to: addDays(period.to, 1) });

function DashboardScreen() {
  const { t, lang } = useI18n();
  const catalogue = useOfficeCatalogue(lang);
  const heading = useHeadingFocus();
  const today = wibClock(new Date()).date;
  const [from, setFrom] = useState(addDays(today, -30));
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState<Period>({ from: addDays(today, -30), to: today });
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const query = queryOf(period);

  // Every period asked for is fetched; "Coba lagi" asks for the same one again as a new object.
  useEffect(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    officeFetch<DashboardResponse>('/api/office/dashboard', { query: queryOf(period) }).then(
      (data) => live && setLoaded({ status: 'ready', data }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [period]);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.dashboard.title')}
      </h1>
      <form
        class="office-filters"
        onSubmit={(e) => {
          e.preventDefault();
          // Showing the period already shown keeps its figures: only "Coba lagi" fetches them again.
          if (from && to) setPeriod((p) => (p.from === from && p.to === to ? p : { from, to }));
        }}
      >
        <div class="field">
          <label for="dash-from">{t('office.dashboard.from')}</label>
          <input id="dash-from" type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="dash-to">{t('office.dashboard.to')}</label>
          <input id="dash-to" type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <button type="submit" class="btn btn--primary">
          {t('office.dashboard.show')}
        </button>
      </form>
      <p>
        <a class="btn" href={apiUrl('/api/office/dashboard.csv', query)} download>
          {t('office.dashboard.csv')}
        </a>
      </p>
      {loaded.status === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.status === 'error' && <OfficeError error={loaded.error} onRetry={() => setPeriod({ ...period })} />}
      {loaded.status === 'ready' && loaded.data.rows.length === 0 && <p role="status">{t('office.dashboard.empty')}</p>}
      {loaded.status === 'ready' && loaded.data.rows.length > 0 && (
        <TableScroller captionId="office-table-caption">
          <table class="office-table office-dashboard">
            <caption id="office-table-caption">
              {t('office.dashboard.caption', { from: formatDate(period.from, lang), to: formatDate(period.to, lang) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('office.dashboard.col.office')}</th>
                <th scope="col">{t('office.dashboard.col.service')}</th>
                <th scope="col">{t('office.dashboard.col.received')}</th>
                <th scope="col">{t('office.dashboard.col.completed')}</th>
                <th scope="col">{t('office.dashboard.col.ready')}</th>
                <th scope="col">{t('office.dashboard.col.median')}</th>
                <th scope="col">{t('office.dashboard.col.standard')}</th>
                <th scope="col">{t('office.dashboard.col.overdue')}</th>
                <th scope="col">{t('office.dashboard.col.withdrawn')}</th>
                <th scope="col">{t('office.dashboard.col.abandoned')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.rows.map((r) => (
                <tr key={`${r.officeId}/${r.serviceId}`}>
                  <th scope="row">{catalogue.officeName(r.officeId)}</th>
                  <td>{catalogue.serviceName(r.serviceId)}</td>
                  <td>{r.received}</td>
                  <td>{r.completed}</td>
                  <td>{r.ready}</td>
                  <td>{duration(r.medianCompletionSeconds, t, lang)}</td>
                  <td>{standard(r.standard, lang)}</td>
                  <td>{r.overdueShare === null ? '—' : `${Math.round(r.overdueShare * 100)}%`}</td>
                  <td class="office-dashboard__withdrawn">{r.withdrawn}</td>
                  <td class="office-dashboard__abandoned">{r.abandoned}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroller>
      )}
      {loaded.status === 'ready' && loaded.data.rows.length > 0 && <p>{t('office.dashboard.clockNote')}</p>}
    </>
  );
}

function duration(seconds: number | null, t: Translate, lang: 'id' | 'en'): string {
  if (seconds === null) return '—';
  const hours = seconds / 3600;
  return hours >= 24
    ? t('office.dashboard.days', { n: formatNumber(hours / 24, lang, 1) })
    : t('office.dashboard.hours', { n: formatNumber(hours, lang, 1) });
}

function standard(s: CompletionTime | null, lang: 'id' | 'en'): string {
  if (!s) return '—';
  try {
    return formatCompletionTime(s, lang);
  } catch {
    return '—';
  }
}
