// Kiosk devices: an account of role kiosk (no username, no password) bound to one office, and a
// bearer token shown once at enrolment. Revoking disables the account and its tokens at once.
import type { Device } from '../../domain/accounts/account.ts';
import type { Queryable } from '../storage/db.ts';
import { endAllSessions, insertAccount } from './accounts.ts';
import { createToken } from './sessions.ts';

type DeviceRow = {
  id: string;
  name: string;
  office_id: string | null;
  created_at: string;
  disabled_at: string | null;
};

const SELECT = `select a.id, a.name, a.created_at, a.disabled_at,
  (select min(o.office_id) from account_offices o where o.account_id = a.id) as office_id
  from accounts a where a.role = 'kiosk'`;

function toDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    name: r.name,
    officeId: r.office_id ?? '',
    enrolledAt: r.created_at,
    revoked: r.disabled_at !== null,
  };
}

export async function enrolDevice(
  q: Queryable,
  name: string,
  officeId: string,
): Promise<{ device: Device; token: string }> {
  const id = await insertAccount(q, { username: null, name, role: 'kiosk', officeIds: [officeId], passwordHash: null });
  const { token } = await createToken(q, id, 'device');
  return { device: (await getDevice(q, id))!, token };
}

export async function getDevice(q: Queryable, id: string): Promise<Device | null> {
  const [row] = await q.query<DeviceRow>(`${SELECT} and a.id = $1`, [id]);
  return row ? toDevice(row) : null;
}

export async function listDevices(q: Queryable): Promise<Device[]> {
  return (await q.query<DeviceRow>(`${SELECT} order by a.created_at desc`)).map(toDevice);
}

export async function revokeDevice(q: Queryable, id: string): Promise<Device | null> {
  const rows = await q.query(
    `update accounts set disabled_at = coalesce(disabled_at, now()), updated_at = now() where id = $1 and role = 'kiosk' returning id`,
    [id],
  );
  if (rows.length === 0) return null;
  await endAllSessions(q, id);
  return getDevice(q, id);
}
