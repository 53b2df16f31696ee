// The service clock against worked examples: working days that skip national holidays and cuti
// bersama (SKB 2026), a pause while the office waits for a correction, the stop at ready, and an
// appointment measured from its visit.
import { describe, expect, it } from 'vitest';
import { isFinal } from '../../src/domain/backoffice/application-status.ts';
import type { CompletionTime } from '../../src/domain/catalogue/service.ts';
import type { ApplicationStatus } from '../../src/domain/submissions/submission.ts';
import {
  addWorkingMs,
  appointmentVisitDate,
  baseDueAt,
  clockEffect,
  clockFromHistory,
  clockStart,
  dueAt,
  isOverdue,
  metStandard,
  workingCalendar,
  workingMsBetween,
} from '../../src/domain/time/service-clock.ts';

/** A WIB wall-clock time as epoch milliseconds. */
const wib = (local: string): number => Date.parse(`${local}+07:00`);
const iso = (ms: number): string => new Date(ms).toISOString();

// The days of March and May 2026 that the SKB (No. 1497/2025, 2/2025, 5/2025) takes off work.
const SKB_2026 = [
  '2026-03-18', // cuti bersama Nyepi
  '2026-03-19', // Nyepi
  '2026-03-20', // cuti bersama Idulfitri
  '2026-03-21', // Idulfitri (Saturday)
  '2026-03-22', // Idulfitri (Sunday)
  '2026-03-23', // cuti bersama Idulfitri
  '2026-03-24', // cuti bersama Idulfitri
  '2026-05-14', // Kenaikan Yesus Kristus
  '2026-05-15', // cuti bersama
];
const calendar = workingCalendar(SKB_2026);
const mondayToFriday = workingCalendar([]);

const days = (value: number): CompletionTime => ({ value, unit: 'working-days' });

describe('working days', () => {
  it('skip the national holidays and cuti bersama of the Idulfitri week', () => {
    // Received Monday 16 March 10:00. Working days after it: Tue 17 (1); 18–24 are all off;
    // Wed 25 (2), Thu 26 (3): due at the end of Thursday 26 March.
    const due = baseDueAt(wib('2026-03-16T10:00'), days(3), calendar);
    expect(iso(due)).toBe(iso(wib('2026-03-27T00:00')));
    // Counting Monday to Friday only (the old rule), it was due a week earlier.
    expect(iso(baseDueAt(wib('2026-03-16T10:00'), days(3), mondayToFriday))).toBe(iso(wib('2026-03-20T00:00')));
  });

  it('skip a national holiday followed by a day of cuti bersama', () => {
    // Received Wednesday 13 May; Thu 14 (Kenaikan) and Fri 15 (cuti bersama) are off: Mon 18, Tue 19.
    expect(iso(baseDueAt(wib('2026-05-13T14:00'), days(2), calendar))).toBe(iso(wib('2026-05-20T00:00')));
  });

  it('count working time only inside working days', () => {
    // Friday 13 March 18:00 → Wednesday 25 March 06:00: 6 h of Friday, Mon 16 and Tue 17 whole, 6 h of Wed 25.
    expect(workingMsBetween(wib('2026-03-13T18:00'), wib('2026-03-25T06:00'), 'working-days', calendar)).toBe(
      60 * 3_600_000,
    );
    // Adding 30 h from Tuesday 17 March 12:00: 12 h that day, then nothing until Wed 25, 18 h into it.
    expect(iso(addWorkingMs(wib('2026-03-17T12:00'), 30 * 3_600_000, 'working-days', calendar))).toBe(
      iso(wib('2026-03-25T18:00')),
    );
    // Minutes and hours run on every instant.
    expect(workingMsBetween(wib('2026-03-19T10:00'), wib('2026-03-19T11:00'), 'hours', calendar)).toBe(3_600_000);
  });

  it('refuse a calendar with no working day rather than loop', () => {
    const never = { isWorkingDay: () => false };
    expect(() => baseDueAt(wib('2026-03-16T10:00'), days(1), never)).toThrow(RangeError);
  });
});

