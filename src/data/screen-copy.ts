// The last look of a public screen (home, the catalogue list) as HTML, kept in Cache Storage so the
// service worker can answer a cold start with the shell *and* that screen in it: on a slow phone
// the list and its search field are on screen before a line of the app's JavaScript has run, and
// the app takes over when it has drawn the same screen (src/app/shell/screen-copy.ts).
// Only screens without personal data are copied; the page writes, the service worker reads.
export const SCREEN_COPY_CACHE = 'nusa-layan-screen-copies';
/** Screens the same for every resident: never a screen with an application, a name or a NIK. */
export const COPYABLE_PATHS: readonly string[] = ['/', '/layanan'];
/** A copy this large is not a screen of ours (nothing is stored: the cold start just waits). */
export const MAX_COPY_CHARS = 256 * 1024;
/** The element the copy stands in while the app, drawn off the page, is not ready yet. */
export const COPY_ELEMENT_ID = 'app-copy';

export type ScreenCopy = {
  /** The inner HTML of #app, stripped of transient parts. */
  html: string;
  lang: string;
  /** The entry script's path in the shell that drew it: a copy from another build is not used. */
  shell: string;
};

const LANG = 'x-copy-lang';
const SHELL = 'x-copy-shell';
const APP_ELEMENT = '<div id="app"></div>';

export function isCopyablePath(url: URL): boolean {
  return COPYABLE_PATHS.includes(url.pathname) && url.search === '';
}

const keyFor = (path: string) => new Request(new URL(`/__screen-copy${path}`, globalThis.location.href));

export async function storeScreenCopy(path: string, copy: ScreenCopy): Promise<void> {
  if (copy.html.length > MAX_COPY_CHARS || !('caches' in globalThis)) return;
  try {
    const cache = await caches.open(SCREEN_COPY_CACHE);
    await cache.put(
      keyFor(path),
      new Response(copy.html, {
        headers: { 'content-type': 'text/html; charset=utf-8', [LANG]: copy.lang, [SHELL]: copy.shell },
      }),
    );
  } catch {
    // Storage full or blocked: a cold start waits for the app, as it did before copies.
  }
}

export async function readScreenCopy(path: string): Promise<ScreenCopy | undefined> {
  try {
    const found = await (await caches.open(SCREEN_COPY_CACHE)).match(keyFor(path));
    if (!found) return undefined;
    return { html: await found.text(), lang: found.headers.get(LANG) ?? '', shell: found.headers.get(SHELL) ?? '' };
  } catch {
    return undefined;
  }
}

/**
 * The shell's HTML with `copy` in place of the app's element, or undefined when the copy does not
 * belong to this shell (another build's, or a shell without the app's empty element).
 */
export function shellWithCopy(shellHtml: string, copy: ScreenCopy): string | undefined {
  if (!copy.shell || !shellHtml.includes(`src="${copy.shell}"`) || !shellHtml.includes(APP_ELEMENT)) return undefined;
  if (copy.html.length > MAX_COPY_CHARS) return undefined;
  // A language tag only (the app's own: id, en, …), so nothing else reaches the attribute.
  const lang = /^[a-z]{2,3}$/.test(copy.lang) ? copy.lang : undefined;
  const withLang = lang ? shellHtml.replace(/<html lang="[^"]*"/, `<html lang="${lang}"`) : shellHtml;
  return withLang.replace(APP_ELEMENT, () => `<div id="${COPY_ELEMENT_ID}">${copy.html}</div>`);
}
