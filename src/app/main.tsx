// First-paint entry, as small as it can be: on an empty device ask for the catalogue at once (the
// requests leave as soon as this file arrives, while the screens' code is still on its way), on any
// other read the catalogue screens' copy meanwhile, then mount the shell — behind a screen copy only
// once the resident paused (copy-pause.ts). index.html preloads the shell's chunk beside this one
// (vite.config.ts).
import { startFirstPull } from '../data/catalogue/first-pull.ts';
import { readSnapshot } from '../data/catalogue/snapshot.ts';
import { whenCopyLeftAlone } from './copy-pause.ts';

startFirstPull();
void readSnapshot();
// An application's form opened directly (a bookmark, a reload, the home screen's "continue"): its
// chunks start loading beside the shell's, not one round trip after it. The router's own import of
// the same module then finds it loaded.
if (/^\/permohonan\/[0-9a-f-]{36}(\/|$)/.test(location.pathname)) void import('./applications/DraftForm.tsx');
/**
 * The first Intl formatter of a page loads the browser's ICU data: ~40 ms, ~170 ms on a slow phone,
 * whichever formatter comes first. Nearly half of it is the likely-subtags lookup, most of the rest
 * the list of available locales: each in a task of its own, a tap waits for one half at most, and a
 * task's blocking time is what it runs over 50 ms (two of ~85 ms block 70 ms, one of ~170 ms 120).
 */
function loadIcuInSteps(lang: string): void {
  const steps = [
    () => new Intl.Locale(lang).maximize(),
    () => Intl.NumberFormat.supportedLocalesOf(lang),
    () => new Intl.NumberFormat(lang).format(0),
  ];
  const next = () => {
    steps.shift()?.();
    if (steps.length) setTimeout(next);
  };
  setTimeout(next);
}

void whenCopyLeftAlone().then(() => {
  // Every screen formats (dates, money, "synced 3 minutes ago"): ICU's data loads while the screens'
  // code is still on its way, not inside the render that shows the catalogue when it arrives; behind
  // a screen copy, only once the resident paused, like the app's start. domain/format.ts caches the
  // formatters themselves.
  loadIcuInSteps(document.documentElement.lang || 'id');
  return import('./mount.tsx');
});
