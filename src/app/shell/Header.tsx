// The bar on every screen, one row even on a 360 px phone: the name, the connection as an icon with a
// word, and the language. On the narrowest phones the name is left to the logo (and screen readers).
import { useI18n } from '../i18n/index.ts';
import { Connectivity } from './Connectivity.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export function Header() {
  const { t } = useI18n();
  return (
    <header class="header">
      <a class="skip" href="#main">
        {t('skip.toContent')}
      </a>
      <a class="header__brand" href="/">
        <img src="/pwa-64x64.png" alt="" width="32" height="32" />
        <span class="header__name">{t('app.name')}</span>
      </a>
      <div class="header__tools">
        <Connectivity />
        <LanguageSwitch compact />
      </div>
    </header>
  );
}
