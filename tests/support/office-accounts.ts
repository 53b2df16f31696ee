// Back-office accounts made directly in a test server's database, with the product's account store.
import { insertAccount } from '../../src/server/auth/accounts.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import type { Database } from '../../src/server/storage/db.ts';

export async function createOfficer(
  db: Database,
  username: string,
  password: string,
  officeIds: string[],
  name = username,
): Promise<string> {
  return insertAccount(db, { username, name, role: 'officer', officeIds, passwordHash: await hashPassword(password) });
}
