// The language of the UI: Bahasa Indonesia by default, English or Bahasa Madura on request; the choice
// persists on the device (localStorage, so it works offline and is known before first paint).
// The texts live in JSON files a translator edits (messages/<area>/<lang>.json, described per key in
// messages/<area>/context.json; see the README's "Bahasa Madura"). Indonesian is the source of every key.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatCount, pluralForm } from '../../domain/format.ts';
import type formsId from '../office/i18n/messages/forms/id.json';
import type officeId from '../office/i18n/messages/office/id.json';
import enCore from './messages/core/en.json';
import idCore from './messages/core/id.json';
import madCore from './messages/core/mad.json';
import type feedbackId from './messages/feedback/id.json';
import type fieldId from './messages/field/id.json';
import type kioskId from './messages/kiosk/id.json';
import type stepsId from './messages/steps/id.json';
import type storyId from './messages/story/id.json';

/** The languages of the catalogue's content, the back office and Intl formatting. */
export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/**
 * The languages of the interface. Madurese (ISO 639-3 `mad`) covers the resident and kiosk screens;
 * its content (service names…) and its dates and numbers are Indonesian's: the catalogue has no
 * Madurese and Intl no Madurese locale data.
 */
export const UI_LANGUAGES = ['id', 'en', 'mad'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** The language of content and formatting that goes with an interface language. */
export const contentLanguage = (lang: UiLanguage): Language => (lang === 'mad' ? 'id' : lang);

/** Paths of the resident and kiosk screens, the ones Madurese translates; elsewhere it falls back to Indonesian. */
const MADURESE_PATHS = /^\/($|layanan|kantor\/|permohonan|lacak|verifikasi|pengaduan|survei|kios)/;
const ALL: readonly UiLanguage[] = UI_LANGUAGES;
const WITHOUT_MADURESE: readonly UiLanguage[] = LANGUAGES;

/** The languages the switch offers on a path. */
export const languagesAt = (path: string): readonly UiLanguage[] =>
  MADURESE_PATHS.test(path) ? ALL : WITHOUT_MADURESE;

/** The language a path is shown in: the one chosen, or Indonesian where that one has no texts. */
export const languageAt = (chosen: UiLanguage, path: string): UiLanguage =>
  languagesAt(path).includes(chosen) ? chosen : 'id';

/**
 * Every key of the app. The dictionaries of the kiosk, field-officer, back-office and feedback screens
 * are not in the first-paint bundle: each arrives with its screens (see `addMessages` and App.tsx).
 */
export type MessageKey =
  | keyof typeof idCore
  | keyof typeof officeId
  | keyof typeof formsId
  | keyof typeof kioskId
  | keyof typeof fieldId
  | keyof typeof feedbackId
  | keyof typeof storyId
  | keyof typeof stepsId;
type Messages = Partial<Record<MessageKey, string>>;

/**
 * The key of a code that arrives as data (a server's answer), when `keys` knows it. `keys` is a
 * Record over the code's type, so a new code without its text fails to compile; a code this build
 * does not know (a newer server's) gives undefined, for the caller's fallback.
 */
export function keyFor<C extends string>(keys: Record<C, MessageKey>, code: string): MessageKey | undefined {
  return Object.hasOwn(keys, code) ? keys[code as C] : undefined;
}

/**
 * An area's texts: English has every Indonesian key (a missing one fails to compile; an extra one
 * fails tests/unit/i18n.test.ts), Madurese any of them (the rest falls back to Indonesian).
 */
export type AreaMessages<K extends MessageKey> = {
  id: Record<K, string>;
  en: Record<NoInfer<K>, string>;
  mad?: Partial<Record<NoInfer<K>, string>>;
};

const DICTIONARIES: Record<UiLanguage, Messages> = { id: {}, en: {}, mad: {} };

/** Adds an area's texts in every language it has (called by the module that carries them, when it loads). */
export function addMessages<K extends MessageKey>(messages: AreaMessages<K>): void {
  for (const lang of UI_LANGUAGES) Object.assign(DICTIONARIES[lang], messages[lang]);
}
addMessages({ id: idCore, en: enCore, mad: madCore });

const STORAGE_KEY = 'nusa-layan.lang';

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === 'string' && (UI_LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): UiLanguage {
  try {
    const v = storage?.getItem(STORAGE_KEY);
    return isUiLanguage(v) ? v : 'id';
  } catch {
    return 'id'; // storage blocked (private mode, policy): fall back to the default
  }
}

export function storeLanguage(
  lang: UiLanguage,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the switch still works for this visit.
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

// `{n, plural, one {# file} other {# files}}`: the ICU plural form, for English ("1 application",
// "2 applications"); `#` is the count written in the UI language. Indonesian needs none.
const PLURAL = /\{(\w+), plural,((?:\s*\w+ \{[^{}]*\})+)\s*\}/g;
const PLURAL_OPTION = /(\w+) \{([^{}]*)\}/g;

/**
 * Fills `{name}` placeholders and `{name, plural, …}` forms; an unknown placeholder stays visible
 * rather than vanishing.
 */
export function interpolate(text: string, params?: Record<string, string | number>, lang: Language = 'id'): string {
  if (!params) return text;
  return text
    .replace(PLURAL, (m, name: string, options: string) => {
      const n = params[name];
      if (typeof n !== 'number') return m;
      const forms = Object.fromEntries([...options.matchAll(PLURAL_OPTION)].map(([, form, body]) => [form, body]));
      const body = forms[pluralForm(n, lang)] ?? forms.other ?? m;
      return body.replaceAll('#', formatCount(n, lang));
    })
    .replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

export function translator(lang: UiLanguage): Translate {
  const dict = DICTIONARIES[lang];
  const fallback = DICTIONARIES.id;
  const format = contentLanguage(lang);
  // A text this language lacks is Indonesian's; an area's key before its texts arrived shows the
  // key, never "undefined" (its screens load them first).
  return (key, params) => interpolate(dict[key] ?? fallback[key] ?? key, params, format);
}

/**
 * `lang`: the language of content (`name[lang]`) and of dates and numbers; `uiLang`: the language
 * of the interface's texts and of `<html lang>`; `languages`: those the switch offers here.
 */
export type I18n = {
  lang: Language;
  uiLang: UiLanguage;
  languages: readonly UiLanguage[];
  t: Translate;
  setLang: (lang: UiLanguage) => void;
};
export const I18nContext = createContext<I18n>({
  lang: 'id',
  uiLang: 'id',
  languages: ALL,
  t: translator('id'),
  setLang: () => undefined,
});
export const useI18n = (): I18n => useContext(I18nContext);
