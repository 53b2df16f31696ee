// The language of the UI: Bahasa Indonesia by default, English on request; the choice persists on
// the device (localStorage, so it works offline and is known before first paint).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { formsId } from '../office/i18n/forms-id.ts';
import type { officeId } from '../office/i18n/office-id.ts';
import { en } from './en.ts';
import type { feedbackId } from './feedback-id.ts';
import type { fieldId } from './field-id.ts';
import { id } from './id.ts';
import type { kioskId } from './kiosk-id.ts';
import type { storyId } from './story-id.ts';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/**
 * Every key of the app. The dictionaries of the kiosk, field-officer, back-office and feedback screens
 * are not in the first-paint bundle: each arrives with its screens (see `addMessages` and App.tsx).
 */
export type MessageKey =
  | keyof typeof id
  | keyof typeof officeId
  | keyof typeof formsId
  | keyof typeof kioskId
  | keyof typeof fieldId
  | keyof typeof feedbackId
  | keyof typeof storyId;
type Messages = Partial<Record<MessageKey, string>>;

/**
 * The key of a code that arrives as data (a server's answer), when `keys` knows it. `keys` is a
 * Record over the code's type, so a new code without its text fails to compile; a code this build
 * does not know (a newer server's) gives undefined, for the caller's fallback.
 */
export function keyFor<C extends string>(keys: Record<C, MessageKey>, code: string): MessageKey | undefined {
  return Object.hasOwn(keys, code) ? keys[code as C] : undefined;
}

const DICTIONARIES: Record<Language, Messages> = { id: { ...id }, en: { ...en } };

/** Adds an area's texts in both languages (called by the module that carries them, when it loads). */
export function addMessages(messages: Record<Language, Messages>): void {
  for (const lang of LANGUAGES) Object.assign(DICTIONARIES[lang], messages[lang]);
}
const STORAGE_KEY = 'nusa-layan.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Language {
  try {
    const v = storage?.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : 'id';
  } catch {
    return 'id'; // storage blocked (private mode, policy): fall back to the default
  }
}

export function storeLanguage(
  lang: Language,
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
  const locale = lang === 'id' ? 'id-ID' : 'en-GB';
  return text
    .replace(PLURAL, (m, name: string, options: string) => {
      const n = params[name];
      if (typeof n !== 'number') return m;
      const forms = Object.fromEntries([...options.matchAll(PLURAL_OPTION)].map(([, form, body]) => [form, body]));
      const body = forms[new Intl.PluralRules(locale).select(n)] ?? forms.other ?? m;
      return body.replaceAll('#', new Intl.NumberFormat(locale).format(n));
    })
    .replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m));
}

export function translator(lang: Language): Translate {
  const dict = DICTIONARIES[lang];
  // An area's key before its texts arrived shows the key, never "undefined" (its screens load them first).
  return (key, params) => interpolate(dict[key] ?? key, params, lang);
}

export type I18n = { lang: Language; t: Translate; setLang: (lang: Language) => void };
export const I18nContext = createContext<I18n>({ lang: 'id', t: translator('id'), setLang: () => undefined });
export const useI18n = (): I18n => useContext(I18nContext);
