// The resident's four places, one tap away from every resident screen: at the bottom of a phone,
// where a thumb reaches, and as a row under the bar on wider screens. Kiosk, field and office screens
// have their own navigation and do not show it.
import { useLocation } from 'preact-iso';
import { Icon, type IconName } from '../components/Icon.tsx';
import { type MessageKey, useI18n } from '../i18n/index.ts';

type Place = { href: string; label: MessageKey; icon: IconName; current: (path: string) => boolean };

const PLACES: Place[] = [
  { href: '/', label: 'nav.home', icon: 'home', current: (p) => p === '/' },
  {
    href: '/layanan',
    label: 'nav.services',
    icon: 'services',
    current: (p) => p.startsWith('/layanan') || p.startsWith('/kantor/'),
  },
  { href: '/permohonan', label: 'nav.mine', icon: 'applications', current: (p) => p.startsWith('/permohonan') },
  { href: '/lacak', label: 'nav.track', icon: 'track', current: (p) => p.startsWith('/lacak') },
];

/** Paths where a resident is: the places above, complaints and the survey. */
export const RESIDENT_PATHS = /^\/($|layanan|kantor\/|permohonan|lacak|pengaduan|survei)/;

export function BottomNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  return (
    <nav class="bottom-nav" aria-label={t('nav.main')}>
      <ul>
        {PLACES.map((p) => (
          <li key={p.href}>
            <a href={p.href} aria-current={p.current(path) ? 'page' : undefined}>
              <Icon name={p.icon} />
              <span>{t(p.label)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
