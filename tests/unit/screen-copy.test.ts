// The service worker's half of a screen copy: what it puts in the shell, and when it refuses.
import { describe, expect, it } from 'vitest';
import { isCopyablePath, MAX_COPY_CHARS, shellWithCopy } from '../../src/data/screen-copy.ts';

const SHELL = `<!doctype html>
<html lang="id">
  <head><script type="module" crossorigin src="/assets/index-AAA.js"></script></head>
  <body>
    <div id="app"></div>
  </body>
</html>`;
const copy = (over: Partial<{ html: string; lang: string; shell: string }> = {}) => ({
  html: '<main id="main"><h1>Layanan</h1></main>',
  lang: 'en',
  shell: '/assets/index-AAA.js',
  ...over,
});

describe('screen copies in the shell', () => {
  it('puts the copy in place of the app element, in the copy’s language', () => {
    const html = shellWithCopy(SHELL, copy());
    expect(html).toContain('<body>\n    <div id="app-copy"><main id="main"><h1>Layanan</h1></main></div>\n  </body>');
    expect(html).toContain('<html lang="en">');
    expect(html).not.toContain('id="app"');
  });

  it('refuses a copy drawn by another build of the app', () => {
    expect(shellWithCopy(SHELL, copy({ shell: '/assets/index-OLD.js' }))).toBeUndefined();
    expect(shellWithCopy(SHELL, copy({ shell: '' }))).toBeUndefined();
  });

  it('refuses a shell without the empty app element, and a copy over the size bound', () => {
    expect(shellWithCopy(SHELL.replace('<div id="app"></div>', '<div id="app">x</div>'), copy())).toBeUndefined();
    expect(shellWithCopy(SHELL, copy({ html: 'x'.repeat(MAX_COPY_CHARS + 1) }))).toBeUndefined();
  });

  it('keeps the shell’s language when the stored one is not a language tag', () => {
    const html = shellWithCopy(SHELL, copy({ lang: 'en" onload="x' }));
    expect(html).toContain('<html lang="id">');
    expect(html).not.toContain('onload');
  });

  it('takes the copy’s text literally (no replacement patterns)', () => {
    expect(shellWithCopy(SHELL, copy({ html: '<p>$& $1 $$</p>' }))).toContain(
      '<div id="app-copy"><p>$& $1 $$</p></div>',
    );
  });

  it('copies home and the unfiltered list only: never a screen with someone’s application', () => {
    const at = (path: string) => isCopyablePath(new URL(path, 'https://nusa.example'));
    expect(at('/')).toBe(true);
    expect(at('/layanan')).toBe(true);
    expect(at('/layanan?q=akta')).toBe(false);
    expect(at('/permohonan')).toBe(false);
    expect(at('/layanan/akta-kelahiran')).toBe(false);
    expect(at('/petugas')).toBe(false);
  });
});
