// SKM responses on the server: stored once per id and at most once per application, with no
// personal data; and the index per office × service × period for the back office (JSON and CSV).
//
// The application link: a response offered after an application must be about a completed
// application of the same service and office, and only one response per application counts. The
// response row does not name the application: it keeps `application_key` = SHA-256 of a fixed prefix
// and the application id, unique. No foreign key, no id in any report or export, so the index
// cannot be joined to applicants by an ordinary query. It is not anonymity against someone holding
// the whole database (they can hash every application id, and receipt times correlate anyway);
// "one response per application" needs some such marker, and this is the least that does it.

import { createHash } from 'node:crypto';
import type { OfficeScope } from '../../domain/accounts/account.ts';
import {
  addTallies,
  emptyTally,
  GRADE_QUALITY,
  type IkmResult,
  ikmOfTally,
  round2,
  type SkmTally,
} from '../../domain/feedback/ikm.ts';
import type { SkmRow } from '../../domain/feedback/office-api.ts';
import { SKM_ELEMENTS, SurveyResponse, type SurveyResult } from '../../domain/feedback/skm.ts';
import { checkShape } from '../../domain/field-errors.ts';
import type { RecordEnvelope } from '../../domain/submissions/submission.ts';
import { wibClock } from '../../domain/time/wib.ts';
import { ANONYMOUS, CHANNEL_UNVERIFIED, channelAllowed, type Submitter } from '../applications/channels.ts';
import type { Database, Queryable } from '../storage/db.ts';

export const applicationKey = (applicationId: string): string =>
  createHash('sha256').update(`nusa-layan/skm/v1/${applicationId.toLowerCase()}`).digest('hex');

/**
 * A response without an application counts once per device, office and month (WIB) unless an
 * enrolled kiosk sends it: this marker is
 * unique (walk_in_key). Like applicationKey it names nobody: a hash of the device key's hash.
 */
export const walkInKey = (deviceKeyHash: string, officeId: string, month: string): string =>
  createHash('sha256').update(`nusa-layan/skm/walk-in/v1/${deviceKeyHash}/${officeId}/${month}`).digest('hex');

/** This month in WIB (UTC+7), "2026-11". */
const monthWib = () => wibClock(new Date()).date.slice(0, 7);

type Checked = SurveyResponse & { key: string | null; walkIn: string | null };

/** One result per record, in order; all new responses of a batch in one transaction. */
export async function submitSurveys(
  db: Database,
  records: readonly RecordEnvelope[],
  submitter: Submitter = ANONYMOUS,
): Promise<SurveyResult[]> {
  const stored = new Map(
    (
      await db.query<{ id: string; received_at: string }>(
        'select id::text, received_at from survey_responses where id = any($1::uuid[])',
        [records.map((r) => r.id)],
      )
    ).map((r) => [r.id, r.received_at]),
  );
  const results: Array<SurveyResult | Checked> = [];
  for (const raw of records) {
    const at = stored.get(raw.id.toLowerCase());
    if (at) {
      results.push({ id: raw.id, status: 'accepted', receivedAt: at });
      continue;
    }
    const shape = checkShape(SurveyResponse, raw);
    results.push(
      shape.ok
        ? await checkSurvey(db, shape.value, submitter)
        : { id: raw.id, status: 'rejected', errors: shape.errors },
    );
  }
  const fresh = results.filter((r): r is Checked => !('status' in r));
  if (fresh.length === 0) return results as SurveyResult[];
  const inserted = await db.transaction(async (tx) => {
    const out = new Map<string, SurveyResult>();
    for (const r of fresh) out.set(r.id, await insertOne(tx, r));
    return out;
  });
  return results.map((r) => ('status' in r ? r : inserted.get(r.id)!));
}

async function checkSurvey(q: Queryable, r: SurveyResponse, submitter: Submitter): Promise<SurveyResult | Checked> {
  const rejected = (key: string, code: string): SurveyResult => ({
    id: r.id,
    status: 'rejected',
    errors: { [key]: { code } },
  });
  if (!channelAllowed(r.channel, submitter)) return rejected('channel', CHANNEL_UNVERIFIED);
  if (r.applicationId) {
    const [app] = await q.query<{ service_id: string; office_id: string | null; status: string }>(
      'select service_id, office_id, status from applications where id = $1::uuid',
      [r.applicationId],
    );
    if (!app) return rejected('applicationId', 'survey.application-unknown');
    if (app.status !== 'completed') return rejected('applicationId', 'survey.application-not-completed');
    if (app.service_id !== r.serviceId || app.office_id !== r.officeId)
      return rejected('applicationId', 'survey.application-mismatch');
    return { ...r, key: applicationKey(r.applicationId), walkIn: null };
  }
  const [service] = await q.query<{ office_ids: string[] | null }>(
    `select doc->'officeIds' as office_ids from catalogue_docs where collection = 'services' and id = $1 and not deleted`,
    [r.serviceId],
  );
  if (!service) return rejected('serviceId', 'survey.service-unknown');
  if (!(service.office_ids ?? []).includes(r.officeId)) return rejected('officeId', 'survey.office-not-serving');
  // An enrolled kiosk serves many walk-ins a day (its account's rate limit bounds it); any other
  // device answers once per office and month. The schema requires a device key without an application.
  const walkIn = submitter.kind === 'kiosk' ? null : walkInKey(r.deviceKeyHash!, r.officeId, monthWib());
  return { ...r, key: null, walkIn };
}

