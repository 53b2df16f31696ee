// The real type of a file, read from its first bytes. The name and MIME type the browser reports are
// whatever the user or the picking app chose (a screenshot renamed .jpg, a HEIC labelled image/jpeg).

export type SniffedType =
  | 'image/jpeg'
  | 'image/png'
  | 'image/webp'
  | 'image/gif'
  | 'image/heic'
  | 'application/pdf'
  | 'unknown';

/** Enough bytes for every signature below (the ISO-BMFF brand ends at byte 12). */
export const SNIFF_BYTES = 16;

// ISO-BMFF major brands of HEIC/HEIF stills and sequences (iPhone photos, some Android cameras).
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

export function sniffBytes(bytes: Uint8Array): SniffedType {
  const at = (offset: number, signature: readonly number[]) => signature.every((b, i) => bytes[offset + i] === b);
  const ascii = (offset: number, text: string) =>
    at(
      offset,
      [...text].map((c) => c.charCodeAt(0)),
    );

  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  if (ascii(4, 'ftyp') && HEIF_BRANDS.has(String.fromCharCode(...bytes.subarray(8, 12)))) return 'image/heic';
  return 'unknown';
}

export async function sniffBlob(blob: Blob): Promise<SniffedType> {
  return sniffBytes(new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer()));
}

/** Types the page-photo encoder can decode in every browser we support. */
export function isCompressibleImage(
  type: SniffedType,
): type is 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' {
  return type === 'image/jpeg' || type === 'image/png' || type === 'image/webp' || type === 'image/gif';
}
