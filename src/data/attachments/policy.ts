// What the device accepts as an attachment and what it makes of it: the byte and pixel limits of the
// document pipeline, in one place so the UI can quote them and the server can mirror them.

/** Files larger than this are refused before decoding: a 25 MB JPEG is ~100 MP, enough to crash a cheap phone's tab. */
export const MAX_INPUT_BYTES = 25 * 1024 * 1024;
/** PDFs are stored as they are (re-rendering would lose text and signatures), so they must already be small. */
export const MAX_PDF_BYTES = 2 * 1024 * 1024;

export const PHOTO = {
  /** Byte budget of one page photo: a dozen documents must still upload over a weak satellite link. */
  maxBytes: 300 * 1024,
  /** Long side that keeps an A4 page legible (small print of a KK stays readable) without wasting bytes. */
  maxLongSide: 2000,
  /**
   * Legibility floor: below this, the smallest print of a photographed page is no longer readable.
   * It wins over the byte budget — an illegible photo gets an application rejected, a few extra KB do not.
   */
  minLongSide: 1600,
  /** How much the long side shrinks when no quality fits the budget. */
  shrinkStep: 0.15,
  /** Tried in order at each size; below 0.5 JPEG ringing blurs thin strokes of print more than shrinking does. */
  qualities: [0.82, 0.74, 0.66, 0.58, 0.5],
} as const;

export const THUMBNAIL = { longSide: 240, quality: 0.7 } as const;