describe('an application', () => {
  const at = (local: string, from: ApplicationStatus | null, to: ApplicationStatus) => ({ at: wib(local), from, to });

  it('pauses while the office waits for the resident’s correction', () => {
    // KTP-el replacement, 3 working days, received Monday 2 November 09:00: due at the end of Thu 5.
    const start = wib('2026-11-02T09:00');
    const waiting = clockFromHistory(
      start,
      [at('2026-11-02T09:30', 'received', 'verifying'), at('2026-11-03T10:00', 'verifying', 'needs-correction')],
      isFinal,
    );
    // Friday 6 November is past the unpaused due time, but the clock stopped on Tuesday with time to spare.
    expect(iso(dueAt(waiting, days(3), calendar))).toBe(iso(wib('2026-11-06T00:00')));
    expect(isOverdue(waiting, days(3), calendar, wib('2026-11-06T12:00'))).toBe(false);

    // The resident resubmits on Monday 9 November 10:00: the pause took 14 h of Tuesday, Wed, Thu, Fri
    // and 10 h of Monday = 4 working days, so the due time moves from Thu 5 to the end of Wed 11.
    const moves = [
      at('2026-11-02T09:30', 'received', 'verifying'),
      at('2026-11-03T10:00', 'verifying', 'needs-correction'),
      at('2026-11-09T10:00', 'needs-correction', 'verifying'),
      at('2026-11-10T08:00', 'verifying', 'processing'),
      at('2026-11-11T15:00', 'processing', 'ready'),
      at('2026-11-16T09:00', 'ready', 'completed'),
    ];
    const resumed = clockFromHistory(start, moves.slice(0, 3), isFinal);
    expect(resumed.pauses).toEqual([{ from: wib('2026-11-03T10:00'), to: wib('2026-11-09T10:00') }]);
    expect(iso(dueAt(resumed, days(3), calendar))).toBe(iso(wib('2026-11-12T00:00')));
    expect(isOverdue(resumed, days(3), calendar, wib('2026-11-11T23:59'))).toBe(false);
    expect(isOverdue(resumed, days(3), calendar, wib('2026-11-12T00:01'))).toBe(true);

    // Ready on Wednesday 11 at 15:00: on time, although handed over the next Monday (the clock stopped at ready).
    const done = clockFromHistory(start, moves, isFinal);
    expect(done.stoppedAt).toBe(wib('2026-11-11T15:00'));
    expect(metStandard(done, days(3), calendar)).toBe(true);
    expect(isOverdue(done, days(3), calendar, wib('2026-12-01T00:00'))).toBe(false);
    // Without the pause the same application was late.
    const unpaused = clockFromHistory(start, [moves[0]!, moves[4]!], isFinal);
    expect(metStandard(unpaused, days(3), calendar)).toBe(false);
  });

  it('stays overdue when sent back after its due time', () => {
    const start = wib('2026-11-02T09:00');
    const late = clockFromHistory(
      start,
      [
        at('2026-11-09T10:00', 'verifying', 'needs-correction'),
        at('2026-11-20T10:00', 'needs-correction', 'verifying'),
      ],
      isFinal,
    );
    expect(isOverdue(late, days(3), calendar, wib('2026-11-20T10:01'))).toBe(true);
  });

  it('stops at a final state that is not ready, without meeting or missing the standard', () => {
    const rejected = clockFromHistory(
      wib('2026-11-02T09:00'),
      [at('2026-11-03T09:00', 'verifying', 'needs-correction'), at('2026-11-30T09:00', 'needs-correction', 'rejected')],
      isFinal,
    );
    expect(rejected.stoppedAt).toBe(wib('2026-11-30T09:00'));
    expect(rejected.readyAt).toBeNull();
    expect(metStandard(rejected, days(3), calendar)).toBeNull();
    expect(isOverdue(rejected, days(3), calendar, wib('2026-12-30T09:00'))).toBe(false);
  });

  it('knows which moves pause, resume and stop it', () => {
    expect(clockEffect('verifying', 'needs-correction', isFinal)).toBe('pause');
    expect(clockEffect('needs-correction', 'verifying', isFinal)).toBe('resume');
    expect(clockEffect('processing', 'ready', isFinal)).toBe('stop');
    expect(clockEffect('needs-correction', 'rejected', isFinal)).toBe('stop');
    // A final state the state machine may add later counts as a stop too.
    expect(clockEffect('needs-correction', 'verifying', (s) => s === 'verifying')).toBe('stop');
    expect(clockEffect('received', 'verifying', isFinal)).toBe('none');
  });
});

