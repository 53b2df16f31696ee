// /petugas/skm: the community satisfaction index (SKM, PermenPANRB 14/2017) of the officer's offices
// for a period — per office × service and the total: respondents, NRR per element U1…U9, IKM, unit
// value (×25) and grade with its words — a bar chart of the NRRs (inline SVG, with its numbers as a
// text alternative), the same table as CSV, and a printable report (print shows only the report).
import { useEffect, useState } from 'preact/hooks';
import type { Principal } from '../../domain/accounts/account.ts';
import { round2 } from '../../domain/feedback/ikm.ts';
import { SKM_ELEMENTS } from '../../domain/feedback/skm.ts';
import { formatDate, formatNumber } from '../../domain/format.ts';
import { addDays, wibClock } from '../../domain/time/wib.ts';
import { useHeadingFocus } from '../hooks/useHeadingFocus.ts';
import { type Language, type Translate, useI18n } from '../i18n/index.ts';
import { apiUrl, officeFetch } from './api.ts';
import { accountOffices, useOfficeCatalogue } from './catalogue-labels.ts';
import { OfficeError } from './OfficeError.tsx';
import { OfficeGate } from './OfficeGate.tsx';
import { TableScroller } from './TableScroller.tsx';
import type { SkmReport } from './types.ts';

type Index = SkmReport['total'];
type Selection = { from: string; to: string; officeId: string; serviceId: string };
type Loaded =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; data: SkmReport; selection: Selection };

export default function Skm() {
  return <OfficeGate>{(principal) => <SkmScreen principal={principal} />}</OfficeGate>;
}

/** `to` is inclusive on screen; the server takes [from, to), so the query asks up to the next day. */
const queryOf = (s: Selection) => ({
  from: s.from,
  to: addDays(s.to, 1),
  officeId: s.officeId,
  serviceId: s.serviceId,
});

/** Two decimals in the reader's number format (Indonesian: 87,50). */
export function decimal(n: number | null, lang: Language): string {
  return n === null ? '—' : formatNumber(round2(n), lang, 2);
}

function gradeText(grade: Index['grade'], t: Translate): string {
  return grade ? t('office.skm.gradeValue', { grade, words: t(`office.skm.grade.${grade}`) }) : '—';
}

