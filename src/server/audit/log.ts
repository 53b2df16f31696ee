// The audit log: who (account and role), did what (action), to what (target kind/id, office), when
// (the database's clock, never the device's). `detail` must not hold personal data or secrets —
// ids, counts and reasons only; the one exception is the client address of a failed sign-in, which
// tells an attack from a colleague's typos. Call it inside the transaction of the change it records.
//
//   await audit(tx, req.principal, 'application.status', { kind: 'application', id, officeId, detail: { to: 'ready' } });
import type { AuditEntry, AuditQuery, Principal, Role } from '../../domain/accounts/account.ts';
import type { Queryable } from '../storage/db.ts';

/** Who acted; null when nobody is signed in (e.g. a failed login for an unknown username). */
export type Actor = Pick<Principal, 'accountId' | 'role'> | null;

export type AuditTarget = {
  kind?: string;
  id?: string;
  officeId?: string | null;
  detail?: Record<string, string | number | boolean | null | string[]>;
};

export async function audit(
  q: Queryable,
  actor: Actor | undefined,
  action: string,
  target: AuditTarget = {},
): Promise<void> {
  await q.query(
    `insert into audit_log (account_id, role, action, target_kind, target_id, office_id, detail)
     values ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
    [
      actor?.accountId ?? null,
      actor?.role ?? null,
      action,
      target.kind ?? null,
      target.id ?? null,
      target.officeId ?? null,
      JSON.stringify(target.detail ?? {}),
    ],
  );
}

/** The instant a WIB calendar day starts. */
const wibDayStart = (day: string): string => `${day}T00:00:00+07:00`;

/**
 * Newest first, filtered by who, what (an action or its family), when (WIB days, both included) and
 * which office; `before` is the `next` of the previous page.
 */
export async function readAudit(
  q: Queryable,
  opts: Omit<AuditQuery, 'before'> & { before?: number | undefined },
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const rows = await q.query<{
    id: string | number;
    at: string;
    account_id: string | null;
    role: Role | null;
    action: string;
    actor_username: string | null;
    target_kind: string | null;
    target_id: string | null;
    office_id: string | null;
    detail: Record<string, unknown>;
  }>(
    `select l.id, l.at, l.account_id, a.username as actor_username, l.role, l.action, l.target_kind, l.target_id,
            l.office_id, l.detail
       from audit_log l left join accounts a on a.id = l.account_id
      where ($1::bigint is null or l.id < $1::bigint)
        and ($3::uuid is null or l.account_id = $3::uuid)
        and ($4::text is null or l.action = $4::text or l.action like $4::text || '.%')
        and ($5::timestamptz is null or l.at >= $5::timestamptz)
        and ($6::timestamptz is null or l.at < $6::timestamptz + interval '1 day')
        and ($7::text is null or l.office_id = $7::text)
      order by l.id desc limit $2`,
    [
      opts.before ?? null,
      opts.limit + 1,
      opts.actor ?? null,
      opts.action ?? null,
      opts.from ? wibDayStart(opts.from) : null,
      opts.to ? wibDayStart(opts.to) : null,
      opts.office ?? null,
    ],
  );
  const page = rows.slice(0, opts.limit);
  return {
    entries: page.map((r) => ({
      id: Number(r.id),
      at: r.at,
      accountId: r.account_id,
      actorUsername: r.actor_username,
      role: r.role,
      action: r.action,
      targetKind: r.target_kind,
      targetId: r.target_id,
      officeId: r.office_id,
      detail: r.detail,
    })),
    next: rows.length > opts.limit ? Number(page[page.length - 1]!.id) : null,
  };
}
