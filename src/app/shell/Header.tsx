// The header on every screen: name, connectivity and the language switch.
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
        <span>{t('app.name')}</span>
      </a>
      <div class="header__tools">
        <Connectivity />
        <LanguageSwitch />
      </div>
    </header>
  );
}
