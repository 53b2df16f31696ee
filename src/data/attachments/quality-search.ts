// Which JPEG quality a page photo is stored at: the highest of the ladder whose encode fits the byte
// budget, the same answer as trying the ladder from the top, with fewer encodes. A full-size JPEG
// encode is the slowest step on a cheap phone (~0.3 s each at 2000 px with the CPU slowed 4×), and a
// noisy low-light photo used to cost five of them at every size it did not fit, fifteen in all.
//
// A JPEG's size falls as its quality falls, by a roughly even factor a step down the ladder. The first
// encode's overshoot says how many steps the budget is away; the step that should fit is tried next
// (the lowest at once when even it should not, so a hopeless size costs two encodes, not five), then
// the sizes known on both sides place each further guess until the answer is pinned between an
// encode over budget and the one just below it that fits. When a page is shrunk because nothing fit,
// the sizes seen at the larger size, scaled by the pixels, place the first guess at the smaller one.

export type QualityChoice = {
  blob: Blob;
  quality: number;
  /** False when even the lowest quality is over budget: the caller shrinks the page, or keeps this at the floor. */
  fits: boolean;
  /** How many encodes it took. */
  encodes: number;
  /** The bytes of each encode made, by ladder index. */
  sizes: ReadonlyMap<number, number>;
};

/** The bytes expected of the encode at each ladder index, before any is made. */
export type ExpectedSizes = (index: number) => number;

/**
 * How much a JPEG of a photographed page shrinks a step down the ladder (0.08 of quality) before any
 * encode of this page has said otherwise; only where the first guess lands depends on it, never the answer.
 */
const STEP_RATIO = 0.85;

/**
 * The highest `qualities` entry (ordered from high to low) whose encode is at most `maxBytes`, or the
 * lowest entry's encode when none is.
 */
export async function highestQualityWithinBudget(
  encode: (quality: number) => Promise<Blob>,
  qualities: readonly number[],
  maxBytes: number,
  expected?: ExpectedSizes,
): Promise<QualityChoice> {
  if (qualities.length === 0) throw new Error('no qualities to try');
  const blobs = new Map<number, Blob>();
  const size = (i: number) => blobs.get(i)!.size;
  const last = qualities.length - 1;
  // Invariant: every index up to `over` is over budget; `within` (once known) fits, and so does every
  // index after it. The answer is the lowest index that fits.
  let over = -1;
  let within: number | undefined;
  let next = 0;
  if (expected) while (next < last && expected(next) > maxBytes) next++;
  const choice = (i: number, fits: boolean): QualityChoice => ({
    blob: blobs.get(i)!,
    quality: qualities[i]!,
    fits,
    encodes: blobs.size,
    sizes: new Map([...blobs].map(([k, b]) => [k, b.size])),
  });
  for (;;) {
    const blob = await encode(qualities[next]!);
    blobs.set(next, blob);
    if (blob.size <= maxBytes) within = next;
    else over = next;
    if (within === over + 1) return choice(within, true);
    if (over === last) return choice(last, false);
    if (within === undefined)
      next = Math.min(last, over + stepsToBudget(size(over), maxBytes, observedRatio(blobs, over)));
    // Started below the top on an expectation and it fitted: the step above settles it if the expectation held.
    else if (over === -1) next = within - 1;
    else next = between(over, size(over), within, size(within), maxBytes);
  }
}

/** Steps down the ladder until `bytes` shrinks to the budget, at `ratio` a step; at least one. */
function stepsToBudget(bytes: number, maxBytes: number, ratio: number): number {
  return Math.max(1, Math.ceil(Math.log(maxBytes / bytes) / Math.log(ratio)));
}

/** The step ratio this page showed between its two lowest encodes over budget, or the prior. */
function observedRatio(blobs: Map<number, Blob>, over: number): number {
  const earlier = [...blobs.keys()].filter((i) => i < over).sort((a, b) => b - a)[0];
  if (earlier === undefined) return STEP_RATIO;
  const ratio = (blobs.get(over)!.size / blobs.get(earlier)!.size) ** (1 / (over - earlier));
  return ratio > 0 && ratio < 1 ? ratio : STEP_RATIO;
}

/**
 * Where the budget falls strictly between `over` and `within`, if size fell by an even factor a step
 * between them: the first step estimated to fit.
 */
function between(over: number, overSize: number, within: number, withinSize: number, maxBytes: number): number {
  const ratio = (withinSize / overSize) ** (1 / (within - over));
  const estimate = ratio > 0 && ratio < 1 ? over + stepsToBudget(overSize, maxBytes, ratio) : (over + within) >> 1;
  return Math.min(within - 1, Math.max(over + 1, estimate));
}

/**
 * What each ladder index should weigh on a page `scale` times the pixels of the one that gave `sizes`:
 * the sizes seen, scaled, and between or beyond them an even factor a step.
 */
export function scaledSizes(sizes: ReadonlyMap<number, number>, scale: number): ExpectedSizes {
  const known = [...sizes].sort(([a], [b]) => a - b);
  return (index) => {
    const below = known.filter(([i]) => i <= index).at(-1);
    const above = known.find(([i]) => i >= index);
    let bytes: number;
    if (below && above && below[0] !== above[0]) {
      const ratio = (above[1] / below[1]) ** (1 / (above[0] - below[0]));
      bytes = below[1] * ratio ** (index - below[0]);
    } else if (below) bytes = below[1] * STEP_RATIO ** (index - below[0]);
    else if (above) bytes = above[1] / STEP_RATIO ** (above[0] - index);
    else bytes = Number.POSITIVE_INFINITY;
    return bytes * scale;
  };
}
