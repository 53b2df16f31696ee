// The offer to hear of an application with the app closed: shown on a delivered application's page
// (never at first launch), it explains what will be sent and asks the browser's permission only when
// the resident taps "Aktifkan pemberitahuan".
import { useState } from 'preact/hooks';
import { type FollowResult, followByPush, isFollowed, pushOfferable } from '../../data/notifications/push.ts';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { useI18n } from '../i18n/index.ts';

const FINAL = new Set(['completed', 'rejected']);

export function PushOptIn({ entry, update }: { entry: OutboxEntry; update: ApplicationUpdate | undefined }) {
  const { t } = useI18n();
  const [state, setState] = useState<FollowResult | 'idle' | 'asking'>(() =>
    isFollowed(entry.id) ? 'followed' : 'idle',
  );
  if (entry.result?.status !== 'accepted' || (update && FINAL.has(update.status))) return null;
  if (state !== 'followed' && !pushOfferable()) return null;
  const follow = async () => {
    setState('asking');
    setState(await followByPush({ kind: 'application', id: entry.id }, entry.secret));
  };
  return (
    <section class="push-optin" aria-labelledby={`push-${entry.id}`}>
      <h2 id={`push-${entry.id}`}>{t('push.title')}</h2>
      {state === 'followed' ? (
        <p role="status">{t('push.followed')}</p>
      ) : (
        <>
          <p>{t('push.explain')}</p>
          <button type="button" class="btn" disabled={state === 'asking'} onClick={() => void follow()}>
            {t('push.enable')}
          </button>
          {(state === 'denied' || state === 'unavailable' || state === 'failed') && (
            <p role="alert">{t(`push.${state}`)}</p>
          )}
        </>
      )}
    </section>
  );
}
