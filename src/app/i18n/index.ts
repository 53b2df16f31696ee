// The language of the UI: Bahasa Indonesia by default, English on request; the choice persists on
// the device (localStorage, so it works offline and is known before first paint).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en } from './en.ts';
import { id, type Dictionary, type MessageKey } from './id.ts';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { MessageKey };

const DICTIONARIES: Record<Language, Dictionary> = { id, en };
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

export function storeLanguage(lang: Language, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable; the switch still works for this visit.
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(params[name] ?? m)) : text;
}

export function translator(lang: Language): Translate {
  const dict = DICTIONARIES[lang];
  return (key, params) => interpolate(dict[key], params);
}

export type I18n = { lang: Language; t: Translate; setLang: (lang: Language) => void };
export const I18nContext = createContext<I18n>({ lang: 'id', t: translator('id'), setLang: () => undefined });
export const useI18n = (): I18n => useContext(I18nContext);
