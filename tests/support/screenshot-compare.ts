// Compares a screenshot with its reference image: pixelmatch counts the pixels whose colour differs
// beyond a per-pixel threshold (anti-aliasing ignored), and the screen fails when their share of the
// image is above an allowed share. Pure (PNG in, verdict out), so a unit test can prove what it catches.
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * pixelmatch's threshold: the YIQ colour distance (0–1) above which one pixel counts as different.
 * 0.1 is its default: one-step rounding differences of the software rasteriser stay under it, a grey
 * turning white or a glyph moving does not.
 */
export const PIXEL_THRESHOLD = 0.1;
/**
 * The share of an image's pixels allowed to differ: 0.02 %, i.e. 53 pixels of a 360 × 740 phone screen
 * and 230 of a 1366 × 900 office one. A 48 px icon or one line of text moved by 8 px changes several
 * hundred, a wrapped heading thousands; the same Chromium with the same fonts changes none.
 */
export const ALLOWED_SHARE = 0.0002;

export type Rect = { x: number; y: number; width: number; height: number };

export type Comparison = {
  pass: boolean;
  /** Pixels counted as different (all of them when the sizes differ). */
  differing: number;
  /** differing / pixels of the larger image. */
  share: number;
  /** Why it failed, in words, when it did. */
  reason?: string;
  /** Differing pixels in red over a faded copy of the reference; absent when sizes differ. */
  diff?: PNG;
};

/** Paints `rects` (in image pixels) as solid boxes, so what legitimately varies compares equal. */
export function maskRects(image: PNG, rects: Rect[], rgb: [number, number, number] = [255, 0, 255]): void {
  for (const r of rects) {
    const x0 = Math.max(0, Math.floor(r.x));
    const y0 = Math.max(0, Math.floor(r.y));
    const x1 = Math.min(image.width, Math.ceil(r.x + r.width));
    const y1 = Math.min(image.height, Math.ceil(r.y + r.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * image.width + x) * 4;
        image.data[i] = rgb[0];
        image.data[i + 1] = rgb[1];
        image.data[i + 2] = rgb[2];
        image.data[i + 3] = 255;
      }
    }
  }
}

export function compareImages(
  reference: PNG,
  actual: PNG,
  options: { threshold?: number; allowedShare?: number } = {},
): Comparison {
  const allowedShare = options.allowedShare ?? ALLOWED_SHARE;
  if (reference.width !== actual.width || reference.height !== actual.height) {
    return {
      pass: false,
      differing: Math.max(reference.width * reference.height, actual.width * actual.height),
      share: 1,
      reason: `size ${actual.width} × ${actual.height} instead of ${reference.width} × ${reference.height}`,
    };
  }
  const { width, height } = reference;
  const diff = new PNG({ width, height });
  const differing = pixelmatch(reference.data, actual.data, diff.data, width, height, {
    threshold: options.threshold ?? PIXEL_THRESHOLD,
    includeAA: false,
  });
  const share = differing / (width * height);
  const pass = share <= allowedShare;
  return {
    pass,
    differing,
    share,
    diff,
    ...(pass
      ? {}
      : {
          reason: `${differing} pixels differ (${(share * 100).toFixed(3)} %, allowed ${(allowedShare * 100).toFixed(3)} %)`,
        }),
  };
}