function SkmScreen({ principal }: { principal: Principal }) {
  const { t, lang } = useI18n();
  const catalogue = useOfficeCatalogue(lang);
  const heading = useHeadingFocus();
  const today = wibClock(new Date()).date;
  const initial: Selection = { from: `${today.slice(0, 4)}-01-01`, to: today, officeId: '', serviceId: '' };
  const [draft, setDraft] = useState<Selection>(initial);
  const [selection, setSelection] = useState<Selection>(initial);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  // Every selection asked for is fetched; "Coba lagi" asks for the same one again as a new object.
  useEffect(() => {
    let live = true;
    setLoaded({ status: 'loading' });
    const asked = selection;
    officeFetch<SkmReport>('/api/office/skm', { query: queryOf(asked) }).then(
      (data) => live && setLoaded({ status: 'ready', data, selection: asked }),
      (error: unknown) => live && setLoaded({ status: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [selection]);

  const { options: officeOptions } = accountOffices(principal, catalogue, lang);
  const officeSet = new Set(officeOptions.map(([id]) => id));
  const serviceOptions = catalogue.services.filter(
    (s) => principal.role === 'administrator' || s.officeIds.some((o) => officeSet.has(o)),
  );
  const set = (patch: Partial<Selection>) => setDraft({ ...draft, ...patch });

  return (
    <>
      <div class="office-noprint">
        <h1 ref={heading} tabIndex={-1}>
          {t('office.skm.title')}
        </h1>
        <p>{t('office.skm.intro')}</p>
        <form
          class="office-filters"
          aria-label={t('office.skm.filters')}
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.from && draft.to) setSelection(draft);
          }}
        >
          <div class="field">
            <label for="skm-from">{t('office.skm.from')}</label>
            <input
              id="skm-from"
              type="date"
              required
              value={draft.from}
              onInput={(e) => set({ from: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="skm-to">{t('office.skm.to')}</label>
            <input
              id="skm-to"
              type="date"
              required
              value={draft.to}
              onInput={(e) => set({ to: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for="skm-office">{t('office.queue.office')}</label>
            <select id="skm-office" value={draft.officeId} onChange={(e) => set({ officeId: e.currentTarget.value })}>
              <option value="">{t('office.queue.all')}</option>
              {officeOptions.map(([v, text]) => (
                <option key={v} value={v}>
                  {text}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="skm-service">{t('office.queue.service')}</label>
            <select
              id="skm-service"
              value={draft.serviceId}
              onChange={(e) => set({ serviceId: e.currentTarget.value })}
            >
              <option value="">{t('office.queue.all')}</option>
              {serviceOptions.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name[lang]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="btn btn--primary">
            {t('office.skm.show')}
          </button>
        </form>
        <p class="office-skm__actions">
          <a class="btn" href={apiUrl('/api/office/skm.csv', queryOf(selection))} download>
            {t('office.skm.csv')}
          </a>
          <button type="button" class="btn" onClick={() => window.print()} disabled={loaded.status !== 'ready'}>
            {t('office.skm.print')}
          </button>
        </p>
      </div>
      {loaded.status === 'loading' && <p role="status">{t('loading')}</p>}
      {loaded.status === 'error' && <OfficeError error={loaded.error} onRetry={() => setSelection({ ...selection })} />}
      {loaded.status === 'ready' && (
        <Report
          data={loaded.data}
          selection={loaded.selection}
          officeName={catalogue.officeName}
          serviceName={catalogue.serviceName}
        />
      )}
    </>
  );
}

function Report({
  data,
  selection,
  officeName,
  serviceName,
}: {
  data: SkmReport;
  selection: Selection;
  officeName(id: string): string;
  serviceName(id: string): string;
}) {
  const { t, lang } = useI18n();
  const period = t('office.skm.periodValue', {
    from: formatDate(selection.from, lang),
    to: formatDate(selection.to, lang),
  });
  const total = data.total;
  return (
    <section class="office-skm-report" aria-labelledby="skm-report-title">
      <h2 id="skm-report-title">{t('office.skm.report')}</h2>
      <dl class="receipt office-skm__summary">
        <dt>{t('office.skm.reportOffice')}</dt>
        <dd class="office-skm__office">
          {selection.officeId ? officeName(selection.officeId) : t('office.skm.allOffices')}
        </dd>
        <dt>{t('office.skm.reportService')}</dt>
        <dd>{selection.serviceId ? serviceName(selection.serviceId) : t('office.skm.allServices')}</dd>
        <dt>{t('office.skm.period')}</dt>
        <dd class="office-skm__period">{period}</dd>
        <dt>{t('office.skm.respondents')}</dt>
        <dd class="office-skm__respondents">{total.respondents}</dd>
        <dt>{t('office.skm.ikm')}</dt>
        <dd class="office-skm__ikm">{decimal(total.ikm, lang)}</dd>
        <dt>{t('office.skm.unitValue')}</dt>
        <dd class="office-skm__unit">{decimal(total.unitValue, lang)}</dd>
        <dt>{t('office.skm.grade')}</dt>
        <dd class="office-skm__grade">{gradeText(total.grade, t)}</dd>
      </dl>
      {total.respondents > 0 && total.grade === null && <p>{t('office.skm.noIndex')}</p>}
      {data.rows.length === 0 ? (
        <p role="status">{t('office.skm.empty')}</p>
      ) : (
        <>
          <TableScroller captionId="office-table-caption">
            <table class="office-table office-skm__table">
              <caption id="office-table-caption">
                {t('office.skm.caption', {
                  from: formatDate(selection.from, lang),
                  to: formatDate(selection.to, lang),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('office.skm.col.office')}</th>
                  <th scope="col">{t('office.skm.col.service')}</th>
                  <th scope="col">{t('office.skm.col.respondents')}</th>
                  {SKM_ELEMENTS.map((e) => (
                    <th scope="col" key={e}>
                      <abbr title={t(`office.skm.element.${e}`)}>{e}</abbr>
                    </th>
                  ))}
                  <th scope="col">{t('office.skm.col.ikm')}</th>
                  <th scope="col">{t('office.skm.col.unitValue')}</th>
                  <th scope="col">{t('office.skm.col.grade')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={`${r.officeId}/${r.serviceId}`} class="office-skm__row">
                    <th scope="row">{r.officeName ?? officeName(r.officeId)}</th>
                    <td>{r.serviceName ?? serviceName(r.serviceId)}</td>
                    <IndexCells index={r} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr class="office-skm__total">
                  <th scope="row" colSpan={2}>
                    {t('office.skm.total')}
                  </th>
                  <IndexCells index={total} />
                </tr>
              </tfoot>
            </table>
          </TableScroller>
          <NrrChart index={total} />
          <h3>{t('office.skm.legend')}</h3>
          <dl class="receipt office-skm__legend">
            {SKM_ELEMENTS.map((e) => [
              <dt key={`${e}-t`}>{e}</dt>,
              <dd key={`${e}-d`}>{t(`office.skm.element.${e}`)}</dd>,
            ])}
          </dl>
        </>
      )}
    </section>
  );
}

function IndexCells({ index }: { index: Index }) {
  const { t, lang } = useI18n();
  return (
    <>
      <td>{index.respondents}</td>
      {SKM_ELEMENTS.map((e) => (
        <td key={e}>{decimal(index.elements[e].nrr, lang)}</td>
      ))}
      <td>{decimal(index.ikm, lang)}</td>
      <td>{decimal(index.unitValue, lang)}</td>
      <td>{gradeText(index.grade, t)}</td>
    </>
  );
}

/** NRR per element (scale 1–4) as bars; the title and description carry every number for screen readers. */
export function NrrChart({ index }: { index: Index }) {
  const { t, lang } = useI18n();
  const W = 480;
  const H = 240;
  const left = 36;
  const bottom = 28;
  const top = 20;
  const plotH = H - bottom - top;
  const slot = (W - left - 8) / SKM_ELEMENTS.length;
  const y = (v: number) => top + plotH - (v / 4) * plotH;
  const values = SKM_ELEMENTS.map((e) =>
    t('office.skm.chartValue', {
      element: e,
      name: t(`office.skm.element.${e}`),
      value: index.elements[e].nrr === null ? t('office.skm.notAnswered') : decimal(index.elements[e].nrr, lang),
    }),
  ).join('; ');
  return (
    <figure class="office-skm__chart">
      {/* role="img" makes everything inside presentational: assistive technology reads the title and description. */}
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby="skm-chart-title skm-chart-desc"
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id="skm-chart-title">{t('office.skm.chartTitle')}</title>
        <desc id="skm-chart-desc">{t('office.skm.chartDesc', { values })}</desc>
        {[0, 1, 2, 3, 4].map((v) => (
          <g key={v}>
            <line x1={left} x2={W - 4} y1={y(v)} y2={y(v)} class="office-skm__grid" />
            <text x={left - 6} y={y(v) + 4} text-anchor="end" class="office-skm__axis">
              {v}
            </text>
          </g>
        ))}
        {SKM_ELEMENTS.map((e, i) => {
          const nrr = index.elements[e].nrr;
          const x = left + i * slot + slot * 0.15;
          const w = slot * 0.7;
          return (
            <g key={e} class="office-skm__bar-group">
              {nrr !== null && <rect class="office-skm__bar" x={x} y={y(nrr)} width={w} height={y(0) - y(nrr)} />}
              <text
                x={x + w / 2}
                y={nrr !== null ? y(nrr) - 4 : y(0) - 4}
                text-anchor="middle"
                class="office-skm__value"
              >
                {nrr !== null ? decimal(nrr, lang) : '—'}
              </text>
              <text x={x + w / 2} y={H - 8} text-anchor="middle" class="office-skm__axis">
                {e}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('office.skm.chartTitle')}</figcaption>
    </figure>
  );
}
