// Gives the screens below it their language: the one chosen, or Indonesian on screens Madurese does
// not cover (officers' and the back office), so a screen never mixes languages. Sets <html lang>.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { contentLanguage, I18nContext, languageAt, languagesAt, translator, type UiLanguage } from './index.ts';

export function RouteLanguage({
  chosen,
  setLang,
  children,
}: {
  chosen: UiLanguage;
  setLang: (lang: UiLanguage) => void;
  children: ComponentChildren;
}) {
  const { path } = useLocation();
  const uiLang = languageAt(chosen, path);
  const languages = languagesAt(path);
  const i18n = useMemo(
    () => ({ lang: contentLanguage(uiLang), uiLang, languages, t: translator(uiLang), setLang }),
    [uiLang, languages, setLang],
  );
  useEffect(() => {
    document.documentElement.lang = uiLang;
    document.title = i18n.t('app.name');
  }, [uiLang, i18n]);
  return <I18nContext.Provider value={i18n}>{children}</I18nContext.Provider>;
}
