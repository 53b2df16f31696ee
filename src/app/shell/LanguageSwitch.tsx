// Bahasa Indonesia / English / Basa Madhura, each named in itself. Works offline: the dictionaries of
// the first screens ship with the shell. Madurese is offered only where it has texts (languagesAt).
import { Icon } from '../components/Icon.tsx';
import { isUiLanguage, useI18n } from '../i18n/index.ts';

/** `compact`: the app bar's form, a globe in place of the word (which screen readers still read). */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { uiLang, languages, setLang, t } = useI18n();
  return (
    <div class={compact ? 'lang lang--compact' : 'lang'}>
      {compact && <Icon name="language" size={22} />}
      <label for="lang-select" class={compact ? 'visually-hidden' : undefined}>
        {t('lang.label')}
      </label>
      <select
        id="lang-select"
        value={uiLang}
        onChange={(e) => {
          const v = e.currentTarget.value;
          if (isUiLanguage(v)) setLang(v);
        }}
      >
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
