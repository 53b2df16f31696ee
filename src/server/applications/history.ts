// An application's history: every state it went through, who moved it and what they told the
// resident. Written by whoever changes the status (the office's moves, the counter, the resident's
// correction), inside the same transaction as the change.
import type { HistoryEvent, HistoryKind } from '../../domain/backoffice/api.ts';
import type { ApplicationStatus, Pickup } from '../../domain/submissions/submission.ts';
import type { Queryable } from '../storage/db.ts';

/** Who makes a change: the signed-in account and its role (kept in the history). */
export type Actor = { accountId: string | null; role: string };

type EventRecord = {
  id: string | number;
  at: string;
  actor_account_id: string | null;
  actor_role: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  message: string | null;
  pickup: Pickup | null;
  kind: HistoryKind;
  from_office_id: string | null;
  to_office_id: string | null;
};

/** An application's history, oldest first. */
export async function applicationHistory(db: Queryable, id: string): Promise<HistoryEvent[]> {
  const rows = await db.query<EventRecord>(
    `select id, at, actor_account_id, actor_role, from_status, to_status, message, pickup, kind, from_office_id, to_office_id
       from application_events where application_id = $1::uuid order by id`,
    [id],
  );
  return rows.map((e) => ({
    id: Number(e.id),
    at: e.at,
    actorAccountId: e.actor_account_id,
    actorRole: e.actor_role,
    from: e.from_status,
    to: e.to_status,
    message: e.message,
    pickup: e.pickup,
    kind: e.kind,
    fromOfficeId: e.from_office_id,
    toOfficeId: e.to_office_id,
  }));
}

/** Appends one entry to an application's history (inside the caller's transaction). */
export async function recordEvent(
  tx: Queryable,
  id: string,
  actor: Actor,
  move: {
    from: ApplicationStatus | null;
    to: ApplicationStatus;
    message?: string | undefined;
    pickup?: Pickup | undefined;
    /** A plain move unless said otherwise; a forward names both offices. */
    kind?: HistoryKind;
    offices?: { from: string | null; to: string };
  },
): Promise<number> {
  const [row] = await tx.query<{ id: string | number }>(
    `insert into application_events (application_id, actor_account_id, actor_role, from_status, to_status, message, pickup, kind, from_office_id, to_office_id)
     values ($1::uuid, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10) returning id`,
    [
      id,
      actor.accountId,
      actor.role,
      move.from,
      move.to,
      move.message ?? null,
      move.pickup ? JSON.stringify(move.pickup) : null,
      move.kind ?? 'move',
      move.offices?.from ?? null,
      move.offices?.to ?? null,
    ],
  );
  return Number(row!.id);
}
