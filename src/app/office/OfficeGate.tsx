// Every back-office screen but the sign-in sits behind this: it checks the session (online), sends
// an unauthenticated visit to /petugas/masuk, and shows the office menu with the sign-out button.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Principal } from '../../domain/accounts/account.ts';
import { useI18n } from '../i18n/index.ts';
import { OfficeError } from './OfficeError.tsx';
import { checkSession, signOut, useSession } from './session.ts';

export function OfficeGate({ children }: { children: (principal: Principal) => ComponentChildren }) {
  const { t } = useI18n();
  const session = useSession();
  // The location is read when the session ends, never a reason to act: going to the sign-in page
  // changes it, and this screen may still be on show while that page loads.
  const here = useLocation();
  const visit = useRef(here);
  visit.current = here;
  useEffect(() => {
    if (session.status !== 'signed-out') return;
    const { route, url } = visit.current;
    route(session.reason === 'logout' ? '/petugas/masuk' : `/petugas/masuk?kembali=${encodeURIComponent(url)}`, true);
  }, [session]);
  if (session.status !== 'signed-in') {
    // Offline, the server erring, or still checking: say so under the section's heading.
    return (
      <div class="office">
        <h1>{t('section.office.title')}</h1>
        {session.status === 'error' ? (
          <OfficeError error={session.error} onRetry={() => void checkSession()} />
        ) : (
          <p role="status">{t('office.checking')}</p>
        )}
      </div>
    );
  }
  return (
    <div class="office">
      <OfficeNav principal={session.principal} />
      {children(session.principal)}
    </div>
  );
}

function OfficeNav({ principal }: { principal: Principal }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const links = [
    ['/petugas', 'office.nav.queue'],
    ['/petugas/loket', 'office.nav.counter'],
    ['/petugas/dasbor', 'office.nav.dashboard'],
    ['/petugas/pengaduan', 'office.nav.complaints'],
    ['/petugas/skm', 'office.nav.skm'],
    ['/petugas/impor', 'office.nav.import'],
    ['/petugas/katalog', 'office.nav.catalogue'],
    // Forms, accounts, devices, the holiday calendar and failed messages are the administrators' (the server refuses anyone else).
    ...(principal.role === 'administrator'
      ? ([
          ['/petugas/formulir', 'office.nav.forms'],
          ['/petugas/akun', 'office.nav.accounts'],
          ['/petugas/perangkat', 'office.nav.devices'],
          ['/petugas/libur', 'office.nav.holidays'],
          ['/petugas/audit', 'office.nav.audit'],
          ['/petugas/pesan-gagal', 'office.nav.notices'],
        ] as const)
      : []),
  ] as const;
  return (
    <nav class="office-nav" aria-label={t('office.nav.label')}>
      <ul>
        {links.map(([href, key]) => (
          <li key={href}>
            <a
              href={href}
              aria-current={path === href || (href !== '/petugas' && path.startsWith(`${href}/`)) ? 'page' : undefined}
            >
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
      <p class="office-nav__who">{t('office.nav.signedInAs', { name: principal.name })}</p>
      <button type="button" class="btn btn--small" onClick={() => void signOut()}>
        {t('office.logout')}
      </button>
    </nav>
  );
}
