// How old the catalogue on this device is. Shown when offline (online, a background check keeps it
// current; the list shows it online too), and always when no sync has completed yet on this device.
// When that first sync completes while the notice is on screen, it says so in the same place
// instead of vanishing: the resident learns the app now works without signal, and the content below
// does not jump (no layout shift). A screen copy keeps the notice's space but not its words
// (`veil`): on a cold start days later, "not complete yet" or "updated this minute" would no longer
// be true.
import { useRef } from 'preact/hooks';

import { useLastSync } from '../hooks/useLastSync.ts';
import { useNow } from '../hooks/useNow.ts';
import { useI18n } from '../i18n/index.ts';
import { relativeTime } from '../i18n/relative-time.ts';
import { useOnline } from '../shell/useOnline.ts';

/**
 * `ageOnline`: say how old the catalogue is with signal too. The list asks for it: its screen copy
 * (a cold start) keeps the notice's space, and the app that takes the copy's place must fill the
 * same space whether the reopen has signal or not, or the list jumps under the resident's finger.
 */
export function Freshness({ hasData, ageOnline = false }: { hasData: boolean; ageOnline?: boolean }) {
  const { t, lang } = useI18n();
  const online = useOnline();
  const at = useLastSync();
  const now = useNow();
  const waited = useRef(false);
  if (!at) {
    waited.current = true;
    return (
      <p class="freshness freshness--never" data-copy="veil">
        {t(hasData ? 'catalogue.incomplete' : 'catalogue.neverSynced')}
      </p>
    );
  }
  const age = t('catalogue.updatedAgo', { ago: relativeTime(at, now, lang) });
  // "Saved for offline use" is news of this moment: a copy kept now takes the size of the age,
  // which is what the next start shows in its place.
  if (online && waited.current)
    return (
      <p class="freshness freshness--saved" role="status" data-copy="veil" data-copy-text={age}>
        {t('catalogue.savedOffline')}
      </p>
    );
  if (online && !ageOnline) return null;
  return (
    <p class="freshness" data-copy="veil">
      {age}
    </p>
  );
}
