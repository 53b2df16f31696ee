// A cold start of a copyable screen (home, the catalogue list): the cached shell with the screen's
// last look in it, so the list shows and its search field takes a keystroke while the app's code is
// still starting. Everything else, or a copy from another build, gets the plain shell.
import { isCopyablePath, readScreenCopy, shellWithCopy } from '../src/data/screen-copy.ts';

export async function withScreenCopy(shell: Response, url: URL): Promise<Response> {
  if (!shell.ok || !isCopyablePath(url)) return shell;
  const copy = await readScreenCopy(url.pathname);
  if (!copy) return shell;
  const html = shellWithCopy(await shell.clone().text(), copy);
  if (html === undefined) return shell;
  return new Response(html, {
    status: 200,
    headers: { 'content-type': shell.headers.get('content-type') ?? 'text/html; charset=utf-8' },
  });
}
