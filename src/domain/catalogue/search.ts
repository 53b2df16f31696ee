// Finding services in the catalogue: accent- and case-insensitive search over both languages, the
// abbreviations and synonyms each service lists (its keywords: KTP/e-KTP/KTP-el, lahir/bayi/anak)
// and Indonesian word stems (kelahiran ~ lahir, pindahan ~ pindah), ranked so that the service a
// resident means comes first; plus the office, island and channel filters of the catalogue page.
// Runs on the device, offline, over the whole catalogue.
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

/**
 * Words residents put around what they want ("cara bikin KTP untuk anak saya", "how to get a birth
 * certificate"): they name no service, so a query is not held to them. Normalized forms.
 */
const STOP_WORDS = new Set([
  'cara',
  'bagaimana',
  'gimana',
  'bikin',
  'buat',
  'membuat',
  'urus',
  'mengurus',
  'ngurus',
  'minta',
  'meminta',
  'mau',
  'ingin',
  'perlu',
  'saya',
  'aku',
  'kami',
  'yang',
  'untuk',
  'utk',
  'dan',
  'di',
  'ke',
  'dari',
  'dengan',
  'ini',
  'itu',
  'apa',
  'syarat',
  'persyaratan',
  'layanan',
  'mohon',
  'permohonan',
  'tolong',
  'how',
  'to',
  'get',
  'a',
  'an',
  'the',
  'my',
  'for',
  'of',
  'i',
  'need',
  'apply',
  'make',
]);

function queryTokens(query: string): string[] {
  const normalized = normalizeForSearch(query);
  if (normalized === '') return [];
  const all = normalized.split(' ');
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  // A query of nothing but such words ("daftar", "new") still means them.
  return meaningful.length > 0 ? meaningful : all;
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

// Indonesian affixes, for stems: a word and a query match when they share a root ("kelahiran" and
// "lahir", "pindahan" and "pindah", "perekaman" and "rekam"). Every plausible root is kept rather
// than one guessed, so that two spellings meet on the root they share. Hand-written: the one
// maintained Indonesian stemmer on npm (@orama/stemmers) cuts "keluarga" to "luarga", "menikah" to
// "meni" and "perekaman" to "ekam", which would miss the words residents type most.
const PARTICLES = ['lah', 'kah', 'pun', 'nya', 'ku', 'mu'];
const SUFFIXES = ['kan', 'an', 'i'];
// English endings, for the second language: "certificates", "births", "moving".
const ENGLISH_ENDINGS: Array<[string, string]> = [
  ['ies', 'y'],
  ['es', ''],
  ['s', ''],
  ['ing', ''],
  ['ing', 'e'],
  ['ed', ''],
];
const VOWEL = /^[aiueo]/;
const MIN_ROOT = 3;

/** The roots a prefixed word may come from: "menulis" → tulis, "mengurus" → urus, "penyakit" → sakit. */
function withoutPrefix(word: string): string[] {
  const roots: string[] = [];
  const add = (root: string) => {
    if (root.length >= MIN_ROOT) roots.push(root);
  };
  for (const simple of ['di', 'ke', 'se', 'ter', 'ber', 'be', 'per'])
    if (word.startsWith(simple)) add(word.slice(simple.length));
  for (const nasal of ['me', 'pe']) {
    if (!word.startsWith(nasal)) continue;
    const rest = word.slice(2);
    add(rest); // me-lahirkan, pe-rekaman
    if (rest.startsWith('ng')) {
      add(rest.slice(2)); // meng-urus
      if (VOWEL.test(rest.slice(2))) add(`k${rest.slice(2)}`); // meng-irim → kirim
    } else if (rest.startsWith('ny')) {
      add(`s${rest.slice(2)}`); // meny-akit → sakit
    } else if (rest.startsWith('m')) {
      add(rest.slice(1)); // mem-buat
      if (VOWEL.test(rest.slice(1))) add(`p${rest.slice(1)}`); // mem-akai → pakai
    } else if (rest.startsWith('n')) {
      add(rest.slice(1)); // pen-daftaran
      if (VOWEL.test(rest.slice(1))) add(`t${rest.slice(1)}`); // men-inggal → tinggal
    }
  }
  return roots;
}

function withoutSuffix(word: string, endings: readonly string[]): string[] {
  return endings
    .filter((e) => word.endsWith(e) && word.length - e.length >= MIN_ROOT)
    .map((e) => word.slice(0, -e.length));
}

/** The word and every root it may be formed from by Indonesian (or English) affixes. */
export function wordRoots(word: string): Set<string> {
  const roots = new Set([word]);
  for (const bare of [word, ...withoutSuffix(word, PARTICLES)]) {
    for (const stem of [bare, ...withoutSuffix(bare, SUFFIXES)]) {
      roots.add(stem);
      for (const root of withoutPrefix(stem)) {
        roots.add(root);
        // Two layers at most: memper-, diper-, keber-.
        for (const inner of withoutPrefix(root)) roots.add(inner);
      }
    }
  }
  for (const [ending, replacement] of ENGLISH_ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_ROOT) {
      roots.add(word.slice(0, -ending.length) + replacement);
    }
  }
  return roots;
}

