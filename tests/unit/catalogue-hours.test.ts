// Opening hours in WIB: the day boundary, period edges, a lunch break, Friday's short hours,
// closures and changed hours announced for a period, the next opening, and announcement order.
import { describe, expect, it } from 'vitest';
import { Announcement } from '../../src/domain/catalogue/announcement.ts';
import { announcementsFor, effectiveHours, openStatus } from '../../src/domain/catalogue/hours.ts';
import { Office, type OpeningPeriod } from '../../src/domain/catalogue/office.ts';
import { wibClock } from '../../src/domain/time/wib.ts';

// The week of the fixtures: Sunday 22 November 2026, then Monday 23 … Monday 30 November.
/** A WIB wall-clock time as an instant. */
const wib = (local: string): Date => new Date(`${local}+07:00`);

const weekdays = (open: string, close: string, days = [1, 2, 3, 4]): OpeningPeriod[] =>
  days.map((day) => ({ day, open, close }));

const KANTOR = Office.parse({
  id: 'kecamatan-raas',
  type: 'kecamatan',
  name: { id: "Kantor Kecamatan Ra'as", en: "Ra'as District Office" },
  regencyCode: '35.29',
  districtCode: '35.29.22',
  island: { code: '35.29.40012', name: "Ra'as" },
  address: "Jl. Raya Ra'as 1",
  // Monday–Thursday with a lunch break, Friday short hours, closed at the weekend.
  hours: [...weekdays('13:00', '15:00'), ...weekdays('08:00', '12:00'), { day: 5, open: '08:00', close: '11:00' }],
  contacts: { phone: '+62328123456' },
  hasKiosk: false,
  updatedAt: '2026-11-01T08:00:00+07:00',
});

let seq = 0;
function announcement(
  kind: Announcement['kind'],
  validFrom: string,
  validUntil?: string,
  extra: { officeIds?: string[]; hours?: OpeningPeriod[] } = {},
): Announcement {
  seq += 1;
  return Announcement.parse({
    id: `pengumuman-${seq}`,
    kind,
    officeIds: extra.officeIds ?? [KANTOR.id],
    title: { id: `Pengumuman ${seq}`, en: `Notice ${seq}` },
    body: { id: 'Isi pengumuman', en: 'Notice text' },
    validFrom,
    ...(validUntil === undefined ? {} : { validUntil }),
    ...(extra.hours === undefined ? {} : { hours: extra.hours }),
    updatedAt: '2026-11-01T08:00:00+07:00',
  });
}

