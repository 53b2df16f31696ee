// The document photo/file pipeline in real Chromium: a camera-sized photo of a page becomes a legible
// JPEG within the byte budget, compressed in a Web Worker; PDFs are kept as they are; wrong types and
// oversized files are refused with typed codes; files are stored once by hash and collected when no
// longer referenced. The modules are bundled by Vite exactly as the app bundles them (worker included)
// into a throwaway page, served by the real server with its real Content-Security-Policy.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Compress from '../../src/data/attachments/compress.ts';
import type * as Hash from '../../src/data/attachments/hash.ts';
import type * as Store from '../../src/data/attachments/store.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { openProfile } from '../support/browser.ts';
import { ROOT, tempDir } from '../support/server.ts';

type AttachmentsApi = typeof Store & typeof Compress & typeof Hash;
declare global {
  interface Window {
    attachments: AttachmentsApi;
    /** The generated 4000×3000 page photo, kept in the page between steps. */
    pagePhoto: File;
  }
}

const MAX_PHOTO_BYTES = 300 * 1024;
const WIDTH = 4000;
const HEIGHT = 3000;
/** The smallest print drawn on the test page, as a fraction of its height. */
const SMALLEST_TEXT = 1 / 100;

let harnessDir: string;
let profileDir: string;
let server: InProcessServer;
let context: BrowserContext;
let page: Page;

/** Builds a one-page harness that puts the attachment modules on `window`, with the product's Vite defaults. */
async function buildHarness(dir: string): Promise<string> {
  const src = join(dir, 'src');
  await mkdir(src, { recursive: true });
  const module = (name: string) => relative(src, join(ROOT, 'src/data/attachments', name)).replaceAll('\\', '/');
  await writeFile(
    join(src, 'harness.ts'),
    [
      `import * as store from '${module('store.ts')}';`,
      `import * as compress from '${module('compress.ts')}';`,
      `import * as hash from '${module('hash.ts')}';`,
      `Object.assign(window, { attachments: { ...store, ...compress, ...hash } });`,
      `document.body.dataset.ready = 'true';`,
    ].join('\n'),
  );
  await writeFile(
    join(src, 'index.html'),
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>attachments</title>' +
      '<script type="module" src="./harness.ts"></script></head><body></body></html>',
  );
  const out = join(dir, 'out');
  await build({
    configFile: false,
    root: src,
    publicDir: false,
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
  });
  return out;
}

beforeAll(async () => {
  harnessDir = await tempDir('nusa-attachments-');
  profileDir = await tempDir('nusa-profile-');
  const out = await buildHarness(harnessDir);
  server = await startInProcessServer({ seed: false, staticDir: out });
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 30_000 }).catch(() => {
    throw new Error(`harness did not load: ${pageErrors.join('\n')}`);
  });
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
  await rm(harnessDir, { recursive: true, force: true });
});

/** Hashes of every entry in the files database, read with plain IndexedDB as the service worker will. */
function storedHashes(): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-files');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const keys = open.result.transaction('files').objectStore('files').getAllKeys();
          keys.onsuccess = () => {
            open.result.close();
            resolve((keys.result as string[]).sort());
          };
          keys.onerror = () => reject(keys.error);
        };
      }),
  );
}

/** Adds a file built in the page; resolves with the ref, or the error's name, code and params. */
function add(bytes: { text?: string; raw?: number[]; pdfBytes?: number; photo?: true }, name: string, type: string) {
  return page.evaluate(
    async ({ bytes, name, type }) => {
      let parts: BlobPart[];
      if (bytes.photo) parts = [window.pagePhoto];
      else if (bytes.pdfBytes) {
        // A minimal PDF header and trailer around filler whose content varies with the size.
        const body = new Uint8Array(bytes.pdfBytes - 20).map((_, i) => 32 + ((i * 7 + bytes.pdfBytes!) % 90));
        parts = ['%PDF-1.4\n', body, '\n%%EOF\n'.padEnd(11, ' ')];
      } else if (bytes.raw) parts = [new Uint8Array(bytes.raw)];
      else parts = [bytes.text ?? ''];
      const file = new File(parts, name, { type });
      try {
        return { ref: await window.attachments.addAttachment(file), inputSize: file.size };
      } catch (e) {
        const err = e as { name?: string; code?: string; params?: Record<string, unknown> };
        return { error: { name: err.name, code: err.code, params: err.params }, inputSize: file.size };
      }
    },
    { bytes, name, type },
  );
}

