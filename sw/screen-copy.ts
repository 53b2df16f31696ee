// A cold start of a copyable screen (home, the catalogue list): the cached shell with the screen's
// last look in it, so the list shows and its search field takes a keystroke while the app's code is
// still starting. Only the first navigation a freshly started worker answers gets it: that is the
// cold start (a browser just opened, a phone that killed the worker); while the worker runs, the
// app is ready about as soon as a copy would be, and a copy would only be a moment in which taps on
// filters do nothing yet. Everything else, or a copy from another build, gets the plain shell.
import { isCopyablePath, readScreenCopy, shellWithCopy } from '../src/data/screen-copy.ts';

let coldStart = true;

export async function withScreenCopy(shell: Response, url: URL): Promise<Response> {
  const cold = coldStart;
  coldStart = false;
  if (!cold || !shell.ok || !isCopyablePath(url)) return shell;
  const copy = await readScreenCopy(url.pathname);
  if (!copy) return shell;
  const html = shellWithCopy(await shell.clone().text(), copy);
  if (html === undefined) return shell;
  return new Response(html, { status: 200, headers: copyHeaders(shell.headers) });
}

/**
 * The shell's own headers on the page built from it: its Content-Security-Policy, framing and
 * isolation rules must hold for the copy's page as for the shell's. The body is new: its length
 * and encoding are not the stored one's.
 */
function copyHeaders(shell: Headers): Headers {
  const headers = new Headers(shell);
  headers.delete('content-length');
  headers.delete('content-encoding');
  if (!headers.has('content-type')) headers.set('content-type', 'text/html; charset=utf-8');
  return headers;
}
