// /petugas: one queue of the officer's offices — digital and walk-in — with filters, a tracking-number
// search, an audited NIK search, masked rows, overdue ones marked in words, and "more" by cursor.
import { useEffect, useState } from 'preact/hooks';
import type { Principal } from '../../domain/accounts/account.ts';
import { Channel } from '../../domain/catalogue/service.ts';
import { ApplicationStatus } from '../../domain/submissions/submission.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { useI18n } from '../i18n/index.ts';
import { officeFetch } from './api.ts';
import { accountOffices, type OfficeCatalogue, useOfficeCatalogue } from './catalogue-labels.ts';
import { formatDateTime } from './format.ts';
import { OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { TableScroller } from './TableScroller.tsx';
import type { QueuePage, QueueRow } from './types.ts';

type Filters = { officeId: string; service: string; status: string; channel: string; island: string; overdue: boolean };
const NO_FILTERS: Filters = { officeId: '', service: '', status: '', channel: '', island: '', overdue: false };

type Search =
  | { kind: 'filters'; filters: Filters }
  | { kind: 'tracking'; number: string }
  | { kind: 'nik'; nik: string };

type Ready = { status: 'ready'; search: Search; rows: QueueRow[]; nextCursor: string | null; loadingMore: boolean };
/** While a search loads, the last answer stays on screen (marked busy) rather than the table vanishing. */
type Loaded = { status: 'loading'; previous?: Ready } | { status: 'error'; error: unknown } | Ready;

const lastAnswer = (loaded: Loaded): Ready | undefined =>
  loaded.status === 'ready' ? loaded : loaded.status === 'loading' ? loaded.previous : undefined;

function fetchPage(search: Search, cursor: string | null): Promise<QueuePage> {
  const paging = cursor ? { cursor } : {};
  if (search.kind === 'nik')
    return officeFetch<QueuePage>('/api/office/applications/search-nik', {
      method: 'POST',
      body: { nik: search.nik, ...paging },
    });
  const f = search.kind === 'filters' ? search.filters : NO_FILTERS;
  return officeFetch<QueuePage>('/api/office/applications', {
    query: {
      officeId: f.officeId,
      service: f.service,
      status: f.status,
      channel: f.channel,
      island: f.island,
      overdue: f.overdue ? 'true' : undefined,
      trackingNumber: search.kind === 'tracking' ? search.number : undefined,
      cursor: cursor ?? undefined,
    },
  });
}

export default function Queue() {
  return <OfficeGate>{(principal) => <QueueScreen principal={principal} />}</OfficeGate>;
}

function QueueScreen({ principal }: { principal: Principal }) {
  const { t, lang } = useI18n();
  const catalogue = useOfficeCatalogue(lang);
  const heading = useHeadingFocus();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [search, setSearch] = useState<Search>({ kind: 'filters', filters: NO_FILTERS });
  const [tracking, setTracking] = useState('');
  const [nik, setNik] = useState('');
  const [nikError, setNikError] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  // Every search asked for is fetched; "Coba lagi" asks for the same one again as a new object.
  useEffect(() => {
    let live = true;
    setLoaded((now) => ({ status: 'loading', previous: lastAnswer(now) }));
    fetchPage(search, null).then(
      (page) =>
        live &&
        setLoaded({ status: 'ready', search, rows: page.rows, nextCursor: page.nextCursor, loadingMore: false }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [search]);

  const more = async () => {
    if (loaded.status !== 'ready' || !loaded.nextCursor) return;
    setLoaded({ ...loaded, loadingMore: true });
    try {
      const page = await fetchPage(loaded.search, loaded.nextCursor);
      setLoaded({ ...loaded, rows: [...loaded.rows, ...page.rows], nextCursor: page.nextCursor, loadingMore: false });
    } catch (error) {
      setLoaded({ status: 'error', error });
    }
  };

  const { offices: myOffices, options: officeOptions } = accountOffices(principal, catalogue, lang);
  const officeSet = new Set(officeOptions.map(([id]) => id));
  const serviceOptions = catalogue.services.filter(
    (s) => principal.role === 'administrator' || s.officeIds.some((o) => officeSet.has(o)),
  );
  const islands = [
    ...new Map(myOffices.flatMap((o) => (o.island ? [[o.island.code, o.island.name] as const] : []))).entries(),
  ];
  const set = (patch: Partial<Filters>) => setDraft({ ...draft, ...patch });
  const shown = lastAnswer(loaded);
  const stale = loaded.status === 'loading';

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('office.queue.title')}
      </h1>
      <form
        class="office-filters"
        aria-label={t('office.queue.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setSearch({ kind: 'filters', filters: draft });
        }}
      >
        <Select
          id="q-office"
          label={t('office.queue.office')}
          value={draft.officeId}
          onChange={(v) => set({ officeId: v })}
          options={officeOptions}
        />
        <Select
          id="q-service"
          label={t('office.queue.service')}
          value={draft.service}
          onChange={(v) => set({ service: v })}
          options={serviceOptions.map((s) => [s.id, s.name[lang]] as const)}
        />
        <Select
          id="q-status"
          label={t('office.queue.status')}
          value={draft.status}
          onChange={(v) => set({ status: v })}
          options={ApplicationStatus.options.map((s) => [s, t(`status.${s}`)] as const)}
        />
        <Select
          id="q-channel"
          label={t('office.queue.channel')}
          value={draft.channel}
          onChange={(v) => set({ channel: v })}
          options={Channel.options.map((c) => [c, t(`channel.${c}`)] as const)}
        />
        <Select
          id="q-island"
          label={t('office.queue.island')}
          value={draft.island}
          onChange={(v) => set({ island: v })}
          options={islands}
        />
        <label class="choice office-filters__check">
          <input type="checkbox" checked={draft.overdue} onChange={(e) => set({ overdue: e.currentTarget.checked })} />
          {t('office.queue.overdueOnly')}
        </label>
        <button type="submit" class="btn btn--primary">
          {t('office.queue.apply')}
        </button>
      </form>
      <div class="office-searches">
        <form
          class="office-search"
          onSubmit={(e) => {
            e.preventDefault();
            if (tracking.trim()) setSearch({ kind: 'tracking', number: tracking.trim() });
          }}
        >
          <div class="field">
            <label for="q-tracking">{t('office.queue.tracking')}</label>
            <input
              id="q-tracking"
              type="search"
              autoComplete="off"
              autoCapitalize="characters"
              value={tracking}
              onInput={(e) => setTracking(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="btn">
            {t('office.queue.trackingSearch')}
          </button>
        </form>
        <form
          class="office-search"
          onSubmit={(e) => {
            e.preventDefault();
            const value = nik.replace(/\D/g, '');
            setNikError(value.length !== 16);
            if (value.length === 16) setSearch({ kind: 'nik', nik: value });
          }}
        >
          <div class="field">
            <label for="q-nik">{t('office.queue.nik')}</label>
            <input
              id="q-nik"
              inputMode="numeric"
              autoComplete="off"
              value={nik}
              aria-invalid={nikError || undefined}
              aria-describedby="q-nik-note"
              onInput={(e) => setNik(e.currentTarget.value)}
            />
            <p id="q-nik-note" class="field__help">
              {nikError ? t('office.queue.nikInvalid') : t('office.queue.nikNote')}
            </p>
          </div>
          <button type="submit" class="btn">
            {t('office.queue.nikSearch')}
          </button>
        </form>
      </div>
      {search.kind !== 'filters' && (
        <p>
          <button
            type="button"
            class="btn btn--small"
            onClick={() => {
              setTracking('');
              setNik('');
              setSearch({ kind: 'filters', filters: draft });
            }}
          >
            {t('office.queue.clearSearch')}
          </button>
        </p>
      )}
      {loaded.status === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.status === 'error' && <OfficeError error={loaded.error} onRetry={() => setSearch({ ...search })} />}
      {shown && (
        <div
          class={stale ? 'office-queue__answer office-queue__answer--stale' : 'office-queue__answer'}
          aria-busy={stale}
        >
          <QueueTable
            rows={shown.rows}
            catalogue={catalogue}
            caption={
              shown.search.kind === 'nik'
                ? t('office.queue.nikResults')
                : t('office.queue.caption', { count: shown.rows.length })
            }
          />
        </div>
      )}
      {loaded.status === 'ready' && loaded.nextCursor && (
        <button type="button" class="btn" disabled={loaded.loadingMore} onClick={() => void more()}>
          {t('office.queue.more')}
        </button>
      )}
    </>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange(v: string): void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  const { t } = useI18n();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('office.queue.all')}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

function QueueTable({ rows, catalogue, caption }: { rows: QueueRow[]; catalogue: OfficeCatalogue; caption: string }) {
  const { t, lang } = useI18n();
  if (rows.length === 0) return <p role="status">{t('office.queue.empty')}</p>;
  return (
    <TableScroller captionId="office-table-caption">
      <table class="office-table office-queue">
        <caption id="office-table-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('office.queue.col.tracking')}</th>
            <th scope="col">{t('office.queue.col.applicant')}</th>
            <th scope="col">{t('office.queue.col.service')}</th>
            <th scope="col">{t('office.queue.col.office')}</th>
            <th scope="col">{t('office.queue.col.channel')}</th>
            <th scope="col">{t('office.queue.col.status')}</th>
            <th scope="col">{t('office.queue.col.received')}</th>
            <th scope="col">{t('office.queue.col.due')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.id}
              class={r.overdue ? 'office-queue__row office-queue__row--overdue' : 'office-queue__row'}
              data-id={r.id}
            >
              <th scope="row" data-label={t('office.queue.col.tracking')}>
                <a href={`/petugas/permohonan/${r.id}`} class="office-queue__tracking">
                  {r.trackingNumber}
                </a>
              </th>
              <td data-label={t('office.queue.col.applicant')}>
                <div>
                  {r.applicantInitials}
                  {r.nikMasked && <span class="office-queue__nik">{r.nikMasked}</span>}
                </div>
              </td>
              <td data-label={t('office.queue.col.service')}>{catalogue.serviceName(r.serviceId)}</td>
              <td data-label={t('office.queue.col.office')}>
                <div>
                  <OfficeName short={catalogue.officeShortName(r.officeId)} full={catalogue.officeName(r.officeId)} />
                </div>
              </td>
              <td class="office-queue__channel" data-label={t('office.queue.col.channel')}>
                {t(`channel.${r.channel}`)}
              </td>
              <td class="office-queue__status" data-label={t('office.queue.col.status')}>
                {t(`status.${r.status}`)}
              </td>
              <td data-label={t('office.queue.col.received')}>{formatDateTime(r.receivedAt, lang)}</td>
              <td data-label={t('office.queue.col.due')}>
                <div>
                  {r.dueAt ? formatDateTime(r.dueAt, lang) : '—'}
                  {r.overdue && <span class="badge office-badge--overdue">{t('office.queue.overdue')}</span>}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}

/** A short name that fits the column; the full one on hover, and the only one a screen reader reads. */
function OfficeName({ short, full }: { short: string; full: string }) {
  if (short === full) return <>{full}</>;
  return (
    <>
      <span class="office-queue__office" title={full} aria-hidden="true">
        {short}
      </span>
      <span class="visually-hidden">{full}</span>
    </>
  );
}