describe('document attachments in Chromium', () => {
  it('makes a legible page photo within 300 KB of a 4000×3000 camera photo, in a Web Worker', async () => {
    const generated = await page.evaluate(
      async ({ width, height, smallest }) => {
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d')!;
        // Paper with sensor noise: a real photo is never flat, and noise is what makes JPEGs big.
        const image = ctx.createImageData(width, height);
        let seed = 42;
        for (let i = 0; i < image.data.length; i += 4) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const n = (seed >>> 24) % 24;
          image.data[i] = 226 + n;
          image.data[i + 1] = 222 + n;
          image.data[i + 2] = 210 + n;
          image.data[i + 3] = 255;
        }
        ctx.putImageData(image, 0, 0);
        ctx.fillStyle = '#1b1b1b';
        let y = 120;
        for (const fraction of [1 / 20, 1 / 40, 1 / 60, 1 / 80, smallest]) {
          const size = Math.round(height * fraction);
          ctx.font = `${size}px sans-serif`;
          for (let line = 0; line < 3 && y < height - size; line++, y += size * 1.4) {
            ctx.fillText(
              `KARTU KELUARGA No. 3529012345670003 — Kecamatan Kalianget, Desa Marengan Laok ${line}`,
              100,
              y + size,
            );
          }
        }
        ctx.strokeStyle = '#333';
        for (let x = 100; x < width - 100; x += 380) ctx.strokeRect(x, y + 40, 360, height - y - 160);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
        window.pagePhoto = new File([blob], 'kk-keluarga.jpg', { type: 'image/jpeg' });
        return { bytes: blob.size };
      },
      { width: WIDTH, height: HEIGHT, smallest: SMALLEST_TEXT },
    );
    expect(generated.bytes).toBeGreaterThan(2 * 1024 * 1024); // "several MB", like a phone camera's file

    const compressed = await page.evaluate(async () => {
      const r = await window.attachments.compressImage(window.pagePhoto);
      const decoded = await createImageBitmap(r.photo);
      const thumb = await createImageBitmap(r.thumbnail);
      return {
        where: r.where,
        ms: r.ms,
        bytes: r.photo.size,
        type: r.photo.type,
        width: r.width,
        height: r.height,
        decoded: [decoded.width, decoded.height],
        thumb: [thumb.width, thumb.height],
        sha256: await window.attachments.sha256Hex(r.photo),
      };
    });

    expect(compressed.where).toBe('worker');
    expect(compressed.type).toBe('image/jpeg');
    expect(compressed.bytes).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
    const longSide = Math.max(compressed.width, compressed.height);
    expect(longSide).toBeGreaterThanOrEqual(1600);
    expect(longSide).toBeLessThanOrEqual(2000);
    expect(compressed.width / compressed.height).toBeCloseTo(WIDTH / HEIGHT, 2);
    expect(compressed.decoded).toEqual([compressed.width, compressed.height]);
    expect(Math.max(...compressed.thumb)).toBe(240);
    // Legible at page size: the smallest print is still at least 12 px tall after scaling.
    const scale = longSide / Math.max(WIDTH, HEIGHT);
    expect(HEIGHT * SMALLEST_TEXT * scale).toBeGreaterThanOrEqual(12);

    const added = await add({ photo: true }, 'kk-keluarga.jpg', 'image/jpeg');
    expect(added.error).toBeUndefined();
    const ref = added.ref!;
    expect(ref).toMatchObject({
      type: 'image/jpeg',
      name: 'kk-keluarga.jpg',
      width: compressed.width,
      height: compressed.height,
    });
    expect(ref.size).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
    // The encoder is deterministic: the same photo gives the same bytes, so the hash names the content.
    expect(ref.sha256).toBe(compressed.sha256);

    const stored = await page.evaluate(async (sha) => {
      const s = await window.attachments.getAttachment(sha);
      if (!s) return undefined;
      const bitmap = await createImageBitmap(s.blob);
      return {
        type: s.type,
        size: s.blob.size,
        width: bitmap.width,
        height: bitmap.height,
        hasThumbnail: !!s.thumbnail,
        sha256: await window.attachments.sha256Hex(s.blob),
      };
    }, ref.sha256);
    expect(stored).toEqual({
      type: 'image/jpeg',
      size: ref.size,
      width: ref.width,
      height: ref.height,
      hasThumbnail: true,
      sha256: ref.sha256,
    });
  });

  it('stores the same photo once when it is picked twice', async () => {
    const first = await add({ photo: true }, 'kk-keluarga.jpg', 'image/jpeg');
    const again = await add({ photo: true }, 'foto-kk-lagi.jpg', 'image/jpeg');
    expect(again.ref).toEqual({ ...first.ref, name: 'foto-kk-lagi.jpg' });
    expect(await storedHashes()).toEqual([first.ref!.sha256]);
  });

  it('keeps a small PDF as it is and refuses one over 2 MB', async () => {
    const small = await add({ pdfBytes: 100 * 1024 }, 'surat-kelahiran.pdf', 'application/pdf');
    expect(small.ref).toMatchObject({ type: 'application/pdf', size: 100 * 1024, name: 'surat-kelahiran.pdf' });
    const same = await page.evaluate(async (sha) => {
      const s = (await window.attachments.getAttachment(sha))!;
      const head = new TextDecoder().decode(await s.blob.slice(0, 9).arrayBuffer());
      return {
        type: s.type,
        size: s.blob.size,
        head,
        sha256: await window.attachments.sha256Hex(s.blob),
        thumbnail: s.thumbnail,
      };
    }, small.ref!.sha256);
    expect(same).toEqual({
      type: 'application/pdf',
      size: 100 * 1024,
      head: '%PDF-1.4\n',
      sha256: small.ref!.sha256,
      thumbnail: undefined,
    });

    const big = await add({ pdfBytes: 3 * 1024 * 1024 }, 'scan-besar.pdf', 'application/pdf');
    expect(big.error).toEqual({ name: 'AttachmentError', code: 'too-large', params: { maxMb: 2 } });
  });

  it('refuses a file whose bytes are not what its name and MIME type claim', async () => {
    const renamed = await add({ text: 'Ini bukan foto, hanya teks biasa.\n' }, 'ktp.jpg', 'image/jpeg');
    expect(renamed.error).toMatchObject({ name: 'AttachmentError', code: 'type', params: { detected: 'unknown' } });
    // An iPhone photo labelled as JPEG: HEIC cannot be decoded by most browsers, so it is refused by type too.
    const heic = await add({ text: '\0\0\0\x18ftypheic\0\0\0\0mif1heic' }, 'IMG_0001.jpg', 'image/jpeg');
    expect(heic.error).toMatchObject({ code: 'type', params: { detected: 'image/heic' } });
    // Says JPEG in its first bytes but is broken after them.
    const broken = await add(
      { raw: [0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 600 }, (_, i) => i % 251)] },
      'rusak.jpg',
      'image/jpeg',
    );
    expect(broken.error).toMatchObject({ code: 'unreadable' });
  });

  it('collects only files no draft or queued submission references', async () => {
    const extra = await add({ pdfBytes: 50 * 1024 }, 'lama.pdf', 'application/pdf');
    const before = await storedHashes();
    expect(before).toHaveLength(3);
    const keep = before.filter((h) => h !== extra.ref!.sha256);

    // A file just added is not referenced yet (the draft saves the ref after): by default it survives.
    expect(await page.evaluate((k) => window.attachments.removeUnreferenced(new Set(k)), keep)).toBe(0);
    expect(await page.evaluate((k) => window.attachments.removeUnreferenced(new Set(k), { graceMs: 0 }), keep)).toBe(1);
    expect(await storedHashes()).toEqual(keep.sort());
    expect(await page.evaluate((sha) => window.attachments.getAttachment(sha), extra.ref!.sha256)).toBeUndefined();
  });

  it('compresses on the main thread where workers cannot draw, with the same limits', async () => {
    const results = await page.evaluate(async () => {
      const saved = { Worker: window.Worker, OffscreenCanvas: window.OffscreenCanvas };
      const w = window as unknown as Record<string, unknown>;
      const run = async () => {
        const r = await window.attachments.compressImage(window.pagePhoto);
        return { where: r.where, ms: r.ms, bytes: r.photo.size, width: r.width, height: r.height };
      };
      try {
        w.Worker = undefined; // no workers: OffscreenCanvas on the main thread
        const offscreen = await run();
        w.OffscreenCanvas = undefined; // an older browser: a regular <canvas>
        const canvas = await run();
        return { offscreen, canvas };
      } finally {
        Object.assign(window, saved);
      }
    });
    for (const r of [results.offscreen, results.canvas]) {
      expect(r.where).toBe('main');
      expect(r.bytes).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
      expect(Math.max(r.width, r.height)).toBeGreaterThanOrEqual(1600);
      expect(Math.max(r.width, r.height)).toBeLessThanOrEqual(2000);
    }
  });

  it('shrinks the long side when no quality fits the budget, but never below the legibility floor', async () => {
    const results = await page.evaluate(async () => {
      // Grain of increasing strength on a 4000×3000 photo: moderate grain needs a smaller page, pure
      // noise cannot fit 300 KB at any legible size.
      const noisy = async (amplitude: number) => {
        const canvas = new OffscreenCanvas(4000, 3000);
        const ctx = canvas.getContext('2d')!;
        const image = ctx.createImageData(4000, 3000);
        let seed = 7;
        for (let i = 0; i < image.data.length; i += 4) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const n = (seed >>> 24) % amplitude;
          image.data[i] = 255 - n;
          image.data[i + 1] = 250 - n;
          image.data[i + 2] = 240 - n;
          image.data[i + 3] = 255;
        }
        ctx.putImageData(image, 0, 0);
        const c = await window.attachments.compressImage(
          await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 }),
        );
        return { longSide: Math.max(c.width, c.height), bytes: c.photo.size, ms: c.ms };
      };
      return { grainy: await noisy(96), noise: await noisy(256) };
    });
    expect(results.grainy.longSide).toBeLessThan(2000);
    expect(results.grainy.longSide).toBeGreaterThanOrEqual(1600);
    expect(results.grainy.bytes).toBeLessThanOrEqual(MAX_PHOTO_BYTES);
    // Legibility wins over bytes: kept at the floor and reported as it is.
    expect(results.noise.longSide).toBe(1600);
    expect(results.noise.bytes).toBeGreaterThan(MAX_PHOTO_BYTES);
  });

  it('reports a full device as a quota error', async () => {
    // Chromium caches an origin's free space once it uses storage, so the device is "full" from the start
    // in a profile of its own: room for the empty database, not for a 1 MB document.
    const fullProfile = await tempDir('nusa-profile-full-');
    const full = await openProfile(fullProfile);
    try {
      const fullPage = full.pages()[0] ?? (await full.newPage());
      const cdp = await full.newCDPSession(fullPage);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: 200 * 1024 });
      await fullPage.goto(server.url);
      await fullPage.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const result = await fullPage.evaluate(async () => {
        const pdf = new File(['%PDF-1.4\n', new Uint8Array(1024 * 1024).fill(65), '\n%%EOF\n'], 'akta.pdf', {
          type: 'application/pdf',
        });
        try {
          await window.attachments.addAttachment(pdf);
          return undefined;
        } catch (e) {
          const err = e as { name?: string; code?: string; cause?: { name?: string; inner?: { name?: string } } };
          return { name: err.name, code: err.code, cause: err.cause?.name, inner: err.cause?.inner?.name };
        }
      });
      expect(result).toMatchObject({ name: 'AttachmentError', code: 'quota' });
      // A smaller file still fits: the store is usable again once space is freed.
      const small = await fullPage.evaluate(
        async () => (await window.attachments.addAttachment(new File(['%PDF-1.4\n%%EOF\n'], 'kecil.pdf'))).type,
      );
      expect(small).toBe('application/pdf');
      expect(await fullPage.evaluate(() => window.attachments.requestPersistence())).toBeTypeOf('boolean');
    } finally {
      await full.close();
      await rm(fullProfile, { recursive: true, force: true });
    }
  });
});
