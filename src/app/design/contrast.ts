// WCAG 2 contrast between two opaque colours written as hex (#rgb or #rrggbb), as token sheets write
// them. Used by the /_design page to label swatches and by the unit test that holds the palette to AA.

/** The red, green and blue of `#rgb` / `#rrggbb` (0–255 each), or undefined for anything else. */
export function parseHex(value: string): [number, number, number] | undefined {
  const hex = value.trim().toLowerCase();
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(hex);
  if (!m?.[1]) return undefined;
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d) : (m[1].match(/../g) ?? []);
  const [r = 0, g = 0, b = 0] = digits.map((d) => Number.parseInt(d, 16));
  return [r, g, b];
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance([r, g, b]: [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The contrast ratio (1–21) of two hex colours; throws on a colour it cannot read. */
export function contrastRatio(foreground: string, background: string): number {
  const fg = parseHex(foreground);
  const bg = parseHex(background);
  if (!fg || !bg) throw new Error(`not a hex colour: ${fg ? background : foreground}`);
  const [hi, lo] = [relativeLuminance(fg), relativeLuminance(bg)].sort((a, b) => b - a) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
