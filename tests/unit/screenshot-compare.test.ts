// The screenshot comparison's tolerance (tests/support/screenshot-compare.ts): tight enough that a
// block moved by 8 px, a small icon moved by 8 px or a wrapped heading fails, loose enough that a few
// stray pixels pass; masks make what legitimately varies compare equal.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ALLOWED_SHARE, compareImages, maskRects, PIXEL_THRESHOLD } from '../support/screenshot-compare.ts';

const W = 360;
const H = 740;

type Box = { x: number; y: number; width: number; height: number; grey: number };

/** A phone-sized screen: a light background with the given boxes painted on it. */
function screen(boxes: Box[], size = { width: W, height: H }): PNG {
  const png = new PNG(size);
  png.data.fill(0xf4);
  for (const b of boxes) {
    for (let y = b.y; y < b.y + b.height; y++)
      for (let x = b.x; x < b.x + b.width; x++) {
        const i = (y * size.width + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = b.grey;
        png.data[i + 3] = 255;
      }
  }
  return png;
}

/** A line of "text": glyph-like strokes 2 px wide every 5 px, 14 px high. */
function textLine(x: number, y: number, chars: number): Box[] {
  return Array.from({ length: chars }, (_, i) => ({ x: x + i * 5, y, width: 2, height: 14, grey: 0x20 }));
}

const card = (y: number): Box[] => [{ x: 16, y, width: 328, height: 96, grey: 0xff }, ...textLine(32, y + 20, 40)];

describe('screenshot comparison', () => {
  it('states its numbers', () => {
    expect(PIXEL_THRESHOLD).toBe(0.1);
    expect(ALLOWED_SHARE).toBe(0.0002);
  });

  it('passes identical screens and a few stray pixels', () => {
    expect(compareImages(screen(card(100)), screen(card(100)))).toMatchObject({ pass: true, differing: 0 });
    const stray = screen([...card(100), { x: 200, y: 400, width: 5, height: 5, grey: 0x00 }]);
    const result = compareImages(screen(card(100)), stray);
    expect(result.differing).toBe(25);
    expect(result.pass).toBe(true);
  });

  it('fails a card moved down by 8 px', () => {
    const result = compareImages(screen(card(100)), screen(card(108)));
    expect(result.pass).toBe(false);
    expect(result.reason).toMatch(/pixels differ/);
  });

  it('fails a 24 px icon moved sideways by 8 px', () => {
    const icon = (x: number): Box[] => [{ x, y: 300, width: 24, height: 24, grey: 0x30 }];
    expect(compareImages(screen(icon(40)), screen(icon(48))).pass).toBe(false);
  });

  it('fails a heading that wraps onto a second line', () => {
    const oneLine = screen([...textLine(16, 40, 60), ...card(80)]);
    const wrapped = screen([...textLine(16, 40, 40), ...textLine(16, 60, 20), ...card(100)]);
    expect(compareImages(oneLine, wrapped).pass).toBe(false);
  });

  it('fails a screen of another size, saying so', () => {
    const result = compareImages(screen(card(100)), screen(card(100), { width: W, height: H + 20 }));
    expect(result).toMatchObject({ pass: false, share: 1 });
    expect(result.reason).toBe(`size ${W} × ${H + 20} instead of ${W} × ${H}`);
  });

  it('compares masked regions as equal', () => {
    const a = screen([...card(100), ...textLine(32, 300, 9)]);
    const b = screen([...card(100), ...textLine(34, 300, 9)]);
    expect(compareImages(a, b).pass).toBe(false);
    const mask = [{ x: 30, y: 298, width: 60, height: 18 }];
    maskRects(a, mask);
    maskRects(b, mask);
    expect(compareImages(a, b)).toMatchObject({ pass: true, differing: 0 });
  });
});