describe('an appointment service', () => {
  const quarterHour: CompletionTime = { value: 15, unit: 'minutes' };
  const PUSKESMAS_HOURS = [
    { day: 4, open: '07:30', close: '12:00' },
    { day: 4, open: '13:00', close: '14:00' },
  ];

  it('is measured from the visit, not from the booking', () => {
    // Booked on Monday 7 December 20:00 for Thursday 10 December; the Puskesmas opens at 07:30 that day.
    const booked = wib('2026-12-07T20:00');
    const start = clockStart(booked, '2026-12-10', PUSKESMAS_HOURS);
    expect(iso(start)).toBe(iso(wib('2026-12-10T07:30')));
    const clock = clockFromHistory(start, [], isFinal);
    expect(iso(dueAt(clock, quarterHour, calendar))).toBe(iso(wib('2026-12-10T07:45')));
    // The old rule called it overdue at 20:15 on the day it was booked.
    expect(isOverdue(clock, quarterHour, calendar, wib('2026-12-07T20:16'))).toBe(false);
    expect(isOverdue(clock, quarterHour, calendar, wib('2026-12-10T07:46'))).toBe(true);
    const served = clockFromHistory(start, [{ at: wib('2026-12-10T07:40'), from: 'processing', to: 'ready' }], isFinal);
    expect(metStandard(served, quarterHour, calendar)).toBe(true);
  });

  it('is flagged by the service standard, never by a field name', () => {
    const booked = wib('2026-12-07T20:00');
    const answers = { visitDate: '2026-12-10', checkDate: '2026-12-11' };
    // Not flagged: a field called visitDate is an answer like any other.
    expect(appointmentVisitDate(undefined, answers)).toBeNull();
    expect(clockStart(booked, appointmentVisitDate(undefined, answers), PUSKESMAS_HOURS)).toBe(booked);
    // Flagged, whatever the field is called.
    expect(appointmentVisitDate({ visitDateField: 'visitDate' }, answers)).toBe('2026-12-10');
    expect(appointmentVisitDate({ visitDateField: 'checkDate' }, answers)).toBe('2026-12-11');
    expect(clockStart(booked, appointmentVisitDate({ visitDateField: 'visitDate' }, answers), PUSKESMAS_HOURS)).toBe(
      wib('2026-12-10T07:30'),
    );
    // Flagged, but the answer is missing or not a date string.
    expect(appointmentVisitDate({ visitDateField: 'visitDate' }, {})).toBeNull();
    expect(appointmentVisitDate({ visitDateField: 'visitDate' }, { visitDate: 20261210 })).toBeNull();
    expect(appointmentVisitDate({ visitDateField: 'toString' }, {})).toBeNull();
  });

  it('starts at the booking when it arrives on the day, after opening, or without a usable date', () => {
    expect(clockStart(wib('2026-12-10T09:00'), '2026-12-10', PUSKESMAS_HOURS)).toBe(wib('2026-12-10T09:00'));
    expect(clockStart(wib('2026-12-10T09:00'), null, PUSKESMAS_HOURS)).toBe(wib('2026-12-10T09:00'));
    expect(clockStart(wib('2026-12-07T09:00'), 'tomorrow', PUSKESMAS_HOURS)).toBe(wib('2026-12-07T09:00'));
    // Hours unknown for that weekday: from the start of the day.
    expect(clockStart(wib('2026-12-07T09:00'), '2026-12-12', PUSKESMAS_HOURS)).toBe(wib('2026-12-12T00:00'));
  });
});
