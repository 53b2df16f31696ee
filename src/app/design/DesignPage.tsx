// The design system on one page, for developers (English only; the components inside speak the app's
// languages): every token of tokens.css and every component in its states. Served by the Vite dev
// server only (src/app/_design.html); nothing imports it from the app, so it is in no build.
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  contentLanguage,
  I18nContext,
  storedLanguage,
  storeLanguage,
  translator,
  UI_LANGUAGES,
  type UiLanguage,
} from '../i18n/index.ts';
import { ComponentSections } from './ComponentSections.tsx';
import { TokenSections } from './TokenSections.tsx';

export function DesignPage() {
  const [lang, setLangState] = useState<UiLanguage>(() => storedLanguage());
  const i18n = useMemo(
    () => ({
      lang: contentLanguage(lang),
      uiLang: lang,
      languages: UI_LANGUAGES,
      t: translator(lang),
      setLang: (next: UiLanguage) => {
        storeLanguage(next);
        setLangState(next);
      },
    }),
    [lang],
  );
  // The page is English; the components inside it follow the app's language switch.
  useEffect(() => {
    document.documentElement.lang = 'en';
  }, []);
  return (
    <I18nContext.Provider value={i18n}>
      <main id="main" class="design" tabIndex={-1}>
        <h1>Nusa Layan design system</h1>
        <p class="lead">
          The tokens live in <code>src/app/design/tokens.css</code>; <code>src/app/styles.css</code> imports it first
          and uses only <code>var(--…)</code> for colour, type, space, radius and target sizes (checked by{' '}
          <code>tests/unit/design-tokens.test.ts</code>). Components below are the real ones where the app has a shared
          component, and the CSS pattern the screens use where it does not. This page exists only under the Vite dev
          server.
        </p>
        <nav aria-labelledby="design-contents">
          <h2 id="design-contents">Contents</h2>
          <ul class="design__contents">
            <li>
              <a href="#tokens">Tokens</a>
            </li>
            <li>
              <a href="#components">Components</a>
            </li>
          </ul>
        </nav>
        <TokenSections />
        <ComponentSections />
      </main>
    </I18nContext.Provider>
  );
}
