// Service-time compliance per office and service in a period [from, to): received, completed, the
// median completion time against the standard's, and the share overdue; with a CSV export.
//
// Overdue, as in the queue: past the stored due time (due_at, see 0016_application_due_at.sql). The share is
//   (completed in the period after their due time + open at the end of the period and past due by then)
//   / (completed in the period + open at the end of the period),
// where "open at the end of the period" means received before `to`, not completed before `to`, and
// not rejected. "By then" is the earlier of `to` and now.
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
  completedLate: number;
  openAtEnd: number;
  openOverdue: number;
  /** 0…1, or null when nothing was completed or open. */
  overdueShare: number | null;
};

export type Period = { from: string; to: string };

type Record_ = {
  office_id: string;
  office_name: string | null;
  service_id: string;
  service_name: string | null;
  standard: CompletionTime | null;
  received: number;
  completed: number;
  median_seconds: number | string | null;
  completed_late: number;
  open_at_end: number;
  open_overdue: number;
};

export async function dashboard(
  db: Queryable,
  scope: OfficeScope,
  period: Period,
  now: Date = new Date(),
): Promise<DashboardRow[]> {
  const from = new Date(period.from).toISOString();
  const to = new Date(period.to).toISOString();
  const officeIds = scope === 'all' ? null : [...scope];
  const rows = await db.query<Record_>(
    `with apps as (
       select a.office_id, a.service_id, a.status, a.received_at, a.completed_at, a.due_at,
              (a.completed_at >= $1::timestamptz and a.completed_at < $2::timestamptz) as done_in_period,
              (a.status <> 'rejected' and (a.completed_at is null or a.completed_at >= $2::timestamptz)) as open_at_end
         from applications a
        where a.received_at < $2::timestamptz and a.office_id is not null
          and ($3::text[] is null or a.office_id = any($3::text[]))
     ), counted as (
       select office_id, service_id,
              count(*) filter (where received_at >= $1::timestamptz)::int as received,
              count(*) filter (where done_in_period)::int as completed,
              percentile_cont(0.5) within group (order by extract(epoch from completed_at - received_at)) filter (where done_in_period) as median_seconds,
              count(*) filter (where done_in_period and completed_at > due_at)::int as completed_late,
              count(*) filter (where open_at_end)::int as open_at_end,
              count(*) filter (where open_at_end and due_at < least($2::timestamptz, $4::timestamptz))::int as open_overdue
         from apps group by office_id, service_id
     )
     select c.*, o.doc->'name'->>'id' as office_name, s.doc->'name'->>'id' as service_name, s.doc->'completionTime' as standard
       from counted c
       left join catalogue_docs o on o.collection = 'offices' and o.id = c.office_id
       left join catalogue_docs s on s.collection = 'services' and s.id = c.service_id
      where c.received + c.completed + c.open_at_end > 0
      order by c.office_id, c.service_id`,
    [from, to, officeIds, now.toISOString()],
  );
  return rows.map((r) => {
    const denominator = r.completed + r.open_at_end;
    return {
      officeId: r.office_id,
      officeName: r.office_name,
      serviceId: r.service_id,
      serviceName: r.service_name,
      received: r.received,
      completed: r.completed,
      medianCompletionSeconds: r.median_seconds === null ? null : Number(r.median_seconds),
      standard: r.standard,
      completedLate: r.completed_late,
      openAtEnd: r.open_at_end,
      openOverdue: r.open_overdue,
      overdueShare: denominator === 0 ? null : (r.completed_late + r.open_overdue) / denominator,
    };
  });
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
  'completed_late',
  'open_at_end',
  'open_overdue',
  'overdue_share',
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
        r.completedLate,
        r.openAtEnd,
        r.openOverdue,
        r.overdueShare === null ? null : round(r.overdueShare, 4),
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
