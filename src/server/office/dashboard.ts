// Service-time compliance per office and service in a period [from, to): received, completed, the
// median completion time against the standard's, and the share overdue; with a CSV export.
//
// Overdue by the service clock (src/domain/time/service-clock.ts), as in the queue: the stored due
// time (working days of the holiday calendar, moved on by pauses for correction) against the moment
// the clock stopped at ready, not the handover. The share is
//   (ready in the period after their due time + open at the end of the period and past due by then)
//   / (ready in the period + open at the end of the period),
// where "open at the end of the period" means received before `to` with its clock not stopped before
// `to` (not ready, and in no final state). "By then" is the earlier of `to` and now, or the start of
// the pause under way if earlier: a clock paused for the resident is overdue only if it already was.
// (A pause that began after `to` and has closed since moved the stored due time on: such an
// application counts by its due time now, not the one it had at `to`.)
// Withdrawn and abandoned applications (final states: their clocks stop there) are counted apart, in
// the period they ended in (their last change: nothing changes a final application).
import type { OfficeScope } from '../../domain/accounts/account.ts';
import type { CompletionTime } from '../../domain/catalogue/service.ts';
import type { Queryable } from '../storage/db.ts';

export type DashboardRow = {
  officeId: string;
  officeName: string | null;
  serviceId: string;
  serviceName: string | null;
  received: number;
  completed: number;
  /** Median of completed_at − received_at over the applications completed in the period; null if none. */
  medianCompletionSeconds: number | null;
  /** The standard's completion time; null when the service is gone from the catalogue. */
  standard: CompletionTime | null;
  /** Became ready in the period (the service clock stops there). */
  ready: number;
  /** Of those, after their due time. */
  readyLate: number;
  openAtEnd: number;
  openOverdue: number;
  /** 0…1, or null when nothing was completed or open. */
  overdueShare: number | null;
  /** Withdrawn by the resident (or at their request) in the period. */
  withdrawn: number;
  /** Abandoned in the period: left awaiting a correction past the office's period. */
  abandoned: number;
};

export type Period = { from: string; to: string };

/**
 * Applications per statement. The dashboard reads every application received before the end of
 * the period, in statements of this many: on PGlite, which runs one statement at a time, a device
 * request waits behind one of them (a few milliseconds), never behind the whole report.
 */
export const DASHBOARD_CHUNK = 500;

/** One office and service's counts in one chunk, and the completion times it saw (seconds). */
type Counts = {
  office_id: string;
  service_id: string;
  received: number;
  completed: number;
  durations: number[];
  ready: number;
  ready_late: number;
  open_at_end: number;
  open_overdue: number;
  withdrawn: number;
  abandoned: number;
};

// $1 from, $2 to, $3 offices in scope (null: all), $4 "by then", $5/$6 the last application of the
// previous chunk (received_at in microseconds since the epoch, id; null for the first), $7 the chunk size.
const CHUNK = `
  with chunk as (
    select a.id, a.office_id, a.service_id, a.status, a.received_at, a.completed_at, a.due_at, a.ready_at,
           a.clock_stopped_at, a.clock_paused_at, a.updated_at
      from applications a
     where a.received_at < $2::timestamptz
       and ($5::bigint is null
            or (a.received_at, a.id) > (timestamptz 'epoch' + $5::bigint * interval '1 microsecond', $6::uuid))
     order by a.received_at, a.id
     limit $7
  ), facts as (
    select office_id, service_id, received_at, completed_at, due_at, ready_at, clock_paused_at,
           received_at >= $1::timestamptz as received_in_period,
           (completed_at >= $1::timestamptz and completed_at < $2::timestamptz) as done_in_period,
           (ready_at >= $1::timestamptz and ready_at < $2::timestamptz) as ready_in_period,
           (clock_stopped_at is null or clock_stopped_at >= $2::timestamptz) as open_at_end,
           case when status in ('withdrawn', 'abandoned') and updated_at >= $1::timestamptz
                 and updated_at < $2::timestamptz then status end as ended
      from chunk
     where office_id is not null and ($3::text[] is null or office_id = any($3::text[]))
  )
  select (select count(*) from chunk)::int as read,
         (select json_build_array((extract(epoch from received_at) * 1000000)::bigint::text, id::text)
            from chunk order by received_at desc, id desc limit 1) as last,
         coalesce((select json_agg(g) from (
           select office_id, service_id,
                  count(*) filter (where received_in_period)::int as received,
                  count(*) filter (where done_in_period)::int as completed,
                  coalesce(array_agg(extract(epoch from completed_at - received_at)::float8) filter (where done_in_period), '{}') as durations,
                  count(*) filter (where ready_in_period)::int as ready,
                  count(*) filter (where ready_in_period and ready_at > due_at)::int as ready_late,
                  count(*) filter (where open_at_end)::int as open_at_end,
                  count(*) filter (where open_at_end
                                     and due_at < least($4::timestamptz, coalesce(clock_paused_at, $4::timestamptz)))::int as open_overdue,
                  count(*) filter (where ended = 'withdrawn')::int as withdrawn,
                  count(*) filter (where ended = 'abandoned')::int as abandoned
             from facts group by office_id, service_id) g), '[]'::json) as groups`;

