// Complaint due times in working days on the holiday calendar (issue 16): worked examples, counted by
// hand from the 2026 SKB calendar (a complaint is due at 24:00 WIB = 17:00 UTC of its last day).
import { describe, expect, it } from 'vitest';
import { COMPLAINT_REOPEN_DAYS, complaintDueAt, reopenableUntil } from '../../src/domain/feedback/complaint.ts';
import { workingCalendar } from '../../src/domain/time/service-clock.ts';

/** The 2026 days off around the examples (seeded by 0020_service_clock.sql). */
const HOLIDAYS_2026 = [
  '2026-03-18', // cuti bersama Nyepi
  '2026-03-19', // Nyepi
  '2026-03-20', // cuti bersama Idulfitri
  '2026-03-21', // Idulfitri (Saturday)
  '2026-03-22', // Idulfitri (Sunday)
  '2026-03-23', // cuti bersama Idulfitri
  '2026-03-24', // cuti bersama Idulfitri
  '2026-12-24', // cuti bersama Natal
  '2026-12-25', // Natal
];
const cal = workingCalendar(HOLIDAYS_2026);
const weekdaysOnly = workingCalendar([]);
const wib = (local: string) => Date.parse(`${local}+07:00`);
const iso = (ms: number) => new Date(ms).toISOString();

describe('complaint due times on the holiday calendar', () => {
  it('skips Christmas and its cuti bersama: a question filed Thursday 17 December is due Monday 28th', () => {
    // Working days after the 17th: Fri 18, Mon 21, Tue 22, Wed 23 (Thu 24 and Fri 25 off), Mon 28.
    expect(iso(complaintDueAt(wib('2026-12-17T10:00:00'), 'information', cal))).toBe('2026-12-28T17:00:00.000Z');
    // Monday to Friday only it would have been Thursday the 24th, a day the office is closed.
    expect(iso(complaintDueAt(wib('2026-12-17T10:00:00'), 'information', weekdaysOnly))).toBe(
      '2026-12-24T17:00:00.000Z',
    );
  });

  it('skips the Nyepi and Idulfitri week: a question filed Tuesday 17 March is due Tuesday 31st', () => {
    // 18–24 March are all off; Wed 25, Thu 26, Fri 27, Mon 30, Tue 31.
    expect(iso(complaintDueAt(wib('2026-03-17T09:30:00'), 'information', cal))).toBe('2026-03-31T17:00:00.000Z');
    expect(iso(complaintDueAt(wib('2026-03-17T09:30:00'), 'information', weekdaysOnly))).toBe(
      '2026-03-24T17:00:00.000Z',
    );
  });

  it('counts a service-quality complaint’s 14 working days across the Christmas week', () => {
    // Filed Friday 4 December: 7–11 (5), 14–18 (10), 21–23 (13), 24–25 off, Mon 28 (14).
    expect(iso(complaintDueAt(wib('2026-12-04T15:00:00'), 'service-quality', cal))).toBe('2026-12-28T17:00:00.000Z');
  });

  it('does not count the day of receipt, nor a weekend it arrives on; reclassifying keeps the start', () => {
    const saturday = wib('2026-12-05T20:00:00');
    expect(iso(complaintDueAt(saturday, 'information', cal))).toBe('2026-12-11T17:00:00.000Z');
    // The same complaint reclassified as misconduct: 60 working days from the same Saturday (no 2027
    // days off entered here): 17 in December after the two off, 21 in January, 20 in February, 2 in March.
    expect(iso(complaintDueAt(saturday, 'misconduct', cal))).toBe('2027-03-02T17:00:00.000Z');
    // Counting the two December days off as working days ends on the Friday before.
    expect(iso(complaintDueAt(saturday, 'misconduct', weekdaysOnly))).toBe('2027-02-26T17:00:00.000Z');
  });

  it(`may be reopened for ${COMPLAINT_REOPEN_DAYS} calendar days after the last answer`, () => {
    expect(iso(reopenableUntil(Date.parse('2026-12-28T03:00:00.000Z')))).toBe('2027-01-11T03:00:00.000Z');
  });
});
