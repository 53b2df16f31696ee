// Keeps each application's service clock and its stored `due_at` (0020_service_clock.sql) by the
// rule in src/domain/time/service-clock.ts: started at receipt, moved at every change of status,
// recomputed when the holiday calendar changes and, once, for rows stored before the rule existed.
import { isFinal } from '../../domain/backoffice/application-status.ts';
import type { OpeningPeriod } from '../../domain/catalogue/office.ts';
import type { Appointment, CompletionTime } from '../../domain/catalogue/service.ts';
import type { ApplicationStatus } from '../../domain/submissions/submission.ts';
import {
  applyMove,
  appointmentVisitDate,
  type ClockState,
  clockEffect,
  clockFromHistory,
  clockStart,
  dueAt,
  type WorkingCalendar,
  workingCalendar,
} from '../../domain/time/service-clock.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';

/** The rule that computed a row's due time (clock_rule); rows below it are recomputed at start. */
export const CLOCK_RULE = 1;
/** A row whose calendar changed: recomputed from its stored facts. */
const STALE = -1;
/** Applications per statement when many are recomputed. */
const CHUNK = 500;

/** The administrator's holiday calendar. */
export async function holidayCalendar(q: Queryable): Promise<WorkingCalendar> {
  const rows = await q.query<{ day: string }>(`select to_char(day, 'YYYY-MM-DD') as day from holidays`);
  return workingCalendar(rows.map((r) => r.day));
}

type ClockRow = {
  /** The transaction's time: the time of a move. */
  now_ms: number;
  id: string;
  received_ms: number;
  status: ApplicationStatus;
  standard: CompletionTime | null;
  pauses: [number, number][];
  paused_ms: number | null;
  stopped_ms: number | null;
  ready_ms: number | null;
  appointment: Appointment | null;
  /** Only the answer to the appointment's visit date field (no other answer leaves the database). */
  visit_answers: Record<string, unknown> | null;
  hours: OpeningPeriod[] | null;
  /** The history of moves, for rows from before the rule (clock_rule 0); else null. */
  moves: [number, ApplicationStatus | null, ApplicationStatus][] | null;
};

const ms = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** The clock's facts of the applications in `where`, with their history of moves for rows from before the rule. */
const SELECT = (where: string) => `
  select ${ms('now()')} as now_ms, a.id::text, ${ms('a.received_at')} as received_ms, a.status, a.clock_standard as standard,
         a.clock_pauses as pauses, ${ms('a.clock_paused_at')} as paused_ms, ${ms('a.clock_stopped_at')} as stopped_ms,
         ${ms('a.ready_at')} as ready_ms,
         s.doc->'appointment' as appointment,
         case when s.doc->'appointment'->>'visitDateField' is not null
              then jsonb_build_object(s.doc->'appointment'->>'visitDateField',
                                      a.answers->(s.doc->'appointment'->>'visitDateField')) end as visit_answers,
         o.doc->'hours' as hours,
         case when a.clock_rule = 0 then (
           select coalesce(json_agg(json_build_array(${ms('e.at')}, e.from_status, e.to_status) order by e.id), '[]')
             from application_events e where e.application_id = a.id) end as moves
    from applications a
    left join catalogue_docs s on s.collection = 'services' and s.id = a.service_id
    left join catalogue_docs o on o.collection = 'offices' and o.id = a.office_id
   where ${where}`;

const startOf = (r: ClockRow): number =>
  clockStart(r.received_ms, appointmentVisitDate(r.appointment, r.visit_answers), r.hours ?? undefined);

const stateOf = (r: ClockRow, start: number): ClockState => ({
  start,
  pauses: r.pauses.map(([from, to]) => ({ from, to })),
  pausedSince: r.paused_ms,
  stoppedAt: r.stopped_ms,
  readyAt: r.ready_ms,
});

/** Rebuilds a clock from the history of moves; the current status counts as a last move if no event says so. */
function rebuilt(r: ClockRow, start: number): ClockState {
  const moves = (r.moves ?? []).map(([at, from, to]) => ({ at, from, to }));
  const last = moves.at(-1)?.to ?? 'received';
  if (last !== r.status) moves.push({ at: r.now_ms, from: last, to: r.status });
  return clockFromHistory(start, moves, isFinal);
}