describe('wibClock', () => {
  it('crosses the day boundary at 17:00 UTC', () => {
    expect(wibClock(new Date('2026-11-22T17:30:00Z'))).toEqual({ day: 1, minutes: 30, date: '2026-11-23' });
    expect(wibClock(new Date('2026-11-22T16:59:59Z'))).toEqual({ day: 7, minutes: 23 * 60 + 59, date: '2026-11-22' });
    expect(wibClock(new Date('2026-11-22T17:00:00Z'))).toEqual({ day: 1, minutes: 0, date: '2026-11-23' });
  });

  it('crosses the year boundary and counts whole minutes', () => {
    expect(wibClock(new Date('2026-12-31T17:05:59.999Z'))).toEqual({ day: 5, minutes: 5, date: '2027-01-01' });
  });

  it('reads instants written with any offset', () => {
    expect(wibClock(new Date('2026-11-23T09:15:00+08:00'))).toEqual({
      day: 1,
      minutes: 8 * 60 + 15,
      date: '2026-11-23',
    });
  });

  it('rejects an invalid date', () => {
    expect(() => wibClock(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('openStatus: regular hours', () => {
  const isOpen = (local: string) => openStatus(KANTOR, [], wib(local)).open;

  it('opens at the opening minute and closes at the closing minute', () => {
    expect(isOpen('2026-11-23T07:59:59')).toBe(false);
    expect(isOpen('2026-11-23T08:00:00')).toBe(true);
    expect(isOpen('2026-11-23T14:59:59')).toBe(true);
    expect(isOpen('2026-11-23T15:00:00')).toBe(false);
  });

  it('is closed over the lunch break', () => {
    expect(isOpen('2026-11-23T11:59:00')).toBe(true);
    expect(isOpen('2026-11-23T12:00:00')).toBe(false);
    expect(isOpen('2026-11-23T12:59:00')).toBe(false);
    expect(isOpen('2026-11-23T13:00:00')).toBe(true);
  });

  it('keeps Friday short hours and the weekend closed', () => {
    expect(isOpen('2026-11-27T10:59:00')).toBe(true);
    expect(isOpen('2026-11-27T11:00:00')).toBe(false);
    expect(isOpen('2026-11-27T13:30:00')).toBe(false);
    expect(isOpen('2026-11-28T10:00:00')).toBe(false);
    expect(isOpen('2026-11-29T10:00:00')).toBe(false);
  });

  it("uses the WIB weekday, not UTC's: Sunday 17:30 UTC is Monday 00:30 WIB", () => {
    const status = openStatus(KANTOR, [], new Date('2026-11-22T17:30:00Z'));
    expect(status.open).toBe(false);
    expect(status.today.map((p) => p.day)).toEqual([1, 1]);
    expect(status.next).toEqual({ day: 1, open: '08:00', date: '2026-11-23' });
  });

  it("lists today's periods earliest first", () => {
    const status = openStatus(KANTOR, [], wib('2026-11-23T10:00:00'));
    expect(status.today).toEqual([
      { day: 1, open: '08:00', close: '12:00' },
      { day: 1, open: '13:00', close: '15:00' },
    ]);
    expect(openStatus(KANTOR, [], wib('2026-11-27T10:00:00')).today).toEqual([
      { day: 5, open: '08:00', close: '11:00' },
    ]);
    expect(openStatus(KANTOR, [], wib('2026-11-28T10:00:00')).today).toEqual([]);
    expect(openStatus(KANTOR, [], wib('2026-11-23T10:00:00')).closedBy).toBeUndefined();
    expect(openStatus(KANTOR, [], wib('2026-11-23T10:00:00')).changedBy).toBeUndefined();
  });
});

describe('openStatus: next opening', () => {
  const next = (local: string, announcements: Announcement[] = []) =>
    openStatus(KANTOR, announcements, wib(local)).next;

  it('is later today: before opening, over lunch, and while open (after lunch)', () => {
    expect(next('2026-11-23T06:00:00')).toEqual({ day: 1, open: '08:00', date: '2026-11-23' });
    expect(next('2026-11-23T12:30:00')).toEqual({ day: 1, open: '13:00', date: '2026-11-23' });
    expect(next('2026-11-23T09:00:00')).toEqual({ day: 1, open: '13:00', date: '2026-11-23' });
  });

  it('is the next day after closing time', () => {
    expect(next('2026-11-23T15:00:00')).toEqual({ day: 2, open: '08:00', date: '2026-11-24' });
  });

  it('crosses the weekend from Friday afternoon and from Saturday', () => {
    expect(next('2026-11-27T11:00:00')).toEqual({ day: 1, open: '08:00', date: '2026-11-30' });
    expect(next('2026-11-28T09:00:00')).toEqual({ day: 1, open: '08:00', date: '2026-11-30' });
  });

  it('is the same weekday next week when the office opens once a week', () => {
    const weekly = { ...KANTOR, hours: [{ day: 1, open: '08:00', close: '10:00' }] };
    expect(openStatus(weekly, [], wib('2026-11-23T11:00:00')).next).toEqual({
      day: 1,
      open: '08:00',
      date: '2026-11-30',
    });
  });

  it('is absent when the office never opens', () => {
    expect(openStatus({ ...KANTOR, hours: [] }, [], wib('2026-11-23T10:00:00')).next).toBeUndefined();
  });
});

describe('openStatus: closures', () => {
  // Closed all Tuesday (e.g. no boat after a storm).
  const closure = announcement('closure', '2026-11-24T00:00:00+07:00', '2026-11-25T00:00:00+07:00');

  it('has no effect before the closure is valid, except on the next opening', () => {
    const status = openStatus(KANTOR, [closure], wib('2026-11-23T10:00:00'));
    expect(status.open).toBe(true);
    expect(status.closedBy).toBeUndefined();
    expect(openStatus(KANTOR, [closure], wib('2026-11-23T15:30:00')).next).toEqual({
      day: 3,
      open: '08:00',
      date: '2026-11-25',
    });
  });

  it('closes the office while valid, keeping its usual hours for today', () => {
    const status = openStatus(KANTOR, [closure], wib('2026-11-24T10:00:00'));
    expect(status.open).toBe(false);
    expect(status.closedBy).toBe(closure);
    expect(status.today).toHaveLength(2);
    expect(status.next).toEqual({ day: 3, open: '08:00', date: '2026-11-25' });
  });

  it('no longer applies once validUntil has passed', () => {
    const status = openStatus(KANTOR, [closure], wib('2026-11-25T10:00:00'));
    expect(status.open).toBe(true);
    expect(status.closedBy).toBeUndefined();
  });

  it('ignores closures of other offices', () => {
    const elsewhere = announcement('closure', '2026-11-24T00:00:00+07:00', undefined, { officeIds: ['desa-brakas'] });
    expect(openStatus(KANTOR, [elsewhere], wib('2026-11-24T10:00:00')).open).toBe(true);
  });

  it('reopens when a closure ends mid-period', () => {
    const morning = announcement('closure', '2026-11-24T07:00:00+07:00', '2026-11-24T10:00:00+07:00');
    expect(openStatus(KANTOR, [morning], wib('2026-11-24T09:00:00')).next).toEqual({
      day: 2,
      open: '10:00',
      date: '2026-11-24',
    });
    expect(openStatus(KANTOR, [morning], wib('2026-11-24T10:00:00')).open).toBe(true);
  });

  it('leaves no next opening while an open-ended closure lasts', () => {
    const indefinite = announcement('closure', '2026-11-20T00:00:00+07:00');
    const status = openStatus(KANTOR, [indefinite], wib('2026-11-23T10:00:00'));
    expect(status).toMatchObject({ open: false, closedBy: indefinite });
    expect(status.next).toBeUndefined();
  });
});

describe('changed hours', () => {
  // One week of continuous hours, Monday–Friday 08:00–14:00, no lunch break.
  const changed = announcement('changed-hours', '2026-11-23T00:00:00+07:00', '2026-11-28T00:00:00+07:00', {
    hours: weekdays('08:00', '14:00', [1, 2, 3, 4, 5]),
  });

  it('replace the office hours while valid', () => {
    expect(effectiveHours(KANTOR, [changed], wib('2026-11-22T10:00:00'))).toBe(KANTOR.hours);
    expect(effectiveHours(KANTOR, [changed], wib('2026-11-23T10:00:00'))).toEqual(changed.hours);
    expect(effectiveHours(KANTOR, [changed], wib('2026-11-28T00:00:00'))).toBe(KANTOR.hours);
  });

  it('drive the open state, today and changedBy', () => {
    const lunch = openStatus(KANTOR, [changed], wib('2026-11-23T12:30:00'));
    expect(lunch).toMatchObject({ open: true, changedBy: changed, today: [{ day: 1, open: '08:00', close: '14:00' }] });
    expect(openStatus(KANTOR, [changed], wib('2026-11-23T14:30:00')).open).toBe(false);
    expect(openStatus(KANTOR, [changed], wib('2026-11-27T13:00:00')).open).toBe(true);
  });

  it('are judged at the time of the next opening, not now', () => {
    // From Monday 30 November the office opens at 10:00 only.
    const later = announcement('changed-hours', '2026-11-30T00:00:00+07:00', undefined, {
      hours: [{ day: 1, open: '10:00', close: '12:00' }],
    });
    const status = openStatus(KANTOR, [later], wib('2026-11-27T12:00:00'));
    expect(status.changedBy).toBeUndefined();
    expect(status.next).toEqual({ day: 1, open: '10:00', date: '2026-11-30' });
  });

  it('are ignored without hours, and give way to a closure', () => {
    const noHours = announcement('changed-hours', '2026-11-23T00:00:00+07:00');
    expect(effectiveHours(KANTOR, [noHours], wib('2026-11-23T12:30:00'))).toBe(KANTOR.hours);
    expect(openStatus(KANTOR, [noHours], wib('2026-11-23T12:30:00')).changedBy).toBeUndefined();

    const closure = announcement('closure', '2026-11-23T00:00:00+07:00', '2026-11-24T00:00:00+07:00');
    const status = openStatus(KANTOR, [changed, closure], wib('2026-11-23T10:00:00'));
    expect(status).toMatchObject({ open: false, closedBy: closure, changedBy: changed });
    expect(status.next).toEqual({ day: 2, open: '08:00', date: '2026-11-24' });
  });

  it('apply the newest when several overlap', () => {
    const newer = announcement('changed-hours', '2026-11-25T00:00:00+07:00', '2026-11-26T00:00:00+07:00', {
      hours: [{ day: 3, open: '09:00', close: '10:00' }],
    });
    expect(effectiveHours(KANTOR, [newer, changed], wib('2026-11-25T09:30:00'))).toEqual(newer.hours);
    expect(effectiveHours(KANTOR, [changed, newer], wib('2026-11-25T09:30:00'))).toEqual(newer.hours);
  });
});

describe('announcementsFor', () => {
  const now = wib('2026-11-23T10:00:00');
  const info = announcement('information', '2026-11-20T00:00:00+07:00');
  const restriction = announcement('restriction', '2026-11-21T00:00:00+07:00', '2026-12-01T00:00:00+07:00');
  const changed = announcement('changed-hours', '2026-11-22T00:00:00+07:00', undefined, { hours: [] });
  const olderClosure = announcement('closure', '2026-11-19T00:00:00+07:00', undefined, { officeIds: ['desa-brakas'] });
  const newerClosure = announcement('closure', '2026-11-23T00:00:00+07:00', '2026-11-24T00:00:00+07:00');
  const newerInfo = announcement('information', '2026-11-22T12:00:00+07:00', undefined, {
    officeIds: ['desa-brakas', 'x'],
  });
  const expired = announcement('closure', '2026-11-01T00:00:00+07:00', '2026-11-23T10:00:00+07:00');
  const future = announcement('closure', '2026-11-23T10:00:01+07:00');
  const elsewhere = announcement('closure', '2026-11-22T00:00:00+07:00', undefined, {
    officeIds: ['puskesmas-sapeken'],
  });
  const all = [info, expired, restriction, olderClosure, future, changed, elsewhere, newerInfo, newerClosure];

  it('keeps the active ones of the offices: closures, changed hours, restrictions, information; newest first', () => {
    expect(announcementsFor([KANTOR.id, 'desa-brakas'], all, now).map((a) => a.id)).toEqual(
      [newerClosure, olderClosure, changed, restriction, newerInfo, info].map((a) => a.id),
    );
  });

  it('returns nothing for offices without announcements, and does not reorder its input', () => {
    const before = all.map((a) => a.id);
    expect(announcementsFor(['disdukcapil-sumenep'], all, now)).toEqual([]);
    expect(announcementsFor([], all, now)).toEqual([]);
    expect(all.map((a) => a.id)).toEqual(before);
  });
});
