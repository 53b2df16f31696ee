// Every /lapangan screen but the sign-in sits behind this gate: no officer on the tablet, a locked
// or expired PIN → the online sign-in; a PIN needed → the PIN screen; unlocked → the screen. Once per
// page load, unlocked and online, the officer's token is checked (a revoked account wipes the data).
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { checkAccount } from '../../data/field/officer.ts';
import { useI18n } from '../i18n/index.ts';
import { PinUnlock } from './PinUnlock.tsx';
import { SignInFlow } from './SignIn.tsx';
import { useFieldStatus } from './useFieldStatus.ts';

let checked = false;

export function FieldGate({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  const state = useFieldStatus();
  useEffect(() => {
    if (state.status !== 'unlocked' || checked) return;
    const run = () => {
      if (checked || !navigator.onLine) return;
      checked = true;
      void checkAccount().then((r) => {
        if (r === 'unknown') checked = false; // try again at the next `online`
      });
    };
    run();
    window.addEventListener('online', run);
    return () => window.removeEventListener('online', run);
  }, [state.status]);

  switch (state.status) {
    case 'loading':
      return <p role="status">{t('lapangan.loading')}</p>;
    case 'error':
      return <p role="alert">{t('lapangan.storageError')}</p>;
    case 'none':
    case 'locked':
    case 'expired':
      return <SignInFlow reason={state.status} />;
    case 'pin':
      return <PinUnlock />;
    case 'unlocked':
      return <>{children}</>;
  }
}
