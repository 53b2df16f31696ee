// /layanan: the catalogue, searchable offline (case- and accent-insensitive, both languages,
// abbreviations) and filterable by office, island and channel. The filters live in the URL, so a
// search can be bookmarked or printed as a QR code.
import { useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { CHANNELS, isChannel, isFree, needsVisit } from '../../domain/catalogue/glance.ts';
import { filterServices } from '../../domain/catalogue/search.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { formatCompletionTime } from '../../domain/format.ts';
import { CodeOptions } from '../components/CodeOptions.tsx';
import { useLastSync } from '../hooks/useLastSync.ts';
import { useI18n } from '../i18n/index.ts';
import { useScreenCopy } from '../shell/screen-copy.ts';
import { CatalogueGate } from './CatalogueGate.tsx';
import { Freshness } from './Freshness.tsx';
import { channelKey } from './labels.ts';
import { type Catalogue, useCatalogue } from './useCatalogue.ts';

export default function ServiceList() {
  const { t } = useI18n();
  const catalogue = useCatalogue();
  return (
    <>
      <h1>{t('catalogue.title')}</h1>
      <Freshness hasData={catalogue.status === 'ready' && catalogue.value.services.length > 0} ageOnline />
      <CatalogueGate state={catalogue}>{(c) => <ListBody catalogue={c} />}</CatalogueGate>
    </>
  );
}

function ListBody({ catalogue }: { catalogue: Catalogue }) {
  const { t, lang } = useI18n();
  const { query: params, path, route } = useLocation();
  const query = params.q ?? '';
  const officeId = params.kantor ?? '';
  const islandCode = params.pulau ?? '';
  const channel = isChannel(params.kanal) ? params.kanal : undefined;

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    const qs = next.toString();
    route(qs ? `${path}?${qs}` : path, true);
  };

  const islands = useMemo(() => {
    const byCode = new Map(
      catalogue.offices.flatMap((o) => (o.island ? [[o.island.code, o.island.name] as const] : [])),
    );
    return [...byCode].sort((a, b) => a[1].localeCompare(b[1], 'id'));
  }, [catalogue.offices]);
  const offices = useMemo(
    () => [...catalogue.offices].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang)),
    [catalogue.offices, lang],
  );
  const results = useMemo(() => {
    const found = filterServices(
      catalogue.services,
      { query, officeId: officeId || undefined, islandCode: islandCode || undefined, channel },
      catalogue.offices,
    );
    // A search lists the best match first; the whole catalogue reads in alphabetical order.
    return query.trim() ? found : [...found].sort((a, b) => a.name[lang].localeCompare(b.name[lang], lang));
  }, [catalogue, query, officeId, islandCode, channel, lang]);

  const activeFilters = [officeId, islandCode, channel].filter(Boolean).length;
  // The whole list, unfiltered, is what a cold start shows first next time; kept again when a sync
  // completes, so its catalogue notice has the size of the one the next start will show.
  const syncedAt = useLastSync()?.getTime();
  useScreenCopy('/layanan', !query && activeFilters === 0 && results.length > 0, [results, lang, syncedAt]);
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is a landmark only from Chrome and Firefox 118 and Safari 17; the app is built for older phones' browsers too (ES2022: Chrome 94, Safari 16.4), where the role is what makes this form the search landmark */}
      <form class="filters" role="search" action="/layanan" onSubmit={(e) => e.preventDefault()}>
        <div class="field field--search">
          <label for="q">{t('catalogue.search')}</label>
          <input
            id="q"
            name="q"
            type="search"
            value={query}
            placeholder={t('catalogue.searchPlaceholder')}
            autocomplete="off"
            onInput={(e) => setParam('q', e.currentTarget.value)}
          />
        </div>
        {/* Closed, the filters take one line: the first result shows above the fold and above a phone's keyboard. */}
        <details class="filters__more" open={activeFilters > 0}>
          <summary class="filters__summary">
            {activeFilters > 0 ? t('catalogue.filtersActive', { n: activeFilters }) : t('catalogue.filters')}
          </summary>
          <div class="field">
            <label for="f-office">{t('catalogue.filterOffice')}</label>
            <select id="f-office" value={officeId} onChange={(e) => setParam('kantor', e.currentTarget.value)}>
              <option value="">{t('catalogue.allOffices')}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name[lang]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-island">{t('catalogue.filterIsland')}</label>
            <select id="f-island" value={islandCode} onChange={(e) => setParam('pulau', e.currentTarget.value)}>
              <CodeOptions empty={t('catalogue.allIslands')} items={islands} />
            </select>
          </div>
          <div class="field">
            <label for="f-channel">{t('catalogue.filterChannel')}</label>
            <select id="f-channel" value={channel ?? ''} onChange={(e) => setParam('kanal', e.currentTarget.value)}>
              <option value="">{t('catalogue.allChannels')}</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(channelKey(c))}
                </option>
              ))}
            </select>
          </div>
        </details>
      </form>
      <p class="result-count" role="status">
        {t('catalogue.resultCount', { n: results.length })}
      </p>
      <ul class="cards service-list">
        {results.map((s) => (
          <ServiceCard key={s.id} service={s} />
        ))}
      </ul>
    </>
  );
}

function ServiceCard({ service: s }: { service: Service }) {
  const { t, lang } = useI18n();
  return (
    <li>
      <a class="card" href={`/layanan/${s.id}`}>
        <span class="card__title">{s.name[lang]}</span>
        <span class="card__body">{s.summary[lang]}</span>
        <span class="card__facts">
          <span>{formatCompletionTime(s.completionTime, lang)}</span>
          <span>{isFree(s) ? t('cost.free') : t('cost.paid')}</span>
          {needsVisit(s) && <span>{t('procedure.needsVisit')}</span>}
        </span>
      </a>
    </li>
  );
}
