// Screenshot references of the app's screens (issue #18): each screen is photographed in a settled,
// deterministic state — the page's clock fixed, animations, transitions and the caret off, fonts
// loaded, what legitimately varies painted over — and compared with its PNG under
// tests/e2e/__screenshots__/. UPDATE_SCREENSHOTS=1 rewrites the references; a missing reference fails
// (and is written, outside CI). On a failure the actual image and a diff go to a gitignored folder.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { compareImages, maskRects, type Rect } from './screenshot-compare.ts';
import { ROOT } from './server.ts';

export const REFERENCE_DIR = join(ROOT, 'tests', 'e2e', '__screenshots__');
/** Where failing screens leave their actual image and diff (gitignored). */
export const FAILURE_DIR = join(REFERENCE_DIR, '.failures');

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

/**
 * The page's "now": Tuesday 17 November 2026, 10:00 WIB — a working day, offices open. Pages start
 * there and the clock runs on from the moment the test called freezeClock, so waits and timers work
 * and one run's pages agree with each other.
 */
export const FIXED_NOW = Date.UTC(2026, 10, 17, 3, 0, 0);

/** Every page of `context` sees Date start at FIXED_NOW (its own Date, so the server's times are not). */
export async function freezeClock(context: BrowserContext): Promise<void> {
  await context.addInitScript(
    ({ fixed, realStart }) => {
      const RealDate = Date;
      const now = () => fixed + (RealDate.now() - realStart);
      class FixedDate extends RealDate {
        constructor(...args: unknown[]) {
          if (args.length === 0) super(now());
          else super(...(args as [string]));
        }
        static override now(): number {
          return now();
        }
      }
      (globalThis as { Date: DateConstructor }).Date = FixedDate as DateConstructor;
    },
    { fixed: FIXED_NOW, realStart: Date.now() },
  );
}

/**
 * No motion, no blinking caret, no scrollbars: the same pixels whenever the picture is taken. The
 * delivery toast comes and goes with background delivery, on whatever screen is shown: hidden.
 */
const STILL_CSS = `
.toast { visibility: hidden !important; }
*, *::before, *::after {
  animation-duration: 0s !important; animation-delay: 0s !important; animation-iteration-count: 1 !important;
  transition-duration: 0s !important; transition-delay: 0s !important;
  caret-color: transparent !important; scroll-behavior: auto !important;
}
html { scrollbar-width: none; }
::-webkit-scrollbar { display: none; }
`;

/**
 * What is painted over before comparing, because it differs from run to run by design: QR codes (they
 * encode ids), the "last synced … ago" note in the header, the kiosk's idle countdown (it ticks every
 * second, so a stand-in would not hold between pictures), text matching VOLATILE_TEXT, and form fields
 * whose value matches it.
 */
export const MASKED_SELECTORS = ['.qr', '.conn__sync', '.kiosk-idle__countdown'];
/**
 * Text that differs from run to run, with what stands in for it: tracking numbers, UUIDs and document
 * verification codes (random), the test server's origin (random port), the device's storage use,
 * dates with their times (the server stamps them with its real clock: received, due, updated), ISO
 * dates, and relative times ("3 menit yang lalu", "kemarin"). Before the picture each is replaced by
 * its stand-in — so a table's columns or a wrapped line do not change with the day the test runs — and
 * then painted over. Every stand-in matches its own pattern.
 */
export const VOLATILE_TEXT: Array<[pattern: RegExp, standIn: string]> = [
  // UUIDs first: two all-digit groups of one would otherwise pass for a tracking number.
  [/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '0f8b2c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e'],
  [/(?<![0-9A-Za-z-])[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}(?![0-9A-Za-z-])/g, '7K3Q-9XW2'],
  // An issued document's verification code: 16 Crockford characters, at least one a letter (a NIK is
  // 16 digits and is not random).
  [/(?<![0-9A-Za-z-])(?=[0-9]*[A-HJKMNP-TV-Z])[0-9A-HJKMNP-TV-Z]{16}(?![0-9A-Za-z-])/g, '7K3Q9XW2M4PA8RTB'],
  // The device's storage use (what the browser's estimate says: caches and databases, build by build).
  [
    /Penyimpanan perangkat: [\d.]+(,\d+)? MB terpakai, [\d.]+(,\d+)? MB tersedia\./g,
    'Penyimpanan perangkat: 4,2 MB terpakai, 10.240,0 MB tersedia.',
  ],
  // The test server's origin (its port is picked by the system), as the cover sheet prints it.
  [/\bhttp:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:40000'],
  [
    /\b\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des)[a-z]*\.? \d{4},? (pukul )?\d{1,2}[.:]\d{2}( WIB)?/g,
    '17 Nov 2026, 10.00',
  ],
  [
    /\b\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Agt|Sep|Okt|Nov|Des)[a-z]*\.? \d{4}\b(?!,? (pukul )?\d)/g,
    '17 Nov 2026',
  ],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?\b/g, '2026-11-17T10:00'],
  [/\b\d{4}-\d{2}-\d{2}\b(?!T)/g, '2026-11-17'],
  // Relative times, one stand-in for all of them: the page's clock is fixed, the service worker's is
  // not, so a delivery the worker stamped reads "dalam 18 hari" where one the page stamped reads "menit
  // ini", and which of the two delivered it differs from run to run (as do a table's column widths).
  [
    /\b(\d+ (detik|menit|jam|hari|minggu|bulan|tahun)( yang)? lalu|dalam \d+ (detik|menit|jam|hari|minggu|bulan|tahun)|menit ini|jam ini|kemarin|besok|lusa)\b/gi,
    'menit ini',
  ],
];

