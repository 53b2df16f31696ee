// Opening hours in WIB (Asia/Jakarta, see domain/time/wib.ts): whether an office is open now, its
// hours today after any announced change, its next opening, and the announcements that affect a set
// of offices.
import { clockTime, DAY_MS, type IsoWeekday, MINUTE_MS, WIB_OFFSET_MS, wibClock } from '../time/wib.ts';
import type { Announcement, AnnouncementKind } from './announcement.ts';
import { isActive } from './glance.ts';
import type { Office, OpeningPeriod } from './office.ts';

/** "08:30" → 510. ClockTime is validated "HH:MM" by the schema. */
const toMinutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

type HoursOffice = Pick<Office, 'id' | 'hours'>;

const concerns = (a: Announcement, officeId: string): boolean => a.officeIds.includes(officeId);

/** Newest validFrom first; the sort is stable, so equal starts keep the input order. */
const newestFirst = (a: Announcement, b: Announcement): number => Date.parse(b.validFrom) - Date.parse(a.validFrom);

/** The active changed-hours announcement whose hours apply; when several overlap, the newest one. */
function activeChange(officeId: string, announcements: readonly Announcement[], now: Date): Announcement | undefined {
  return announcements
    .filter((a) => a.kind === 'changed-hours' && a.hours !== undefined && concerns(a, officeId) && isActive(a, now))
    .sort(newestFirst)[0];
}

function activeClosure(officeId: string, announcements: readonly Announcement[], now: Date): Announcement | undefined {
  return announcements
    .filter((a) => a.kind === 'closure' && concerns(a, officeId) && isActive(a, now))
    .sort(newestFirst)[0];
}

/**
 * The periods that apply at `now`: an active changed-hours announcement's hours replace the office's
 * entirely (an empty list means no opening at all while it is valid).
 */
export function effectiveHours(
  office: HoursOffice,
  announcements: readonly Announcement[],
  now: Date,
): OpeningPeriod[] {
  return activeChange(office.id, announcements, now)?.hours ?? office.hours;
}

/** The periods of one weekday, earliest first. */
const periodsOn = (hours: readonly OpeningPeriod[], day: number): OpeningPeriod[] =>
  hours.filter((p) => p.day === day).sort((a, b) => toMinutes(a.open) - toMinutes(b.open));

// A period whose close is not after its open (e.g. overnight) is never open: the schema has no way
// to say "until midnight" or "into the next day", and no service office in the region works nights.
const within = (p: OpeningPeriod, minutes: number): boolean =>
  toMinutes(p.open) <= minutes && minutes < toMinutes(p.close);

function isOpenAt(office: HoursOffice, announcements: readonly Announcement[], at: Date): boolean {
  if (activeClosure(office.id, announcements, at)) return false;
  const clock = wibClock(at);
  return effectiveHours(office, announcements, at).some((p) => p.day === clock.day && within(p, clock.minutes));
}

export interface NextOpening {
  day: IsoWeekday;
  open: string;
  /** The WIB calendar date: `day` alone is ambiguous when the next opening is a week away. */
  date: string;
}

export interface OpenStatus {
  open: boolean;
  /** Today's periods (WIB weekday), after announced changes, earliest first. */
  today: OpeningPeriod[];
  /** The active closure that shuts the office now. */
  closedBy?: Announcement;
  /** The active changed-hours announcement whose hours apply now. */
  changedBy?: Announcement;
  next?: NextOpening;
}

/**
 * The next moment within 7 days after `now` at which the office goes from closed to open. The state
 * can only change at a period's start or an announcement's start or end, so only those moments are
 * tried — in every hour set that could apply — and each is checked against what is in force then:
 * a closure ending or changed hours expiring mid-week are taken into account.
 */
function nextOpening(office: HoursOffice, announcements: readonly Announcement[], now: Date): NextOpening | undefined {
  const start = now.getTime();
  const end = start + 7 * DAY_MS;
  const relevant = announcements.filter(
    (a) => (a.kind === 'closure' || (a.kind === 'changed-hours' && a.hours !== undefined)) && concerns(a, office.id),
  );
  const hourSets = [office.hours, ...relevant.flatMap((a) => (a.hours === undefined ? [] : [a.hours]))];

  const candidates: number[] = [];
  const wibMidnight = Math.floor((start + WIB_OFFSET_MS) / DAY_MS) * DAY_MS - WIB_OFFSET_MS;
  for (let k = 0; k <= 7; k++) {
    const midnight = wibMidnight + k * DAY_MS;
    const day = wibClock(new Date(midnight)).day;
    for (const hours of hourSets) {
      for (const p of hours) if (p.day === day) candidates.push(midnight + toMinutes(p.open) * MINUTE_MS);
    }
  }
  for (const a of relevant) {
    candidates.push(Date.parse(a.validFrom));
    if (a.validUntil !== undefined) candidates.push(Date.parse(a.validUntil));
  }

  const sorted = [...new Set(candidates)].filter((t) => t > start && t <= end).sort((a, b) => a - b);
  for (const t of sorted) {
    const at = new Date(t);
    if (isOpenAt(office, relevant, at) && !isOpenAt(office, relevant, new Date(t - MINUTE_MS))) {
      const clock = wibClock(at);
      return { day: clock.day, open: clockTime(clock.minutes), date: clock.date };
    }
  }
  return undefined;
}

export function openStatus(office: HoursOffice, announcements: readonly Announcement[], now: Date): OpenStatus {
  const clock = wibClock(now);
  const closedBy = activeClosure(office.id, announcements, now);
  const changedBy = activeChange(office.id, announcements, now);
  const today = periodsOn(changedBy?.hours ?? office.hours, clock.day);
  const status: OpenStatus = {
    open: closedBy === undefined && today.some((p) => within(p, clock.minutes)),
    today,
  };
  if (closedBy) status.closedBy = closedBy;
  if (changedBy) status.changedBy = changedBy;
  const next = nextOpening(office, announcements, now);
  if (next) status.next = next;
  return status;
}

// Most disruptive first: a resident must see that the office is shut before anything else.
const KIND_ORDER: Record<AnnouncementKind, number> = {
  closure: 0,
  'changed-hours': 1,
  restriction: 2,
  information: 3,
};

/** Active announcements affecting any of the offices: by kind (closures first), newest first within a kind. */
export function announcementsFor(
  officeIds: readonly string[],
  announcements: readonly Announcement[],
  now: Date,
): Announcement[] {
  const ids = new Set(officeIds);
  return announcements
    .filter((a) => isActive(a, now) && a.officeIds.some((id) => ids.has(id)))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || newestFirst(a, b));
}
