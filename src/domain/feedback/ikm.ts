// The community satisfaction index (IKM) of PermenPANRB 14/2017, from SKM answers:
//
//   NRR per element      = sum of its answers / number of responses that answered it
//   weighted NRR         = NRR × 1/9 (nine elements, equal weight)
//   IKM                  = Σ weighted NRR                        (1 … 4)
//   unit value (IKM × 25)                                       (25 … 100)
//   grade on the unit value: 25.00–64.99 D (tidak baik), 65.00–76.60 C (kurang baik),
//                            76.61–88.30 B (baik), 88.31–100.00 A (sangat baik)
//
// Rounding: nothing is rounded on the way (NRRs and IKM keep full precision); the unit value is
// rounded half up to 2 decimals and that rounded value is graded, so the intervals above, written
// with 2 decimals, have no gaps (76.605 → 76.61 → B; 76.6049… → 76.60 → C). The rounding is done
// in exact rational arithmetic (BigInt), so a binary float like 76.60499999 never decides a grade.
//
// When some element has no answer at all, the regulation's IKM (nine weights of 1/9) cannot be
// formed: ikm, unitValue and grade are null, the NRRs of the answered elements are still given.
import { SKM_ELEMENTS, type SkmAnswers, type SkmElement } from './skm.ts';

export type SkmGrade = 'A' | 'B' | 'C' | 'D';
/** Mutu pelayanan, as the regulation names the grades (codes; the UI translates them). */
export const GRADE_QUALITY: Record<SkmGrade, string> = {
  A: 'sangat-baik',
  B: 'baik',
  C: 'kurang-baik',
  D: 'tidak-baik',
};

export const ELEMENT_WEIGHT = 1 / SKM_ELEMENTS.length;

/** Sums and counts per element, and how many responses: what the server aggregates in SQL. */
export type SkmTally = { respondents: number; elements: Record<SkmElement, { sum: number; answered: number }> };

export type ElementIndex = { answered: number; sum: number; nrr: number | null; weightedNrr: number | null };

export type IkmResult = {
  respondents: number;
  elements: Record<SkmElement, ElementIndex>;
  /** 1 … 4, full precision; null when an element has no answer. */
  ikm: number | null;
  /** IKM × 25, rounded half up to 2 decimals; null when ikm is. */
  unitValue: number | null;
  grade: SkmGrade | null;
};

export function emptyTally(): SkmTally {
  return {
    respondents: 0,
    elements: Object.fromEntries(SKM_ELEMENTS.map((e) => [e, { sum: 0, answered: 0 }])) as SkmTally['elements'],
  };
}

export function tally(responses: Iterable<SkmAnswers>): SkmTally {
  const t = emptyTally();
  for (const answers of responses) {
    t.respondents++;
    for (const e of SKM_ELEMENTS) {
      const score = answers[e];
      if (score === undefined) continue;
      t.elements[e].sum += score;
      t.elements[e].answered++;
    }
  }
  return t;
}

/** Adds tallies (e.g. the rows of a report into its total). */
export function addTallies(tallies: Iterable<SkmTally>): SkmTally {
  const t = emptyTally();
  for (const x of tallies) {
    t.respondents += x.respondents;
    for (const e of SKM_ELEMENTS) {
      t.elements[e].sum += x.elements[e].sum;
      t.elements[e].answered += x.elements[e].answered;
    }
  }
  return t;
}

export function ikmOfTally(t: SkmTally): IkmResult {
  const elements = {} as Record<SkmElement, ElementIndex>;
  for (const e of SKM_ELEMENTS) {
    const { sum, answered } = t.elements[e];
    const nrr = answered > 0 ? sum / answered : null;
    elements[e] = { answered, sum, nrr, weightedNrr: nrr === null ? null : nrr * ELEMENT_WEIGHT };
  }
  const complete = SKM_ELEMENTS.every((e) => t.elements[e].answered > 0);
  if (!complete) return { respondents: t.respondents, elements, ikm: null, unitValue: null, grade: null };
  const ikm = SKM_ELEMENTS.reduce((acc, e) => acc + elements[e].weightedNrr!, 0);
  const cents = unitValueCents(t);
  return { respondents: t.respondents, elements, ikm, unitValue: Number(cents) / 100, grade: gradeOfCents(cents) };
}

/** The whole computation from individual responses. */
export const computeIkm = (responses: Iterable<SkmAnswers>): IkmResult => ikmOfTally(tally(responses));

/**
 * round_half_up(100 × 25 × (1/9) × Σ sum_e/answered_e), exactly: Σ sum_e/answered_e = P/Q with
 * Q = Π answered_e, so the cents are ⌊(2·2500·P + 9Q) / (2·9Q)⌋.
 */
function unitValueCents(t: SkmTally): bigint {
  let q = 1n;
  for (const e of SKM_ELEMENTS) q *= BigInt(t.elements[e].answered);
  let p = 0n;
  for (const e of SKM_ELEMENTS) p += (BigInt(t.elements[e].sum) * q) / BigInt(t.elements[e].answered);
  const n = BigInt(SKM_ELEMENTS.length);
  return (2n * 2500n * p + n * q) / (2n * n * q);
}

function gradeOfCents(cents: bigint): SkmGrade {
  if (cents <= 6499n) return 'D';
  if (cents <= 7660n) return 'C';
  if (cents <= 8830n) return 'B';
  return 'A';
}

/**
 * The grade of a unit value given as a number (e.g. typed or read from a report): rounded half up to
 * 2 decimals first, as above. `toPrecision(12)` removes binary noise (76.605 × 100 = 7660.4999…).
 */
export function gradeOfUnitValue(unitValue: number): SkmGrade {
  const cents = Math.round(Number((unitValue * 100).toPrecision(12)));
  return gradeOfCents(BigInt(cents));
}

/** Rounds half up to 2 decimals as the grade does (for display of NRRs and the IKM). */
export const round2 = (n: number): number => Math.round(Number((n * 100).toPrecision(12))) / 100;
