// The field officer's bar: residents, sync summary, lock the screen, sign out (with a confirmation
// that says what leaves the tablet and that queued applications are still sent).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { lockScreen, signOut, unlocked } from '../../data/field/officer.ts';
import { useI18n } from '../i18n/index.ts';

export function FieldNav() {
  const { t } = useI18n();
  const { path } = useLocation();
  const [confirming, setConfirming] = useState(false);
  const me = unlocked();
  const link = (href: string, label: string) => (
    <a class="btn lapangan-nav__link" href={href} aria-current={path === href ? 'page' : undefined}>
      {label}
    </a>
  );
  return (
    <nav class="lapangan-nav" aria-label={t('lapangan.nav.label')}>
      {me && <span class="lapangan-nav__who">{t('lapangan.nav.who', { name: me.name })}</span>}
      {link('/lapangan', t('lapangan.nav.residents'))}
      {link('/lapangan/sinkron', t('lapangan.nav.sync'))}
      <button type="button" class="btn" onClick={lockScreen}>
        {t('lapangan.nav.lock')}
      </button>
      <button type="button" class="btn" onClick={() => setConfirming(true)}>
        {t('lapangan.nav.signOut')}
      </button>
      {confirming && <ConfirmSignOut onClose={() => setConfirming(false)} />}
    </nav>
  );
}

function ConfirmSignOut({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { route } = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => dialog.current?.showModal(), []);
  const go = async () => {
    setBusy(true);
    await signOut().catch(() => undefined);
    dialog.current?.close();
    route('/lapangan/masuk');
  };
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="lapangan-signout-title" onClose={onClose}>
      <h2 id="lapangan-signout-title">{t('lapangan.signOut.title')}</h2>
      <p>{t('lapangan.signOut.body')}</p>
      <div class="dialog__actions">
        <button type="button" class="btn" onClick={() => dialog.current?.close()}>
          {t('lapangan.signOut.cancel')}
        </button>
        <button type="button" class="btn btn--danger" disabled={busy} onClick={() => void go()}>
          {t('lapangan.signOut.confirm')}
        </button>
      </div>
    </dialog>
  );
}
