// The page-photo encoder: decode an image, scale it and re-encode it as a JPEG within the byte budget,
// plus a thumbnail. The same code runs in the compression worker and, where a worker cannot draw,
// on the main thread — so both paths give the same pixels and the same limits.
import { AttachmentError } from './errors.ts';
import { PHOTO, THUMBNAIL } from './policy.ts';
import { type ExpectedSizes, highestQualityWithinBudget, scaledSizes } from './quality-search.ts';

export type EncodedPhoto = { photo: Blob; thumbnail: Blob; width: number; height: number };

/** No 2D canvas here (e.g. a worker without OffscreenCanvas support): the caller tries elsewhere. */
export class NoCanvasError extends Error {
  override readonly name = 'NoCanvasError';
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;
type Surface = { canvas: Canvas; width: number; height: number };

export async function encodePagePhoto(source: Blob): Promise<EncodedPhoto> {
  const bitmap = await decode(source);
  try {
    const ownLongSide = Math.max(bitmap.width, bitmap.height);
    const floor = Math.min(ownLongSide, PHOTO.minLongSide);
    let longSide = Math.min(ownLongSide, PHOTO.maxLongSide); // never upscale: it adds bytes, not detail
    let expected: ExpectedSizes | undefined;
    for (;;) {
      const page = draw(bitmap, longSide);
      const {
        blob: photo,
        fits,
        sizes,
      } = await highestQualityWithinBudget(
        (quality) => toJpeg(page.canvas, quality),
        PHOTO.qualities,
        PHOTO.maxBytes,
        expected,
      );
      // At the floor the photo is kept even over budget: legibility beats bytes (see PHOTO.minLongSide).
      if (fits || longSide <= floor) {
        // From the scaled page, not the original: a smaller step down resamples better and faster.
        const thumbnail = await toJpeg(draw(page.canvas, THUMBNAIL.longSide).canvas, THUMBNAIL.quality);
        return { photo, thumbnail, width: page.width, height: page.height };
      }
      const smaller = Math.max(floor, Math.round(longSide * (1 - PHOTO.shrinkStep)));
      expected = scaledSizes(sizes, (smaller / longSide) ** 2);
      longSide = smaller;
    }
  } finally {
    bitmap.close();
  }
}

async function decode(source: Blob): Promise<ImageBitmap> {
  try {
    // Phone cameras store portrait photos sideways plus an EXIF rotation; apply it, or a KK arrives on its side.
    return await createImageBitmap(source, { imageOrientation: 'from-image' });
  } catch (cause) {
    throw new AttachmentError('unreadable', {}, { cause });
  }
}

/** Draws `image` scaled so its long side is at most `longSide`, on white. */
function draw(image: ImageBitmap | Canvas, longSide: number): Surface {
  const scale = Math.min(1, longSide / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d', { alpha: false }) as
    | OffscreenCanvasRenderingContext2D
    | CanvasRenderingContext2D
    | null;
  if (!ctx) throw new NoCanvasError();
  // JPEG has no alpha: a transparent PNG/WebP scan would otherwise turn black behind the text.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  return { canvas, width, height };
}

function createCanvas(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
  if (typeof document === 'undefined') throw new NoCanvasError();
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function toJpeg(canvas: Canvas, quality: number): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/jpeg', quality });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new NoCanvasError())), 'image/jpeg', quality),
  );
}