async function insertOne(tx: Queryable, r: Checked): Promise<SurveyResult> {
  const a = r.answers;
  const p = r.profile ?? {};
  const [row] = await tx.query<{ received_at: string }>(
    `insert into survey_responses (id, office_id, service_id, application_key, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, age_band, sex, education, occupation, walk_in_key)
     values ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     on conflict do nothing returning received_at`,
    [
      r.id,
      r.officeId,
      r.serviceId,
      r.key,
      r.channel,
      ...SKM_ELEMENTS.map((e) => a[e] ?? null),
      p.ageBand ?? null,
      p.sex ?? null,
      p.education ?? null,
      p.occupation ?? null,
      r.walkIn,
    ],
  );
  if (row) return { id: r.id, status: 'accepted', receivedAt: row.received_at };
  // Either the same id committed meanwhile (its acceptance), or the application (or this device, at
  // this office, this month) already has a response.
  const [same] = await tx.query<{ received_at: string }>(
    'select received_at from survey_responses where id = $1::uuid',
    [r.id],
  );
  if (same) return { id: r.id, status: 'accepted', receivedAt: same.received_at };
  const [first] = await tx.query<{ received_at: string }>(
    'select received_at from survey_responses where application_key = $1',
    [r.key],
  );
  if (first) return { id: r.id, status: 'duplicate-application', receivedAt: first.received_at };
  const [period] = await tx.query<{ received_at: string }>(
    'select received_at from survey_responses where walk_in_key = $1',
    [r.walkIn],
  );
  if (period) return { id: r.id, status: 'duplicate-period', receivedAt: period.received_at };
  throw new Error('survey response neither stored nor conflicting');
}

// ---------------------------------------------------------------------------------------------
// The index

export type SkmFilter = { from: string; to: string; officeId?: string | undefined; serviceId?: string | undefined };

/** Per office × service in [from, to) of receipt, within the scope; and the total over those rows. */
export async function skmReport(
  db: Queryable,
  scope: OfficeScope,
  f: SkmFilter,
): Promise<{ rows: SkmRow[]; total: IkmResult }> {
  const sums = SKM_ELEMENTS.map(
    (e) =>
      `sum(${e.toLowerCase()})::int as s_${e.toLowerCase()}, count(${e.toLowerCase()})::int as n_${e.toLowerCase()}`,
  ).join(', ');
  const rows = await db.query<
    Record<string, unknown> & {
      office_id: string;
      service_id: string;
      office_name: string | null;
      service_name: string | null;
      respondents: number;
    }
  >(
    `select g.*, o.doc->'name'->>'id' as office_name, s.doc->'name'->>'id' as service_name from (
       select office_id, service_id, count(*)::int as respondents, ${sums}
         from survey_responses
        where received_at >= $1::timestamptz and received_at < $2::timestamptz
          and ($3::text[] is null or office_id = any($3::text[]))
          and ($4::text is null or office_id = $4) and ($5::text is null or service_id = $5)
        group by office_id, service_id
     ) g
     left join catalogue_docs o on o.collection = 'offices' and o.id = g.office_id
     left join catalogue_docs s on s.collection = 'services' and s.id = g.service_id
     order by g.office_id, g.service_id`,
    [f.from, f.to, scope === 'all' ? null : [...scope], f.officeId ?? null, f.serviceId ?? null],
  );
  const tallies: SkmTally[] = rows.map((r) => {
    const t = emptyTally();
    t.respondents = r.respondents;
    for (const e of SKM_ELEMENTS)
      t.elements[e] = { sum: Number(r[`s_${e.toLowerCase()}`] ?? 0), answered: Number(r[`n_${e.toLowerCase()}`]) };
    return t;
  });
  return {
    rows: rows.map((r, i) => ({
      officeId: r.office_id,
      officeName: r.office_name,
      serviceId: r.service_id,
      serviceName: r.service_name,
      ...ikmOfTally(tallies[i]!),
    })),
    total: ikmOfTally(addTallies(tallies)),
  };
}

// CSV (RFC 4180; text starting with = + - @ is prefixed with ' against spreadsheet formulas).
export const SKM_CSV_HEADER = [
  'office_id',
  'office_name',
  'service_id',
  'service_name',
  'respondents',
  ...SKM_ELEMENTS.map((e) => `nrr_${e.toLowerCase()}`),
  'ikm',
  'unit_value',
  'grade',
  'quality',
] as const;

function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const line = (ids: [string, string | null, string, string | null], r: IkmResult) =>
  [
    ...ids,
    r.respondents,
    ...SKM_ELEMENTS.map((e) => (r.elements[e].nrr === null ? null : round2(r.elements[e].nrr!))),
    r.ikm === null ? null : Math.round(r.ikm * 10_000) / 10_000,
    r.unitValue === null ? null : r.unitValue.toFixed(2),
    r.grade,
    r.grade ? GRADE_QUALITY[r.grade] : null,
  ]
    .map(field)
    .join(',');

/** One line per office × service, then a line `total` over them (NRRs to 2 decimals, IKM to 4). */
export function skmCsv(report: { rows: readonly SkmRow[]; total: IkmResult }): string {
  const lines = [SKM_CSV_HEADER.join(',')];
  for (const r of report.rows) lines.push(line([r.officeId, r.officeName, r.serviceId, r.serviceName], r));
  lines.push(line(['total', null, 'total', null], report.total));
  return `${lines.join('\r\n')}\r\n`;
}