/** Puts VOLATILE_TEXT's stand-ins in the page's visible text. */
async function standIns(page: Page): Promise<void> {
  await page.evaluate(
    (patterns) => {
      const rules = patterns.map(([source, flags, standIn]) => [new RegExp(source, flags), standIn] as const);
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const before = node.textContent ?? '';
        let text = before;
        for (const [re, standIn] of rules) text = text.replace(re, standIn);
        if (text !== before) node.textContent = text;
      }
    },
    VOLATILE_TEXT.map(([re, standIn]) => [re.source, re.flags, standIn] as const),
  );
}

/**
 * The comparison is only meaningful with the fonts the references were made with: the app's system
 * font stack resolves to DejaVu Sans on Debian (fonts-dejavu-core, installed by .ci/system-deps).
 */
export function assertReferenceFonts(): void {
  let font = '';
  try {
    font = execFileSync('fc-match', ['sans-serif'], { encoding: 'utf8' }).trim();
  } catch (err) {
    throw new Error(`fc-match failed (${(err as Error).message}): install fontconfig and fonts-dejavu-core`);
  }
  if (!font.includes('"DejaVu Sans"')) {
    throw new Error(
      `The screenshot references were made with DejaVu Sans as the sans-serif font, but fc-match sans-serif ` +
        `gives ${font}: install fonts-dejavu-core (bash .ci/system-deps) so that the comparison means something.`,
    );
  }
}

export type ScreenSet = {
  /** Folder under __screenshots__ and prefix of screen names, e.g. 'phone-360x740'. */
  name: string;
  /** Full-page height cap in CSS px: longer pages are cut there. */
  maxHeight: number;
  /** Assert no horizontal overflow (resident phone screens). */
  checkOverflow: boolean;
};

/** An element sticking out at the right of the viewport, for the overflow failure message. */
type Offender = { element: string; right: number };

