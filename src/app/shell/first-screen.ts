// When the first screen is on show: the background work (catalogue sync, outbox, followers) and the
// service worker's registration wait for it, so on a slow phone and a thin link they never compete
// with what the resident came for — the list and a search field that takes a keystroke.
import { whenLeftAlone } from '../left-alone.ts';

let shown: () => void = () => undefined;
const firstScreen = new Promise<void>((resolve) => {
  shown = resolve;
});
/** However the first screen fares, the background work starts after this long. */
const AT_THE_LATEST_MS = 10_000;
/** A moment for the resident's first keystroke or tap before the heavy work begins. */
const GRACE_MS = 1_000;

/** Called by a screen once it shows what it is for (or says why it cannot). */
export function markShown(): void {
  shown();
}

/** Runs `run` as soon as the first screen is shown (or at the latest after AT_THE_LATEST_MS). */
export function onFirstScreen(run: () => void): void {
  void Promise.race([firstScreen, new Promise<void>((resolve) => setTimeout(resolve, AT_THE_LATEST_MS))]).then(run);
}

/**
 * Runs `start` once the first screen is shown, the page is idle, a moment has passed and the resident
 * is not typing (a form shown from its copy, a search: the work's main-thread and IndexedDB share
 * would hold back each key and its saving); returns a cancel.
 */
export function afterFirstScreen(start: () => void): () => void {
  let cancelled = false;
  const cap = new Promise<void>((resolve) => setTimeout(resolve, AT_THE_LATEST_MS));
  void Promise.race([firstScreen, cap]).then(() => {
    setTimeout(() => {
      const run = () => void whenLeftAlone(AT_THE_LATEST_MS, 'last-activity').then(() => !cancelled && start());
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2_000 });
      else run();
    }, GRACE_MS);
  });
  return () => {
    cancelled = true;
  };
}