// How strongly a word of each part of a service says what it is: its name (and slug) most, then the
// keywords and synonyms an office lists for it, then the product it issues.
const WEIGHT = { name: 3, keyword: 2, product: 1 } as const;
// How closely a query word meets a service word: the same word, a shared root, or the start of it
// (the resident is still typing).
const SAME = 1;
const SAME_ROOT = 0.9;
const WORD_START = 0.7;

interface IndexedWord {
  word: string;
  weight: number;
  roots: Set<string>;
}

const indexCache = new WeakMap<SearchableService, IndexedWord[]>();

function serviceIndex(service: SearchableService): IndexedWord[] {
  const cached = indexCache.get(service);
  if (cached) return cached;
  const best = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of normalizeForSearch(text).split(' ')) {
      if (word !== '' && (best.get(word) ?? 0) < weight) best.set(word, weight);
    }
  };
  add(service.id.replaceAll('-', ' '), WEIGHT.name);
  add(service.name.id, WEIGHT.name);
  add(service.name.en, WEIGHT.name);
  for (const k of service.keywords) add(k, WEIGHT.keyword);
  add(service.product.id, WEIGHT.product);
  add(service.product.en, WEIGHT.product);
  const index = [...best].map(([word, weight]) => ({ word, weight, roots: wordRoots(word) }));
  indexCache.set(service, index);
  return index;
}

interface QueryWord {
  word: string;
  roots: Set<string>;
}

function tokenScore(index: readonly IndexedWord[], token: QueryWord): number {
  let score = 0;
  for (const entry of index) {
    let closeness = 0;
    if (entry.word === token.word) closeness = SAME;
    else if ([...token.roots].some((r) => entry.roots.has(r))) closeness = SAME_ROOT;
    else if (entry.word.startsWith(token.word)) closeness = WORD_START;
    score = Math.max(score, closeness * entry.weight);
  }
  return score;
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

/**
 * The services meeting every given criterion. Without a query, in their input order. With one, the
 * services that match every word of it, best first; when none does, the services matching the most
 * of its words ("kartu kelahiran" still shows the birth certificate), best first.
 */
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

  const kept = services.filter(
    (s) =>
      (channel === undefined || s.channels.includes(channel)) &&
      (officeId === undefined || s.officeIds.includes(officeId)) &&
      (onIsland === undefined || s.officeIds.some((id) => onIsland.has(id))),
  );
  if (tokens.length === 0) return kept;

  const words = tokens.map((word) => ({ word, roots: wordRoots(word) }));
  const scored = kept.map((service, order) => {
    const index = serviceIndex(service);
    let matched = 0;
    let score = 0;
    for (const w of words) {
      const s = tokenScore(index, w);
      if (s > 0) matched++;
      score += s;
    }
    return { service, order, matched, score };
  });
  const most = Math.max(0, ...scored.map((s) => s.matched));
  if (most === 0) return [];
  return scored
    .filter((s) => s.matched === most)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((s) => s.service);
}
