// The SKM index of PermenPANRB 14/2017 on a worked example (answers → NRR → weighted NRR → IKM →
// unit value → grade), every grade boundary, half-up rounding done exactly, and unanswered elements.
import { describe, expect, it } from 'vitest';
import {
  addTallies,
  computeIkm,
  emptyTally,
  gradeOfUnitValue,
  ikmOfTally,
  tally,
} from '../../src/domain/feedback/ikm.ts';
import { SKM_ELEMENTS, SkmAnswers, SurveyResponse } from '../../src/domain/feedback/skm.ts';

const response = (scores: number[]) => Object.fromEntries(scores.map((s, i) => [SKM_ELEMENTS[i]!, s])) as SkmAnswers;

describe('IKM (PermenPANRB 14/2017)', () => {
  // Five respondents, nine elements:
  //        U1 U2 U3 U4 U5 U6 U7 U8 U9
  //  R1     4  3  3  4  3  4  4  3  3
  //  R2     3  3  2  4  3  3  4  3  3
  //  R3     4  4  3  4  4  4  4  3  4
  //  R4     3  3  3  4  3  3  3  2  3
  //  R5     4  3  2  4  3  4  4  3  3
  //  sum   18 16 13 20 16 18 19 14 16
  //  NRR  3.6 3.2 2.6 4.0 3.2 3.6 3.8 2.8 3.2      (sum / 5)
  //  NRR×1/9 .4 .3556 .2889 .4444 .3556 .4 .4222 .3111 .3556
  //  IKM = Σ = 30 / 9 = 3.3333…; unit value = 83.333… → 83.33 → B (baik)
  const worked = [
    [4, 3, 3, 4, 3, 4, 4, 3, 3],
    [3, 3, 2, 4, 3, 3, 4, 3, 3],
    [4, 4, 3, 4, 4, 4, 4, 3, 4],
    [3, 3, 3, 4, 3, 3, 3, 2, 3],
    [4, 3, 2, 4, 3, 4, 4, 3, 3],
  ].map(response);

  it('reproduces the worked example step by step', () => {
    const r = computeIkm(worked);
    expect(r.respondents).toBe(5);
    const sums = SKM_ELEMENTS.map((e) => r.elements[e].sum);
    expect(sums).toEqual([18, 16, 13, 20, 16, 18, 19, 14, 16]);
    const nrr = SKM_ELEMENTS.map((e) => r.elements[e].nrr!);
    for (const [i, v] of [3.6, 3.2, 2.6, 4.0, 3.2, 3.6, 3.8, 2.8, 3.2].entries()) expect(nrr[i]).toBeCloseTo(v, 10);
    for (const e of SKM_ELEMENTS) expect(r.elements[e].weightedNrr).toBeCloseTo(r.elements[e].nrr! / 9, 12);
    expect(r.elements.U1.weightedNrr).toBeCloseTo(0.4, 12);
    expect(r.elements.U4.weightedNrr).toBeCloseTo(0.4444, 4);
    expect(r.ikm).toBeCloseTo(30 / 9, 12);
    expect(r.unitValue).toBe(83.33);
    expect(r.grade).toBe('B');
  });

  it('grades on the unit value rounded to 2 decimals, with no gap between intervals', () => {
    const cases: Array<[number, string]> = [
      [25, 'D'],
      [64.99, 'D'],
      [64.994, 'D'],
      [64.995, 'C'],
      [65.0, 'C'],
      [76.6, 'C'],
      [76.6049, 'C'],
      [76.605, 'B'],
      [76.61, 'B'],
      [88.3, 'B'],
      [88.304, 'B'],
      [88.305, 'A'],
      [88.31, 'A'],
      [100, 'A'],
    ];
    for (const [value, grade] of cases) expect(gradeOfUnitValue(value), String(value)).toBe(grade);
  });

  it('decides the boundaries from the answers exactly (no binary rounding noise)', () => {
    const uniform = (sum: number, answered: number) => {
      const t = emptyTally();
      t.respondents = answered;
      for (const e of SKM_ELEMENTS) t.elements[e] = { sum, answered };
      return t;
    };
    // Every NRR 2.6: unit value exactly 65.00 → C.
    expect(ikmOfTally(uniform(13, 5))).toMatchObject({ unitValue: 65, grade: 'C' });
    // Eight NRRs of 2.6 and U9 at 2.596: 25/9 × 23.396 = 64.988… → 64.99 → D.
    const below = uniform(650, 250);
    below.elements.U9 = { sum: 649, answered: 250 };
    expect(ikmOfTally(below)).toMatchObject({ unitValue: 64.99, grade: 'D' });
    // Eight NRRs of 3 and U9 at 3.5778: 25/9 × 27.5778 = 76.605 exactly → half up → 76.61 → B
    // (in floating point, 27.5778 × 25 / 9 is 76.60499…, which would give C).
    const half = uniform(15000, 5000);
    half.elements.U9 = { sum: 17889, answered: 5000 };
    expect(ikmOfTally(half)).toMatchObject({ unitValue: 76.61, grade: 'B' });
    // Every NRR 4: 100 → A; every NRR 1: 25 → D.
    expect(ikmOfTally(uniform(4, 1))).toMatchObject({ unitValue: 100, grade: 'A' });
    expect(ikmOfTally(uniform(1, 1))).toMatchObject({ unitValue: 25, grade: 'D' });
  });

  it('divides each element by the responses that answered it', () => {
    const all4 = response([4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const { U4: _skipped, ...rest } = response([2, 2, 2, 2, 2, 2, 2, 2, 2]);
    const r = computeIkm([all4, rest]);
    expect(r.respondents).toBe(2);
    expect(r.elements.U4).toMatchObject({ answered: 1, sum: 4, nrr: 4 });
    expect(r.elements.U1).toMatchObject({ answered: 2, sum: 6, nrr: 3 });
    // (8 × 3 + 4) / 9 = 3.111…; × 25 = 77.777… → 77.78 → B
    expect(r.ikm).toBeCloseTo(28 / 9, 12);
    expect(r.unitValue).toBe(77.78);
    expect(r.grade).toBe('B');
  });

  it('gives no IKM when an element has no answer at all, but still the NRRs of the others', () => {
    const { U8: _a, ...first } = response([4, 4, 4, 4, 4, 4, 4, 4, 4]);
    const { U8: _b, ...second } = response([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const r = computeIkm([first, second]);
    expect(r.elements.U8).toMatchObject({ answered: 0, nrr: null, weightedNrr: null });
    expect(r.elements.U1.nrr).toBe(3.5);
    expect(r).toMatchObject({ ikm: null, unitValue: null, grade: null, respondents: 2 });
    expect(computeIkm([])).toMatchObject({ respondents: 0, ikm: null, grade: null });
  });

  it('adds tallies as if the responses were counted together', () => {
    const together = ikmOfTally(tally(worked));
    const split = ikmOfTally(addTallies([tally(worked.slice(0, 2)), tally(worked.slice(2))]));
    expect(split).toEqual(together);
  });

  it('accepts scores 1–4 only, at least one answered, and keeps no personal data in a response', () => {
    expect(SkmAnswers.safeParse({ U1: 5 }).success).toBe(false);
    expect(SkmAnswers.safeParse({ U1: 0 }).success).toBe(false);
    expect(SkmAnswers.safeParse({ U1: 2.5 }).success).toBe(false);
    expect(SkmAnswers.safeParse({}).success).toBe(false);
    expect(SkmAnswers.safeParse({ U3: 1 }).success).toBe(true);
    const walkIn = {
      id: '01900000-0000-7000-8000-000000000000',
      serviceId: 'ktp-el-baru',
      officeId: 'kecamatan-raas',
      channel: 'kiosk',
      answers: { U1: 4 },
      profile: { ageBand: '30-39', sex: 'female', name: 'Siti' },
      name: 'Siti Aminah',
      nik: '3529014507900003',
    };
    // A walk-in response (no application) names the device it came from, by a hash of its key.
    expect(SurveyResponse.safeParse(walkIn).success).toBe(false);
    const parsed = SurveyResponse.parse({ ...walkIn, deviceKeyHash: 'a'.repeat(64) });
    expect(JSON.stringify(parsed)).not.toMatch(/Siti|3529/);
  });
});
