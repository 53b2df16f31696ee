// Bahasa Indonesia / English. Works offline: both dictionaries ship with the shell.
import { Icon } from '../components/Icon.tsx';
import { isLanguage, LANGUAGES, useI18n } from '../i18n/index.ts';

/** `compact`: the app bar's form, a globe in place of the word (which screen readers still read). */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div class={compact ? 'lang lang--compact' : 'lang'}>
      {compact && <Icon name="language" size={22} />}
      <label for="lang-select" class={compact ? 'visually-hidden' : undefined}>
        {t('lang.label')}
      </label>
      <select
        id="lang-select"
        value={lang}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isLanguage(v)) setLang(v);
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
