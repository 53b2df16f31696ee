// The page's side of screen copies (src/data/screen-copy.ts): a copyable screen, once drawn with
// its content, keeps its look for the next cold start; on that start the app draws itself off the
// page (so no id and no field is there twice) and takes the copy's place in one step once its first
// screen is shown, carrying what the resident typed or chose meanwhile (and the focus) into its own
// fields.
import { useEffect } from 'preact/hooks';
import { COPY_ELEMENT_ID, type ScreenCopy, storeScreenCopy } from '../../data/screen-copy.ts';

/**
 * Marks parts of the shell a copy must not keep: `omit` (a banner, gone next time), `blank` (a
 * live state, such as the connection, that would be stale: its box stays, its content goes) or
 * `veil` (a notice whose words may no longer be true when the copy is shown, such as how complete
 * and how old the catalogue is: it keeps its size, so nothing moves when the app's own notice takes
 * its place, but is not shown or read out). A veiled element with `data-copy-text` is kept with
 * that text instead of its own: the words the next start will show there, for their size.
 */
export type CopyMark = 'omit' | 'blank' | 'veil';

/** The class that hides a veiled notice in a copy (styles.css). */
const COPY_VEILED_CLASS = 'copy-veiled';

/** The look of `root` as a copy: transient parts removed, user state (open panels) closed. */
export function copyOf(root: HTMLElement, shell: string, lang: string): ScreenCopy {
  const clone = root.cloneNode(true) as HTMLElement;
  for (const el of clone.querySelectorAll('[data-copy="omit"]')) el.remove();
  for (const el of clone.querySelectorAll('[data-copy="blank"]')) el.replaceChildren();
  for (const el of clone.querySelectorAll<HTMLElement>('[data-copy="veil"]')) {
    el.classList.add(COPY_VEILED_CLASS);
    if (el.dataset.copyText !== undefined) el.textContent = el.dataset.copyText;
    el.removeAttribute('data-copy-text');
  }
  for (const el of clone.querySelectorAll('details[open]')) el.removeAttribute('open');
  // A choice lives in a property the markup does not carry: write it as the options' attribute.
  const chosen = [...root.querySelectorAll('select')].map((s) => s.selectedIndex);
  clone.querySelectorAll('select').forEach((select, i) => {
    for (const [at, option] of [...select.options].entries()) option.toggleAttribute('selected', at === chosen[i]);
  });
  return { html: clone.innerHTML, lang, shell };
}

const entryScript = () => document.querySelector('script[type="module"][src]')?.getAttribute('src') ?? '';

/** Cancels the idle write of a copy a newer one replaces. */
let cancelPendingWrite: (() => void) | undefined;

/**
 * Keeps the look of the screen at `path`. Taken now, while the screen is complete: a resident who
 * searches at once (the first thing many do) would have filtered it by the next idle moment, and the
 * next cold start would have no copy. Only the write waits for idle. Before the app has taken the
 * place of a copy, the page still shows that copy: then the look is taken at idle, if still shown.
 */
function keepScreenCopy(path: string): () => void {
  // At idle the address must still be the unfiltered screen's. Taken at once, the screen is known
  // complete; its address may already carry the search typed in the same moment (`?q=`).
  const take = (atIdle: boolean) => {
    const root = document.getElementById('app');
    if (!root || location.pathname !== path || (atIdle && location.search !== '')) return undefined;
    return copyOf(root, entryScript(), document.documentElement.lang);
  };
  const later = (run: () => void): (() => void) => {
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(run, 1_000);
      return () => clearTimeout(timer);
    }
    const handle = requestIdleCallback(run, { timeout: 5_000 });
    return () => cancelIdleCallback(handle);
  };
  if (document.getElementById(COPY_ELEMENT_ID)) {
    return later(() => {
      const copy = take(true);
      if (copy) void storeScreenCopy(path, copy);
    });
  }
  const copy = take(false);
  if (!copy) return () => undefined;
  cancelPendingWrite?.();
  cancelPendingWrite = later(() => {
    cancelPendingWrite = undefined;
    void storeScreenCopy(path, copy);
  });
  // Leaving the complete state (a search) does not cancel the write: the copy was taken before it.
  return () => undefined;
}

/**
 * A copyable screen calls this: whenever it is `complete` (its content drawn, nothing filtered) and
 * any of `deps` changed (the content, the language), its look is kept again.
 */
export function useScreenCopy(path: string, complete: boolean, deps: readonly unknown[]): void {
  useEffect(() => (complete ? keepScreenCopy(path) : undefined), [path, complete, ...deps]);
}

/** The element the app draws into: the page's, or, behind a copy, one off the page until it is ready. */
export function appRoot(doc: Document = document): HTMLElement | null {
  if (!doc.getElementById(COPY_ELEMENT_ID)) return doc.getElementById('app');
  const root = doc.createElement('div');
  root.id = 'app';
  return root;
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const isField = (el: unknown): el is Field =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
const changed = (field: Field) =>
  field instanceof HTMLSelectElement
    ? field.selectedIndex !==
      Math.max(
        0,
        [...field.options].findIndex((o) => o.defaultSelected),
      )
    : field.value !== field.defaultValue;

/**
 * Puts the app (drawn off the page into `root`) where the copy is, in one task so nothing flashes.
 * What the resident changed in the copy meanwhile reaches the app's field of the same id through the
 * event its own handler listens to (input for text, change for a choice); opened panels stay open,
 * and the focus and caret follow.
 */
export function swapInScreenCopy(root: HTMLElement, doc: Document = document): void {
  const copy = doc.getElementById(COPY_ELEMENT_ID);
  if (!copy || root.isConnected) return;
  const focused =
    doc.activeElement instanceof HTMLElement && copy.contains(doc.activeElement) ? doc.activeElement : null;
  const caret =
    focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement
      ? { start: focused.selectionStart, end: focused.selectionEnd }
      : undefined;
  const edited = [...copy.querySelectorAll('[id]')].filter(isField).filter(changed);
  // Panels opened in the copy (the list's filters) stay open: the app draws the same screen, so the
  // n-th panel is the same one.
  const opened = [...copy.querySelectorAll('details')].map((d) => d.open);
  copy.replaceWith(root);
  root.querySelectorAll('details').forEach((d, i) => {
    if (opened[i]) d.open = true;
  });
  for (const field of edited) {
    const twin = doc.getElementById(field.id);
    if (!isField(twin) || twin.tagName !== field.tagName) continue;
    twin.value = field.value;
    twin.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }
  const twin = focused?.id ? doc.getElementById(focused.id) : null;
  if (!twin) return;
  twin.focus();
  if (caret?.start != null && (twin instanceof HTMLInputElement || twin instanceof HTMLTextAreaElement)) {
    twin.setSelectionRange(caret.start, caret.end);
  }
}
