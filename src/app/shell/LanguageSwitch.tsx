// Bahasa Indonesia / English. Works offline: both dictionaries ship with the shell.
import { isLanguage, LANGUAGES, useI18n } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang">
      <label for="lang-select">{t('lang.label')}</label>
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
