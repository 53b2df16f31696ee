// Finding services in the catalogue: accent- and case-insensitive word-start search over both
// languages and the abbreviations residents type (KTP, KK, KIA, SKTM), plus the office, island and
// channel filters of the catalogue page. Runs on the device, offline, over the whole catalogue.
import type { Office } from './office.ts';
import type { Channel, Service } from './service.ts';

const COMBINING_MARKS = /\p{M}+/gu;
// Straight, typographic and modifier apostrophes and the backtick: "Ra'as", "Ra’as" and "Raas" are
// the same island to a resident typing on any keyboard.
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BB`\u00B4]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

export function normalizeForSearch(text: string): string {
  // Lowercase before stripping marks: "İ".toLowerCase() is "i" plus a combining dot.
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, '')
    .replace(NON_WORD, ' ')
    .trim();
}

export type SearchableService = Pick<Service, 'id' | 'name' | 'keywords' | 'product'>;

/**
 * What a service is found by: its slug, names, product and keywords. Not its summary: summaries say
 * what a service is *not* for ("not needed for KTP-el, KK and akta"), which would list it for those.
 */
export function serviceSearchText(service: SearchableService): string {
  return normalizeForSearch(
    [
      service.id.replaceAll('-', ' '),
      service.name.id,
      service.name.en,
      service.product.id,
      service.product.en,
      ...service.keywords,
    ].join(' '),
  );
}

function queryTokens(query: string): string[] {
  const normalized = normalizeForSearch(query);
  return normalized === '' ? [] : normalized.split(' ');
}

function containsAllWordStarts(searchText: string, tokens: readonly string[]): boolean {
  // A leading space makes "starts a word" a plain substring test: " ta" is not in " akta".
  const padded = ` ${searchText}`;
  return tokens.every((token) => padded.includes(` ${token}`));
}

/**
 * Whether every word of the query starts a word of `searchText`. `searchText` must already be
 * normalized (the output of `serviceSearchText` or `normalizeForSearch`), so that callers can
 * compute it once per service rather than once per keystroke and service.
 */
export function matchesQuery(searchText: string, query: string): boolean {
  return containsAllWordStarts(searchText, queryTokens(query));
}

export interface ServiceFilter {
  query?: string;
  /** Only services that list this office. */
  officeId?: string;
  /** Only services served by at least one office on this island (idn-area-data island code). */
  islandCode?: string;
  /** Only services that accept this channel. */
  channel?: Channel;
}

export type FilterableService = SearchableService & Pick<Service, 'officeIds' | 'channels'>;

/** The services meeting every given criterion, in their input order. */
export function filterServices<S extends FilterableService>(
  services: readonly S[],
  filter: ServiceFilter,
  offices: readonly Pick<Office, 'id' | 'island'>[],
): S[] {
  const tokens = queryTokens(filter.query ?? '');
  const { officeId, islandCode, channel } = filter;
  // One pass over the offices instead of one per service: the ids of the offices on the island.
  const onIsland =
    islandCode === undefined
      ? undefined
      : new Set(offices.filter((o) => o.island?.code === islandCode).map((o) => o.id));

  return services.filter(
    (s) =>
      (channel === undefined || s.channels.includes(channel)) &&
      (officeId === undefined || s.officeIds.includes(officeId)) &&
      (onIsland === undefined || s.officeIds.some((id) => onIsland.has(id))) &&
      // The text is built last and only when there is a query: the cheap filters go first.
      (tokens.length === 0 || containsAllWordStarts(serviceSearchText(s), tokens)),
  );
}