type ChunkRow = { read: number; last: [string, string] | null; groups: Counts[] };

/** Median as percentile_cont(0.5): the middle value, or the mean of the two middle ones. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.toSorted((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function dashboard(
  db: Queryable,
  scope: OfficeScope,
  period: Period,
  now: Date = new Date(),
  chunkSize: number = DASHBOARD_CHUNK,
): Promise<DashboardRow[]> {
  const from = new Date(period.from).toISOString();
  const to = new Date(period.to);
  const byThen = new Date(Math.min(to.getTime(), now.getTime())).toISOString();
  const officeIds = scope === 'all' ? null : [...scope];

  const totals = new Map<string, Counts>();
  let after: [string, string] | null = null;
  for (;;) {
    const [chunk]: ChunkRow[] = await db.query<ChunkRow>(CHUNK, [
      from,
      to.toISOString(),
      officeIds,
      byThen,
      after?.[0] ?? null,
      after?.[1] ?? null,
      chunkSize,
    ]);
    for (const g of chunk!.groups) {
      const key = `${g.office_id}\u0000${g.service_id}`;
      const t = totals.get(key);
      if (!t) totals.set(key, g);
      else {
        t.received += g.received;
        t.completed += g.completed;
        t.durations.push(...g.durations);
        t.ready += g.ready;
        t.ready_late += g.ready_late;
        t.open_at_end += g.open_at_end;
        t.open_overdue += g.open_overdue;
        t.withdrawn += g.withdrawn;
        t.abandoned += g.abandoned;
      }
    }
    if (chunk!.read < chunkSize || !chunk!.last) break;
    after = chunk!.last;
  }

  const shown = [...totals.values()]
    .filter((t) => t.received + t.completed + t.ready + t.open_at_end + t.withdrawn + t.abandoned > 0)
    .sort((a, b) => compare(a.office_id, b.office_id) || compare(a.service_id, b.service_id));
  const names = await catalogueNames(
    db,
    shown.map((t) => t.office_id),
    shown.map((t) => t.service_id),
  );
  return shown.map((t) => {
    const service = names.services.get(t.service_id);
    const denominator = t.ready + t.open_at_end;
    return {
      officeId: t.office_id,
      officeName: names.offices.get(t.office_id) ?? null,
      serviceId: t.service_id,
      serviceName: service?.name ?? null,
      received: t.received,
      completed: t.completed,
      medianCompletionSeconds: median(t.durations),
      standard: service?.standard ?? null,
      ready: t.ready,
      readyLate: t.ready_late,
      openAtEnd: t.open_at_end,
      openOverdue: t.open_overdue,
      overdueShare: denominator === 0 ? null : (t.ready_late + t.open_overdue) / denominator,
      withdrawn: t.withdrawn,
      abandoned: t.abandoned,
    };
  });
}

/** Code-point order: the same on every database, whatever its collation. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function catalogueNames(db: Queryable, officeIds: string[], serviceIds: string[]) {
  const rows = await db.query<{
    collection: string;
    id: string;
    name: string | null;
    standard: CompletionTime | null;
  }>(
    `select collection, id, doc->'name'->>'id' as name, case when collection = 'services' then doc->'completionTime' end as standard
       from catalogue_docs
      where (collection = 'offices' and id = any($1::text[])) or (collection = 'services' and id = any($2::text[]))`,
    [[...new Set(officeIds)], [...new Set(serviceIds)]],
  );
  const offices = new Map<string, string | null>();
  const services = new Map<string, { name: string | null; standard: CompletionTime | null }>();
  for (const r of rows) {
    if (r.collection === 'offices') offices.set(r.id, r.name);
    else services.set(r.id, { name: r.name, standard: r.standard });
  }
  return { offices, services };
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled)

export const DASHBOARD_CSV_HEADER = [
  'office_id',
  'office_name',
  'service_id',
  'service_name',
  'received',
  'completed',
  'median_completion_hours',
  'standard_value',
  'standard_unit',
  'ready',
  'ready_late',
  'open_at_end',
  'open_overdue',
  'overdue_share',
  'withdrawn',
  'abandoned',
] as const;

function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A spreadsheet would run text starting with = + - @ as a formula (CSV injection): names are typed by people.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

export function dashboardCsv(rows: readonly DashboardRow[]): string {
  const lines = [DASHBOARD_CSV_HEADER.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.officeId,
        r.officeName,
        r.serviceId,
        r.serviceName,
        r.received,
        r.completed,
        r.medianCompletionSeconds === null ? null : round(r.medianCompletionSeconds / 3600, 2),
        r.standard?.value ?? null,
        r.standard?.unit ?? null,
        r.ready,
        r.readyLate,
        r.openAtEnd,
        r.openOverdue,
        r.overdueShare === null ? null : round(r.overdueShare, 4),
        r.withdrawn,
        r.abandoned,
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
