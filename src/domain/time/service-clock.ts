// The service clock of the standard's completion time (Jangka waktu penyelesaian, issue 16): it
// counts working days from a holiday calendar (national holidays, cuti bersama and regional days the
// administrator enters; a year nobody entered counts Monday to Friday only, never guessed holidays),
// pauses while the office waits for the resident's correction, stops when the application is ready
// (or reaches a final state without being ready), and for appointment services starts at the visit.
//
// Working time: for a standard in minutes or hours every instant counts; in working days only the
// instants inside working days (Monday to Friday in WIB, not a holiday) count. A pause moves the due
// time on by the working time it lasted, so a correction awaited over a weekend costs nothing.

import type { OpeningPeriod } from '../catalogue/office.ts';
import type { CompletionTime } from '../catalogue/service.ts';
import type { ApplicationStatus } from '../submissions/submission.ts';
import { addDays, MINUTE_MS, WIB_OFFSET_MS, wibClock } from './wib.ts';

/** Which WIB calendar days are working days. */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
}

/** Monday to Friday, except the given holidays (YYYY-MM-DD, WIB). */
export function workingCalendar(holidays: Iterable<string>): WorkingCalendar {
  const off = new Set(holidays);
  return {
    isWorkingDay(date) {
      const day = new Date(`${date}T00:00:00Z`).getUTCDay();
      return day !== 0 && day !== 6 && !off.has(date);
    },
  };
}

/** The instant a WIB calendar day begins. */
export const wibDayStart = (date: string): number => Date.parse(`${date}T00:00:00Z`) - WIB_OFFSET_MS;

/** No standard spans more than this many calendar days of search: a calendar without working days is a mistake. */
const SEARCH_DAYS = 3660;

function noWorkingDays(): never {
  throw new RangeError('service clock: no working day within ten years');
}

/** Working time (ms) between two instants. */
export function workingMsBetween(from: number, to: number, unit: CompletionTime['unit'], cal: WorkingCalendar): number {
  if (to <= from) return 0;
  if (unit !== 'working-days') return to - from;
  let total = 0;
  let t = from;
  for (let days = 0; t < to; days++) {
    if (days > SEARCH_DAYS) noWorkingDays();
    const date = wibClock(new Date(t)).date;
    const end = wibDayStart(addDays(date, 1));
    if (cal.isWorkingDay(date)) total += Math.min(end, to) - t;
    t = end;
  }
  return total;
}

/** The earliest instant `ms` of working time after `from`. */
export function addWorkingMs(from: number, ms: number, unit: CompletionTime['unit'], cal: WorkingCalendar): number {
  if (unit !== 'working-days') return from + ms;
  let remaining = ms;
  let t = from;
  for (let days = 0; remaining > 0; days++) {
    if (days > SEARCH_DAYS) noWorkingDays();
    const date = wibClock(new Date(t)).date;
    const end = wibDayStart(addDays(date, 1));
    if (cal.isWorkingDay(date)) {
      if (remaining <= end - t) return t + remaining;
      remaining -= end - t;
    }
    t = end;
  }
  return t;
}

/**
 * The due time without pauses: minutes and hours after the start; N working days: at the end
 * (24:00 WIB) of the Nth working day after the day the clock started (that day does not count).
 */
