// The holiday calendar in storage (0020_service_clock.sql): listed, set and removed by an
// administrator; each change marks the applications' due times it can move, recomputed once it has
// committed, and recomputes the running complaints' due times at once (complaint-clock.ts).
import type { Holiday, HolidayInput, HolidayList } from '../../domain/time/holidays.ts';
import { recomputeComplaintDueTimes } from '../feedback/complaint-clock.ts';
import type { Queryable } from '../storage/db.ts';
import { markClocksForDays } from './service-clock.ts';

type Row = { day: string; kind: Holiday['kind']; name: string };
const COLUMNS = `to_char(day, 'YYYY-MM-DD') as day, kind, name`;

export async function listHolidays(q: Queryable): Promise<HolidayList> {
  const holidays = await q.query<Row>(`select ${COLUMNS} from holidays order by day`);
  const years = [...new Set(holidays.map((h) => Number(h.day.slice(0, 4))))];
  return { holidays, years };
}

/** Adds or renames a day off (inside the caller's transaction); returns it and the clocks it marks. */
export async function setHoliday(
  tx: Queryable,
  day: string,
  input: HolidayInput,
  accountId: string | null,
): Promise<{ holiday: Holiday; marked: number }> {
  const [row] = await tx.query<Row & { was_new: boolean }>(
    `insert into holidays (day, kind, name, updated_by) values ($1::date, $2, $3, $4)
     on conflict (day) do update set kind = excluded.kind, name = excluded.name, updated_at = now(), updated_by = excluded.updated_by
     returning ${COLUMNS}, (xmax = 0) as was_new`,
    [day, input.kind, input.name, accountId],
  );
  // Renaming a day or changing its kind moves no due time.
  const marked = row!.was_new ? await markClocksForDays(tx, day, day) : 0;
  if (row!.was_new) await recomputeComplaintDueTimes(tx, day, day);
  return { holiday: { day: row!.day, kind: row!.kind, name: row!.name }, marked };
}

/** Removes a day off; null when it was not one. */
export async function removeHoliday(tx: Queryable, day: string): Promise<{ holiday: Holiday; marked: number } | null> {
  const [row] = await tx.query<Row>(`delete from holidays where day = $1::date returning ${COLUMNS}`, [day]);
  if (!row) return null;
  await recomputeComplaintDueTimes(tx, day, day);
  return { holiday: row, marked: await markClocksForDays(tx, day, day) };
}
