// /petugas/pengaduan: the complaints of the officer's offices — tracking number, what it is about,
// kind, received, target time, status — with overdue ones marked in words, filtered by status,
// office and overdue. No complainant and no text here: the detail (audited) has them.
import { useEffect, useState } from 'preact/hooks';
import type { Principal } from '../../domain/accounts/account.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { officeFetch } from './api.ts';
import { accountOffices, type OfficeCatalogue, useOfficeCatalogue } from './catalogue-labels.ts';
import { formatDateTime } from './format.ts';
import { OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { TableScroller } from './TableScroller.tsx';
import type { ComplaintRow } from './types.ts';

const STATUSES = ['open', 'answered', 'closed'] as const;
type Filters = { status: string; officeId: string; overdue: boolean };
const NO_FILTERS: Filters = { status: '', officeId: '', overdue: false };

type Loaded = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; rows: ComplaintRow[] };

export default function Complaints() {
  return <OfficeGate>{(principal) => <ComplaintsScreen principal={principal} />}</OfficeGate>;
}

function ComplaintsScreen({ principal }: { principal: Principal }) {
  const { t, lang } = useI18n();
  const catalogue = useOfficeCatalogue(lang);
  const heading = useHeadingFocus();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  // Every filter asked for is fetched; "Coba lagi" asks for the same one again as a new object.
  useEffect(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    officeFetch<{ rows: ComplaintRow[] }>('/api/office/complaints', {
      query: {
        status: filters.status,
        officeId: filters.officeId,
        overdue: filters.overdue ? 'true' : undefined,
        limit: '500',
      },
    }).then(
      (data) => live && setLoaded({ status: 'ready', rows: data.rows }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [filters]);

  const { options: officeOptions } = accountOffices(principal, catalogue, lang);

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.complaints.title')}
      </h1>
      <form
        class="office-filters"
        aria-label={t('office.complaints.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <div class="field">
          <label for="c-status">{t('office.complaints.col.status')}</label>
          <select
            id="c-status"
            value={draft.status}
            onChange={(e) => setDraft({ ...draft, status: e.currentTarget.value })}
          >
            <option value="">{t('office.queue.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`office.complaints.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="c-office">{t('office.queue.office')}</label>
          <select
            id="c-office"
            value={draft.officeId}
            onChange={(e) => setDraft({ ...draft, officeId: e.currentTarget.value })}
          >
            <option value="">{t('office.queue.all')}</option>
            {officeOptions.map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </select>
        </div>
        <label class="choice office-filters__check">
          <input
            type="checkbox"
            checked={draft.overdue}
            onChange={(e) => setDraft({ ...draft, overdue: e.currentTarget.checked })}
          />
          {t('office.complaints.overdueOnly')}
        </label>
        <button type="submit" class="btn btn--primary">
          {t('office.queue.apply')}
        </button>
      </form>
      {loaded.status === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.status === 'error' && <OfficeError error={loaded.error} onRetry={() => setFilters({ ...filters })} />}
      {loaded.status === 'ready' && <ComplaintTable rows={loaded.rows} catalogue={catalogue} />}
    </>
  );
}

/** What a complaint is about, in a few words (the list carries no text of the resident). */
export function aboutText(
  row: Pick<ComplaintRow, 'aboutKind' | 'serviceId' | 'officeId'>,
  catalogue: OfficeCatalogue,
  t: ReturnType<typeof useI18n>['t'],
): string {
  const kind = t(`office.complaints.aboutKind.${row.aboutKind}`);
  const what = row.serviceId ? catalogue.serviceName(row.serviceId) : catalogue.officeName(row.officeId);
  return `${kind}: ${what}`;
}

function ComplaintTable({ rows, catalogue }: { rows: ComplaintRow[]; catalogue: OfficeCatalogue }) {
  const { t, lang } = useI18n();
  if (rows.length === 0) return <p role="status">{t('office.complaints.empty')}</p>;
  return (
    <TableScroller captionId="office-table-caption">
      <table class="office-table office-complaints">
        <caption id="office-table-caption">{t('office.complaints.caption', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('office.complaints.col.tracking')}</th>
            <th scope="col">{t('office.complaints.col.about')}</th>
            <th scope="col">{t('office.complaints.col.category')}</th>
            <th scope="col">{t('office.complaints.col.received')}</th>
            <th scope="col">{t('office.complaints.col.due')}</th>
            <th scope="col">{t('office.complaints.col.status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              class={r.overdue ? 'office-complaints__row office-queue__row--overdue' : 'office-complaints__row'}
              data-id={r.id}
            >
              <th scope="row">
                <a href={`/petugas/pengaduan/${r.id}`} class="office-queue__tracking">
                  {r.trackingNumber}
                </a>
              </th>
              <td>
                {aboutText(r, catalogue, t)}
                <span class="office-complaints__office">{catalogue.officeName(r.officeId)}</span>
              </td>
              <td>{t(`office.complaints.category.${r.category}`)}</td>
              <td>{formatDateTime(r.receivedAt, lang)}</td>
              <td>
                {formatDateTime(r.dueAt, lang)}
                {r.overdue && <span class="badge office-badge--overdue">{t('office.complaints.overdue')}</span>}
              </td>
              <td class="office-complaints__status">{t(`office.complaints.status.${r.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
