// The page's side of screen copies (src/data/screen-copy.ts): a copyable screen, once drawn with
// its content, keeps its look for the next cold start; on that start the app draws itself hidden
// behind the copy and takes its place in one step once its first screen is shown, carrying what the
// resident typed meanwhile (and the focus) into its own fields.
import { useEffect } from 'preact/hooks';
import { COPY_ELEMENT_ID, type ScreenCopy, storeScreenCopy } from '../../data/screen-copy.ts';

/**
 * Marks parts of the shell a copy must not keep: `omit` (a banner, gone next time) or `blank` (a
 * live state, such as the connection, that would be stale: its box stays, its content goes).
 */
export type CopyMark = 'omit' | 'blank';

/** The look of `root` as a copy: transient parts removed, user state (open panels) closed. */
export function copyOf(root: HTMLElement, shell: string, lang: string): ScreenCopy {
  const clone = root.cloneNode(true) as HTMLElement;
  for (const el of clone.querySelectorAll('[data-copy="omit"]')) el.remove();
  for (const el of clone.querySelectorAll('[data-copy="blank"]')) el.replaceChildren();
  for (const el of clone.querySelectorAll('details[open]')) el.removeAttribute('open');
  return { html: clone.innerHTML, lang, shell };
}

const entryScript = () => document.querySelector('script[type="module"][src]')?.getAttribute('src') ?? '';

/** On the next idle moment, keeps the look of the screen at `path` if the page still shows it. */
function keepScreenCopy(path: string): () => void {
  const run = () => {
    const root = document.getElementById('app');
    if (!root || root.hidden || location.pathname !== path || location.search !== '') return;
    void storeScreenCopy(path, copyOf(root, entryScript(), document.documentElement.lang));
  };
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(run, 1_000);
    return () => clearTimeout(timer);
  }
  const handle = requestIdleCallback(run, { timeout: 5_000 });
  return () => cancelIdleCallback(handle);
}

/**
 * A copyable screen calls this: whenever it is `complete` (its content drawn, nothing filtered) and
 * any of `deps` changed (the content, the language), its look is kept again.
 */
export function useScreenCopy(path: string, complete: boolean, deps: readonly unknown[]): void {
  useEffect(() => (complete ? keepScreenCopy(path) : undefined), [path, complete, ...deps]);
}

/**
 * Puts the app (drawn hidden in #app) where the copy was, in one task so nothing flashes; a value
 * typed into a copy's field goes into the app's field of the same id through an input event (the
 * app's own handler takes it), and the focus and caret follow.
 */
export function swapInScreenCopy(doc: Document = document): void {
  const copy = doc.getElementById(COPY_ELEMENT_ID);
  const root = doc.getElementById('app');
  if (!copy || !root) return;
  const focused =
    doc.activeElement instanceof HTMLElement && copy.contains(doc.activeElement) ? doc.activeElement : null;
  const caret =
    focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement
      ? { start: focused.selectionStart, end: focused.selectionEnd }
      : undefined;
  const typed = [...copy.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[id], textarea[id]')].filter(
    (field) => field.value !== field.defaultValue,
  );
  copy.remove();
  root.hidden = false;
  for (const field of typed) {
    const twin = doc.getElementById(field.id);
    if (!(twin instanceof HTMLInputElement || twin instanceof HTMLTextAreaElement)) continue;
    twin.value = field.value;
    twin.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const twin = focused?.id ? doc.getElementById(focused.id) : null;
  if (!twin) return;
  twin.focus();
  if (caret?.start != null && (twin instanceof HTMLInputElement || twin instanceof HTMLTextAreaElement)) {
    twin.setSelectionRange(caret.start, caret.end);
  }
}
