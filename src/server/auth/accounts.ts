// Account storage: staff accounts (administrator, officer, field-officer) with scrypt password
// hashes and their offices, and the first administrator (from the environment or the CLI).
import { randomUUID } from 'node:crypto';
import type { Account, Principal, Role, StaffRole } from '../../domain/accounts/account.ts';
import { audit } from '../audit/log.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { hashPassword } from './password.ts';

type AccountRow = {
  id: string;
  username: string | null;
  name: string;
  role: Role;
  password_hash: string | null;
  disabled_at: string | null;
  created_at: string;
  office_ids: string[];
};

const SELECT = `select a.id, a.username, a.name, a.role, a.password_hash, a.disabled_at, a.created_at,
  coalesce((select jsonb_agg(o.office_id order by o.office_id) from account_offices o where o.account_id = a.id), '[]'::jsonb) as office_ids
  from accounts a`;

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    username: r.username ?? '',
    name: r.name,
    role: r.role as StaffRole,
    officeIds: r.office_ids,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  };
}

export function principalOf(r: Pick<AccountRow, 'id' | 'role' | 'name' | 'office_ids'>): Principal {
  return { accountId: r.id, role: r.role, officeIds: r.office_ids, name: r.name };
}

/** What a login needs: the hash, whether the account may sign in, and who it is. */
export async function findLoginAccount(q: Queryable, username: string) {
  const [row] = await q.query<AccountRow>(`${SELECT} where a.username = $1`, [username]);
  if (!row) return null;
  return { principal: principalOf(row), passwordHash: row.password_hash, disabled: row.disabled_at !== null };
}

export async function listAccounts(q: Queryable): Promise<Account[]> {
  const rows = await q.query<AccountRow>(`${SELECT} where a.role <> 'kiosk' order by a.username`);
  return rows.map(toAccount);
}

export async function getAccount(q: Queryable, id: string): Promise<Account | null> {
  const [row] = await q.query<AccountRow>(`${SELECT} where a.id = $1 and a.role <> 'kiosk'`, [id]);
  return row ? toAccount(row) : null;
}

/** Office ids that are not (or no longer) in the catalogue. */
export async function unknownOffices(q: Queryable, officeIds: readonly string[]): Promise<string[]> {
  if (officeIds.length === 0) return [];
  const rows = await q.query<{ id: string }>(
    `select id from catalogue_docs where collection = 'offices' and not deleted and id = any($1::text[])`,
    [officeIds],
  );
  const known = new Set(rows.map((r) => r.id));
  return officeIds.filter((id) => !known.has(id));
}

export async function setOffices(q: Queryable, accountId: string, officeIds: readonly string[]): Promise<void> {
  await q.query('delete from account_offices where account_id = $1', [accountId]);
  for (const officeId of new Set(officeIds)) {
    await q.query('insert into account_offices (account_id, office_id) values ($1, $2)', [accountId, officeId]);
  }
}

export class UsernameTaken extends Error {}

export async function insertAccount(
  q: Queryable,
  a: { username: string | null; name: string; role: Role; officeIds: readonly string[]; passwordHash: string | null },
): Promise<string> {
  const id = randomUUID();
  const rows = await q.query(
    `insert into accounts (id, username, name, role, password_hash) values ($1, $2, $3, $4, $5)
     on conflict (username) do nothing returning id`,
    [id, a.username, a.name, a.role, a.passwordHash],
  );
  if (rows.length === 0) throw new UsernameTaken(`The username ${a.username} is taken.`);
  await setOffices(q, id, a.officeIds);
  return id;
}

/** Ends every session and bearer token of an account at once (disable, password reset, role change). */
export async function endAllSessions(q: Queryable, accountId: string): Promise<void> {
  await q.query('delete from sessions where account_id = $1', [accountId]);
  await q.query('update access_tokens set revoked_at = now() where account_id = $1 and revoked_at is null', [
    accountId,
  ]);
}

export async function activeAdministrators(q: Queryable): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `select id from accounts where role = 'administrator' and disabled_at is null`,
  );
  return rows.map((r) => r.id);
}

/**
 * Creates an administrator. With `onlyIfNone`, nothing happens when any administrator exists
 * (the environment path: a restart never overwrites or duplicates).
 */
export async function createAdministrator(
  db: Database,
  username: string,
  password: string,
  opts: { onlyIfNone: boolean; via: 'environment' | 'cli' },
): Promise<'created' | 'exists'> {
  const none = async (q: Queryable) =>
    (await q.query(`select 1 from accounts where role = 'administrator' limit 1`)).length === 0;
  if (opts.onlyIfNone && !(await none(db))) return 'exists';
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // One creator at a time when several instances start together.
    await lockUntilCommit(tx, 'administrators');
    if (opts.onlyIfNone && !(await none(tx))) return 'exists';
    const id = await insertAccount(tx, {
      username,
      name: username,
      role: 'administrator',
      officeIds: [],
      passwordHash,
    });
    await audit(tx, null, 'account.create', { kind: 'account', id, detail: { role: 'administrator', via: opts.via } });
    return 'created';
  });
}
