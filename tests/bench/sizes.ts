// Bytes of the build in dist/: the JS and CSS the first route (/) needs before it is interactive
// (index.html's module scripts, modulepreloads and stylesheets plus the static imports of those
// chunks, transitively; dynamic import() is lazy and not counted), and every file of the Workbox
// precache manifest injected into dist/sw.js plus sw.js itself and the script it stores with itself at
// install (its on-demand part) — raw, gzip -9 and brotli q11.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { DIST } from '../support/server.ts';

export type Sizes = { raw: number; gzip: number; brotli: number };

export async function sizesOf(files: string[]): Promise<Sizes> {
  const total: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const buf = await readFile(file);
    total.raw += buf.length;
    total.gzip += gzipSync(buf, { level: 9 }).length;
    total.brotli += brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  return total;
}

export const add = (a: Sizes, b: Sizes): Sizes => ({
  raw: a.raw + b.raw,
  gzip: a.gzip + b.gzip,
  brotli: a.brotli + b.brotli,
});

/** A URL from index.html (`/assets/x.js`, `assets/x.js`) as a path in dist/; null if not local. */
export function distPath(href: string): string | null {
  if (/^([a-z]+:)?\/\//i.test(href) || href.startsWith('data:')) return null;
  return join(DIST, href.replace(/[?#].*$/, '').replace(/^\/+/, ''));
}

/** The src/href of the module scripts, modulepreloads and stylesheets in index.html. */
function htmlEntries(html: string): string[] {
  const found: string[] = [];
  for (const [tag, name = ''] of html.matchAll(/<(script|link)\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) {
      attrs.set(m[1]!.toLowerCase(), m[3] ?? m[4] ?? m[5] ?? '');
    }
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const url =
      name.toLowerCase() === 'script'
        ? attrs.get('type') === 'module'
          ? attrs.get('src')
          : undefined
        : rel.includes('modulepreload') || rel.includes('stylesheet')
          ? attrs.get('href')
          : undefined;
    const path = url ? distPath(url) : null;
    if (path) found.push(path);
  }
  return found;
}

/** Relative specifiers of the static imports at the top of a chunk (not dynamic import()). */
function staticImports(code: string): string[] {
  const specs: string[] = [];
  const statement =
    /\s*(?:\/\*[\s\S]*?\*\/|\/\/[^\n]*\n|import\s*(?:[\w$\s{},*]+?\s*from\s*)?(["'`])([^"'`]+)\1\s*;?)/y;
  for (let m = statement.exec(code); m && statement.lastIndex > m.index; m = statement.exec(code)) {
    if (m[2]?.startsWith('.')) specs.push(m[2]);
  }
  return specs;
}

export async function firstRouteFiles(): Promise<string[]> {
  const seen = new Set<string>();
  const queue = htmlEntries(await readFile(join(DIST, 'index.html'), 'utf8'));
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (seen.has(file)) continue;
    if (!existsSync(file)) throw new Error(`index.html or a chunk refers to a missing file: ${relative(DIST, file)}`);
    seen.add(file);
    if (file.endsWith('.js')) {
      for (const spec of staticImports(await readFile(file, 'utf8'))) queue.push(resolve(dirname(file), spec));
    }
  }
  return [...seen];
}

export async function precacheUrls(): Promise<string[]> {
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const urls = [...sw.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  if (urls.length === 0) throw new Error('no precache manifest entries ("url":"...") found in dist/sw.js');
  return urls;
}

/**
 * The scripts the worker imports while it installs (sw/on-demand-loader.ts): not in the precache
 * manifest, but every install downloads them like the precache.
 */
export async function workerScriptUrls(): Promise<string[]> {
  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  const urls = [...new Set(sw.match(/\/assets\/sw-on-demand-[0-9a-f]+\.js/g) ?? [])];
  if (urls.length === 0) throw new Error('no on-demand script (/assets/sw-on-demand-….js) named in dist/sw.js');
  return urls;
}