export function baseDueAt(start: number, standard: CompletionTime, cal: WorkingCalendar): number {
  switch (standard.unit) {
    case 'minutes':
      return start + standard.value * MINUTE_MS;
    case 'hours':
      return start + standard.value * 60 * MINUTE_MS;
    case 'working-days': {
      let date = wibClock(new Date(start)).date;
      for (let counted = 0, days = 0; counted < standard.value; days++) {
        if (days > SEARCH_DAYS) noWorkingDays();
        date = addDays(date, 1);
        if (cal.isWorkingDay(date)) counted++;
      }
      return wibDayStart(addDays(date, 1));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Appointments

/**
 * The visit date of an appointment: the answer to the date field the service standard flags
 * (`appointment.visitDateField`); null for any other service, whatever its fields are called.
 */
export function appointmentVisitDate(
  appointment: { visitDateField: string } | null | undefined,
  answers: Readonly<Record<string, unknown>> | null | undefined,
): string | null {
  if (!appointment || !answers || !Object.hasOwn(answers, appointment.visitDateField)) return null;
  const value = answers[appointment.visitDateField];
  return typeof value === 'string' ? value : null;
}

const clockMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the clock starts: the receipt, or for an appointment the office's first opening on the visit
 * date (midnight WIB when the office's hours for that weekday are unknown), whichever is later.
 */
export function clockStart(receivedAt: number, visitDate?: string | null, hours?: readonly OpeningPeriod[]): number {
  if (!visitDate || !/^\d{4}-\d{2}-\d{2}$/.test(visitDate) || Number.isNaN(Date.parse(`${visitDate}T00:00:00Z`)))
    return receivedAt;
  const weekday = new Date(`${visitDate}T00:00:00Z`).getUTCDay() || 7;
  const opens = (hours ?? []).filter((p) => p.day === weekday).map((p) => clockMinutes(p.open));
  const opening = wibDayStart(visitDate) + (opens.length ? Math.min(...opens) : 0) * MINUTE_MS;
  return Math.max(receivedAt, opening);
}

// ---------------------------------------------------------------------------------------------
// The clock of one application

/** What a change of status does to the clock. */
export type ClockEffect = 'pause' | 'resume' | 'stop' | 'none';

/** The office waits for the resident in this state. */
export const WAITING_FOR_RESIDENT: ApplicationStatus = 'needs-correction';

/**
 * A move from `from` to `to`: into needs-correction pauses; ready, or any final state (`isFinal`, so
 * states added later count too), stops; out of needs-correction into anything else resumes.
 */
export function clockEffect(
  from: ApplicationStatus | null,
  to: ApplicationStatus,
  isFinal: (s: ApplicationStatus) => boolean,
): ClockEffect {
  if (to === 'ready' || isFinal(to)) return 'stop';
  if (to === WAITING_FOR_RESIDENT) return from === WAITING_FOR_RESIDENT ? 'none' : 'pause';
  return from === WAITING_FOR_RESIDENT ? 'resume' : 'none';
}

export type ClockPause = { from: number; to: number };

/** An application's clock: when it started, its closed pauses, a pause under way, when it stopped. */
export type ClockState = {
  start: number;
  pauses: readonly ClockPause[];
  pausedSince: number | null;
  stoppedAt: number | null;
  /** When it became ready (null when it never did: rejected, withdrawn…); compliance is measured here. */
  readyAt: number | null;
};

/** The clock after a move at `at` (a stop closes a pause under way). */
export function applyMove(state: ClockState, effect: ClockEffect, to: ApplicationStatus, at: number): ClockState {
  if (state.stoppedAt !== null) return state;
  switch (effect) {
    case 'pause':
      return state.pausedSince === null ? { ...state, pausedSince: at } : state;
    case 'resume':
      return state.pausedSince === null
        ? state
        : { ...state, pauses: [...state.pauses, { from: state.pausedSince, to: at }], pausedSince: null };
    case 'stop': {
      const pauses = state.pausedSince === null ? state.pauses : [...state.pauses, { from: state.pausedSince, to: at }];
      return { ...state, pauses, pausedSince: null, stoppedAt: at, readyAt: to === 'ready' ? at : null };
    }
    case 'none':
      return state;
  }
}

/** The clock of an application from its history of moves (oldest first). */
export function clockFromHistory(
  start: number,
  moves: readonly { at: number; from: ApplicationStatus | null; to: ApplicationStatus }[],
  isFinal: (s: ApplicationStatus) => boolean,
): ClockState {
  let state: ClockState = { start, pauses: [], pausedSince: null, stoppedAt: null, readyAt: null };
  for (const m of moves) state = applyMove(state, clockEffect(m.from, m.to, isFinal), m.to, m.at);
  return state;
}

/**
 * The due time counting the closed pauses (a pause under way is not counted: while it lasts the
 * application is overdue only if it already was when the pause began, see `isOverdue`).
 */
export function dueAt(state: ClockState, standard: CompletionTime, cal: WorkingCalendar): number {
  const base = baseDueAt(state.start, standard, cal);
  // A pause before the clock started (an appointment sent back before its visit) costs nothing.
  const paused = state.pauses.reduce(
    (sum, p) => sum + workingMsBetween(Math.max(p.from, state.start), p.to, standard.unit, cal),
    0,
  );
  return addWorkingMs(base, paused, standard.unit, cal);
}

/** Running, and past its due time at `now` (or at the start of the pause under way). */
export function isOverdue(state: ClockState, standard: CompletionTime, cal: WorkingCalendar, now: number): boolean {
  if (state.stoppedAt !== null) return false;
  return dueAt(state, standard, cal) < (state.pausedSince ?? now);
}

/** Whether it became ready within the standard; null while it is not ready (or never was). */
export function metStandard(state: ClockState, standard: CompletionTime, cal: WorkingCalendar): boolean | null {
  return state.readyAt === null ? null : state.readyAt <= dueAt(state, standard, cal);
}
