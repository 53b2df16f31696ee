// Says so when an application waiting for signal reaches the office while the app is open — delivered
// by this page or by the service worker in the background — with its tracking number, for a few
// seconds, wherever the resident is in the app. Its data code loads after the first screen.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { OutboxState } from '../../data/outbox/outbox-db.ts';
import { onOutboxOpened, whenOutboxExists } from '../../data/outbox/presence.ts';
import { Icon } from '../components/Icon.tsx';
import { useI18n } from '../i18n/index.ts';
import { afterFirstScreen } from './first-screen.ts';

const SHOWN_MS = 8_000;

export function DeliveryToast() {
  const { t } = useI18n();
  const translate = useRef(t);
  translate.current = t;
  const [message, setMessage] = useState('');

  useEffect(() => {
    let cancelled = false;
    let unsubscribe: (() => void) | undefined;
    let stopWaiting: (() => void) | undefined;
    let following = false;
    const follow = () => {
      if (following || cancelled) return;
      following = true;
      void import('../../data/outbox/submit.ts')
        .then(({ outbox$ }) => {
          if (cancelled) return;
          // Only a change seen here counts: entries delivered before the page opened are old news.
          const seen = new Map<string, OutboxState>();
          const subscription = outbox$().subscribe((entries) => {
            for (const e of entries) {
              const before = seen.get(e.id);
              seen.set(e.id, e.state);
              if (before === 'queued' && e.state === 'delivered' && e.result?.status === 'accepted')
                setMessage(translate.current('toast.delivered', { number: e.result.trackingNumber }));
            }
          });
          unsubscribe = () => subscription.unsubscribe();
        })
        .catch(() => undefined); // no IndexedDB: there is no outbox to report on
    };
    // A page that opens the outbox (its "Kirim") has the code already: followed at once, so the
    // delivery that may come right after is seen, however soon the resident taps on.
    const stopOpened = onOutboxOpened(follow);
    // Otherwise nothing to report on a device with no outbox (and no reason to load its code) until
    // it has one; an outbox already on the device is followed once the first screen is shown.
    const cancelWait = afterFirstScreen(() => {
      if (!following) stopWaiting = whenOutboxExists(follow);
    });
    return () => {
      cancelled = true;
      cancelWait();
      stopOpened();
      stopWaiting?.();
      unsubscribe?.();
    };
  }, []);

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [message]);

  return (
    <div class={message ? 'toast' : 'toast toast--idle'} role="status" data-copy="blank">
      {message && (
        <>
          <Icon name="tick" />
          <span>{message}</span>
        </>
      )}
    </div>
  );
}