export async function sidewaysOverflow(
  page: Page,
): Promise<{ scrollWidth: number; width: number; offenders: Offender[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders: { element: string; right: number }[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const right = r.right + window.scrollX;
      if (right > width + 0.5) {
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        offenders.push({ element: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}`, right });
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, offenders };
  });
}

/** Rectangles (document coordinates) of masked elements and of volatile text. */
async function volatileRects(page: Page): Promise<Rect[]> {
  return page.evaluate(
    ({ selectors, patterns }) => {
      const rects: { x: number; y: number; width: number; height: number }[] = [];
      const add = (r: DOMRect) => {
        if (r.width > 0 && r.height > 0)
          rects.push({ x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height });
      };
      for (const s of selectors)
        for (const el of document.querySelectorAll(s))
          if (el.checkVisibility({ visibilityProperty: true })) add(el.getBoundingClientRect());
      const regexes = patterns.map(([source, flags]) => new RegExp(source, flags));
      // A field holding such text (a tracking number typed into the search) is painted over whole.
      for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea'))
        if (regexes.some((re) => new RegExp(re.source, re.flags).test(el.value)) && el.checkVisibility())
          add(el.getBoundingClientRect());
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent?.checkVisibility({ visibilityProperty: true })) continue;
        const text = node.textContent ?? '';
        for (const re of regexes) {
          re.lastIndex = 0;
          for (const m of text.matchAll(re)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            for (const r of range.getClientRects()) add(r);
          }
        }
      }
      return rects;
    },
    { selectors: MASKED_SELECTORS, patterns: VOLATILE_TEXT.map(([r]) => [r.source, r.flags] as const) },
  );
}

/**
 * Makes `page` still: no motion, no caret, fonts loaded, images decoded. The rules go in as a
 * constructed style sheet, which the app's strict Content-Security-Policy (no inline styles) allows.
 */
async function settle(page: Page): Promise<void> {
  // A cold start may show the screen's copy first (sw/screen-copy.ts): the picture is of the app.
  await page.locator('#app-copy').waitFor({ state: 'detached' });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.evaluate(async (css) => {
    const marked = window as unknown as { __stillSheet?: CSSStyleSheet };
    if (!marked.__stillSheet || !document.adoptedStyleSheets.includes(marked.__stillSheet)) {
      marked.__stillSheet = new CSSStyleSheet();
      marked.__stillSheet.replaceSync(css);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, marked.__stillSheet];
    }
    await document.fonts.ready;
    await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, STILL_CSS);
}

/**
 * The page as a phone (or screen) as tall as the page shows it, up to `maxHeight`: the viewport is
 * stretched to the page's height for the picture, so fixed bars (the bottom navigation) sit at the
 * bottom of the image rather than over the middle of it, then put back. Pictures are taken until two
 * in a row are identical and the page is still as tall as the viewport it was stretched to (a part
 * that appears late, such as a list read from IndexedDB, would otherwise be cut off or hidden under
 * the bottom bar); the masks are measured on that same layout.
 */
async function stillShot(page: Page, maxHeight: number): Promise<{ png: PNG; masks: Rect[] }> {
  const viewport = page.viewportSize()!;
  const pageHeight = async () => {
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    return Math.min(Math.max(height, viewport.height), maxHeight);
  };
  try {
    let height = await pageHeight();
    for (let i = 0; i < 20; i++) {
      await page.setViewportSize({ width: viewport.width, height });
      await standIns(page);
      await page.evaluate(() => {
        window.scrollTo(0, 0);
        return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      });
      const previous = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      await page.waitForTimeout(100);
      const next = await page.screenshot({ animations: 'disabled', caret: 'hide' });
      const now = await pageHeight();
      if (next.equals(previous) && now === height)
        return { png: PNG.sync.read(next), masks: await volatileRects(page) };
      height = now;
    }
    throw new Error('the screen did not stop changing in 20 pairs of screenshots');
  } finally {
    await page.setViewportSize(viewport);
  }
}

/** Small files: RGB without alpha, strongest compression. */
const encode = (png: PNG): Buffer => PNG.sync.write(png, { colorType: 2, deflateLevel: 9 });

/**
 * A photographer for one set of screens on `page`: `shoot(screen)` records the screen now shown, and
 * `failures` lists every screen that did not match (or overflowed), for one assertion at the end.
 */
export function photographer(page: Page, set: ScreenSet) {
  const failures: string[] = [];
  const shot: string[] = [];
  const shoot = async (screen: string) => {
    await page.locator('h1').first().waitFor();
    await settle(page);
    const file = `${screen.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
    shot.push(file);
    if (set.checkOverflow) {
      const o = await sidewaysOverflow(page);
      if (o.scrollWidth > o.width || o.offenders.length > 0)
        failures.push(
          `${set.name}/${screen}: overflows sideways (scrollWidth ${o.scrollWidth} > ${o.width}): ` +
            o.offenders
              .slice(0, 10)
              .map((e) => `${e.element} to ${Math.round(e.right)} px`)
              .join(', '),
        );
    }
    const { png: actual, masks } = await stillShot(page, set.maxHeight);
    maskRects(actual, masks);
    const actualPng = encode(actual);
    const refPath = join(REFERENCE_DIR, set.name, file);
    if (UPDATE) {
      await mkdir(join(REFERENCE_DIR, set.name), { recursive: true });
      await writeFile(refPath, actualPng);
      return;
    }
    if (!existsSync(refPath)) {
      if (IN_CI) {
        failures.push(
          `${set.name}/${screen}: no reference image ${refPath}; make it with UPDATE_SCREENSHOTS=1 and commit it`,
        );
      } else {
        await mkdir(join(REFERENCE_DIR, set.name), { recursive: true });
        await writeFile(refPath, actualPng);
        failures.push(`${set.name}/${screen}: no reference image; wrote ${refPath} — review and commit it`);
      }
      return;
    }
    const result = compareImages(PNG.sync.read(await readFile(refPath)), actual);
    if (result.pass) return;
    const out = join(FAILURE_DIR, set.name);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, file.replace(/\.png$/, '.actual.png')), actualPng);
    if (result.diff) await writeFile(join(out, file.replace(/\.png$/, '.diff.png')), encode(result.diff));
    failures.push(`${set.name}/${screen}: ${result.reason}; actual and diff in ${out}`);
  };
  return { shoot, failures, shot };
}
