import { describe, expect, it } from 'vitest';
import { PHOTO } from '../../src/data/attachments/policy.ts';
import {
  type ExpectedSizes,
  highestQualityWithinBudget,
  scaledSizes,
} from '../../src/data/attachments/quality-search.ts';

const BUDGET = PHOTO.maxBytes;
const LADDER = PHOTO.qualities;

/** A page whose JPEG is `top` bytes at the ladder's top and shrinks by `ratio` a step (sizes fall with quality). */
const page = (top: number, ratio: number) => (quality: number) =>
  Math.round(top * ratio ** ((LADDER[0] - quality) / 0.08));

/** What the encoder did before: every quality from the top until one fits. */
function ladderFromTheTop(sizeAt: (q: number) => number) {
  let encodes = 0;
  for (const quality of LADDER) {
    encodes++;
    if (sizeAt(quality) <= BUDGET) return { quality, fits: true, encodes };
  }
  return { quality: LADDER.at(-1)!, fits: false, encodes };
}

async function search(sizeAt: (q: number) => number, expected?: ExpectedSizes) {
  const asked: number[] = [];
  const choice = await highestQualityWithinBudget(
    async (quality) => {
      asked.push(quality);
      // Only the size matters to the search: a stand-in keeps 4,000 searches quick.
      return { size: sizeAt(quality) } as Blob;
    },
    LADDER,
    BUDGET,
    expected,
  );
  return { ...choice, asked };
}

describe('the JPEG quality of a page photo', () => {
  it('is the one the whole ladder from the top would choose, for pages of every size and grain', async () => {
    let cases = 0;
    for (let top = 100_000; top <= 3_000_000; top += 23_000)
      for (const ratio of [0.6, 0.7, 0.78, 0.85, 0.9, 0.95]) {
        const sizeAt = page(top, ratio);
        const expected = ladderFromTheTop(sizeAt);
        const got = await search(sizeAt);
        expect({ top, ratio, quality: got.quality, fits: got.fits }).toEqual({
          top,
          ratio,
          quality: expected.quality,
          fits: expected.fits,
        });
        expect(got.blob.size).toBe(sizeAt(got.quality));
        expect(got.encodes).toBe(new Set(got.asked).size);
        cases++;
      }
    expect(cases).toBeGreaterThan(700);
  });

  it('costs two encodes where no quality fits, where the ladder cost five', async () => {
    // A noisy low-light photo: over budget even at the lowest quality.
    const noisy = page(1_400_000, 0.85);
    expect(ladderFromTheTop(noisy).encodes).toBe(5);
    const got = await search(noisy);
    expect(got).toMatchObject({ fits: false, quality: 0.5, encodes: 2, asked: [0.82, 0.5] });
  });

  it('costs one encode for a page that fits at the top, and two for one just over', async () => {
    expect(await search(page(250_000, 0.85))).toMatchObject({ quality: 0.82, encodes: 1 });
    expect(await search(page(340_000, 0.85))).toMatchObject({ quality: 0.74, encodes: 2, asked: [0.82, 0.74] });
  });

  it('never costs more encodes than the ladder did but one, and far fewer in all', async () => {
    let before = 0;
    let after = 0;
    for (let top = 100_000; top <= 3_000_000; top += 23_000)
      for (const ratio of [0.7, 0.78, 0.85, 0.9]) {
        const sizeAt = page(top, ratio);
        const old = ladderFromTheTop(sizeAt).encodes;
        const now = (await search(sizeAt)).encodes;
        expect(now).toBeLessThanOrEqual(old + 1);
        before += old;
        after += now;
      }
    expect(after / before).toBeLessThan(0.6);
  });

  it('is the same whatever the expectation from a larger size said, right or wrong', async () => {
    const wrong: ExpectedSizes[] = [() => 0, () => Number.POSITIVE_INFINITY, (i) => (i % 2 ? 10 : 10_000_000)];
    for (let top = 100_000; top <= 3_000_000; top += 47_000)
      for (const ratio of [0.7, 0.85, 0.9]) {
        const sizeAt = page(top, ratio);
        const expected = ladderFromTheTop(sizeAt);
        for (const hint of wrong) expect((await search(sizeAt, hint)).quality).toBe(expected.quality);
      }
  });

  it('takes two encodes at the next size down when the sizes at the larger one, scaled, held', async () => {
    // 2000 px: nothing fits (two encodes). 1700 px has 0.7225 of the pixels.
    const at2000 = page(650_000, 0.85);
    const first = await search(at2000);
    expect(first).toMatchObject({ fits: false, encodes: 2 });
    const scale = (1700 / 2000) ** 2;
    const at1700 = (q: number) => Math.round(at2000(q) * scale);
    const ladder = ladderFromTheTop(at1700);
    const second = await search(at1700, scaledSizes(first.sizes, scale));
    expect(second.quality).toBe(ladder.quality);
    expect(ladder.encodes).toBe(4);
    expect(second.encodes).toBe(2);
  });
});
