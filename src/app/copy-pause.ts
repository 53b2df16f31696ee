// On a cold start behind a screen copy (sw/screen-copy.ts) the copy's list and search field already
// work as plain HTML: its field shows every key typed, its links and search form navigate. Starting
// the app's code is one long stretch of main-thread work on a slow phone (evaluating the screens,
// drawing them off the page); started while the resident types, it would hold each key back until it
// ends. So behind a copy the app starts once the resident has left the page alone for a moment — a
// pause in typing, or no touch at all since it was painted — and then carries over what was typed.
// In the entry chunk: it decides when the rest loads.
import { COPY_ELEMENT_ID } from '../data/screen-copy.ts';
import { whenLeftAlone } from './left-alone.ts';

/** However busy the resident is, the app starts after this long. */
const AT_THE_LATEST_MS = 5_000;

/** Resolves at once when there is no copy on the page; behind a copy, once the resident paused. */
export function whenCopyLeftAlone(): Promise<void> {
  if (!document.getElementById(COPY_ELEMENT_ID)) return Promise.resolve();
  return whenLeftAlone(AT_THE_LATEST_MS, 'now');
}