/** Writes the clocks and due times of the given rows. */
async function write(q: Queryable, rows: readonly ClockRow[], cal: WorkingCalendar) {
  if (rows.length === 0) return;
  const ids: string[] = [];
  const due: (string | null)[] = [];
  const pauses: string[] = [];
  const paused: (string | null)[] = [];
  const stopped: (string | null)[] = [];
  const ready: (string | null)[] = [];
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  for (const r of rows) {
    const start = startOf(r);
    const state = r.moves ? rebuilt(r, start) : stateOf(r, start);
    ids.push(r.id);
    due.push(r.standard ? iso(dueAt(state, r.standard, cal)) : null);
    pauses.push(JSON.stringify(state.pauses.map((p) => [p.from, p.to])));
    paused.push(iso(state.pausedSince));
    stopped.push(iso(state.stoppedAt));
    ready.push(iso(state.readyAt));
  }
  await q.query(
    `update applications a
        set due_at = v.due, clock_pauses = v.pauses, clock_paused_at = v.paused, clock_stopped_at = v.stopped,
            ready_at = v.ready, clock_rule = ${CLOCK_RULE}
       from unnest($1::uuid[], $2::timestamptz[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[])
            as v(id, due, pauses, paused, stopped, ready)
      where a.id = v.id`,
    [ids, due, pauses, paused, stopped, ready],
  );
}

/**
 * Computes the clocks of applications from their stored facts (inside the caller's transaction), as
 * when they are stored: the standard of the moment is kept with any that has none yet.
 */
export async function computeClocks(tx: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `update applications a set clock_standard = s.doc->'completionTime'
       from catalogue_docs s
      where a.id = any($1::uuid[]) and a.clock_standard is null and s.collection = 'services' and s.id = a.service_id`,
    [ids],
  );
  const rows = await tx.query<ClockRow>(SELECT('a.id = any($1::uuid[])'), [ids]);
  await write(tx, rows, await holidayCalendar(tx));
}

/**
 * A change of status from `from` to `to`, inside the change's transaction (whoever makes it: the
 * office, the resident's correction, the system): pauses, resumes or stops the clock at the
 * transaction's time and recomputes the due time.
 */
export async function moveClock(
  tx: Queryable,
  id: string,
  from: ApplicationStatus | null,
  to: ApplicationStatus,
): Promise<void> {
  const effect = clockEffect(from, to, isFinal);
  const [row] = await tx.query<ClockRow>(SELECT('a.id = $1::uuid'), [id]);
  if (!row) return;
  const start = startOf(row);
  const state = applyMove(stateOf(row, start), effect, to, row.now_ms);
  await write(
    tx,
    [
      {
        ...row,
        pauses: state.pauses.map((p) => [p.from, p.to]),
        paused_ms: state.pausedSince,
        stopped_ms: state.stoppedAt,
        ready_ms: state.readyAt,
        moves: null,
      },
    ],
    await holidayCalendar(tx),
  );
}

/**
 * Marks for recomputation the clocks a change of the calendar between `fromDay` and `toDay`
 * (YYYY-MM-DD, WIB) can move, inside the change's transaction: applications received before its end
 * whose clock ran past its start. `refreshStaleClocks` recomputes them after the commit (and at the
 * next start, if the process stops first). Returns how many.
 */
export async function markClocksForDays(tx: Queryable, fromDay: string, toDay: string): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    `with marked as (
       update applications a set clock_rule = ${STALE}
        where a.clock_rule = ${CLOCK_RULE}
          and a.received_at < ($1::date + 1)::timestamp at time zone 'Asia/Jakarta'
          and coalesce(greatest(a.due_at, a.clock_stopped_at), 'infinity') > $2::date::timestamp at time zone 'Asia/Jakarta'
       returning 1)
     select count(*)::int as n from marked`,
    [toDay, fromDay],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Recomputes the clocks below the rule: rows from before it (clock_rule 0, rebuilt from their history)
 * and rows a calendar change marked (from their stored facts). Run at start and after calendar changes.
 */
export async function refreshStaleClocks(db: Database): Promise<number> {
  let done = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const count = await db.transaction(async (tx) => {
      await lockUntilCommit(tx, 'applicationsWrite');
      const rows = await tx.query<ClockRow>(
        `${SELECT(`a.clock_rule < ${CLOCK_RULE} and a.id > $1::uuid`)} order by a.id limit ${CHUNK}`,
        [after],
      );
      await write(tx, rows, await holidayCalendar(tx));
      if (rows.length > 0) after = rows.at(-1)!.id;
      return rows.length;
    });
    done += count;
    if (count < CHUNK) return done;
  }
}
